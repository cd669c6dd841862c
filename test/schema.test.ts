import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { scenarioSchema } from "../src/core/scenario/schema.js";

describe("docs/scenario.schema.json", () => {
  it("is the JSON Schema `scsim schema` prints (regenerate: node bin/scsim.js schema > docs/scenario.schema.json)", () => {
    const committed = JSON.parse(
      readFileSync(new URL("../docs/scenario.schema.json", import.meta.url), "utf8"),
    );
    const generated = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
    expect(committed).toEqual(JSON.parse(JSON.stringify(generated)));
  });

  it("documents every field of the model scenario with a description", () => {
    const schema = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as {
      anyOf: { properties: Record<string, { description?: string }> }[];
    };
    for (const branch of schema.anyOf) {
      for (const [name, prop] of Object.entries(branch.properties)) {
        expect(prop.description, `field ${name}`).toBeTruthy();
      }
    }
  });
});
