import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { UserError } from "../errors.js";
import { parseScenario, validateScenario } from "./load.js";
import { MAX_AGENTS, MAX_STEPS } from "./schema.js";

/** The UserError message parseScenario throws for `text` (fails the test if it does not throw one). */
function errorOf(text: string, file = "s.yaml"): string {
  try {
    parseScenario(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).message;
  }
  throw new Error(`expected a UserError for:\n${text}`);
}

describe("malformed input", () => {
  it("reports malformed YAML with file:line:col", () => {
    const msg = errorOf("name: x\nagents: 10\n  steps: : 3\n", "bad.yaml");
    expect(msg).toMatch(/^bad\.yaml:\d+:\d+: malformed YAML\/JSON: /);
  });

  it("points at the line of a duplicated key", () => {
    expect(errorOf("agents: 5\nagents: 6\n")).toMatch(
      /^s\.yaml:2:1: malformed YAML\/JSON: .*unique/,
    );
  });

  it("reports malformed JSON with its position", () => {
    expect(errorOf('{"name": "j", "agents": 300,, }', "s.json")).toMatch(
      /^s\.json:1:\d+: malformed YAML\/JSON/,
    );
  });

  it("refuses a list or a scalar at the top level", () => {
    expect(errorOf("- 1\n- 2\n")).toMatch(/^s\.yaml:1:1: .*mapping.*not a list/);
    expect(errorOf("42\n")).toMatch(/^s\.yaml:1:1: .*mapping.*not number 42/);
  });
});

describe("unknown fields", () => {
  it("names the field path, line and column, the allowed fields and a did-you-mean", () => {
    const msg = errorOf("name: x\nnetwork:\n  kind: sbm\n  meanDegre: 4\n");
    expect(msg).toContain("s.yaml:4:3: network.meanDegre: unknown field");
    expect(msg).toContain('did you mean "meanDegree"?');
    expect(msg).toMatch(/allowed: kind, meanDegree, rewire, homophily, path/);
  });

  it("works at the top level", () => {
    const msg = errorOf("name: x\nagnets: 5\n");
    expect(msg).toContain("s.yaml:2:1: agnets: unknown field");
    expect(msg).toContain('did you mean "agents"?');
    expect(msg).toMatch(/allowed: .*\bsteps\b.*\bagents\b/);
  });

  it("works deep inside mechanisms", () => {
    const msg = errorOf("mechanisms:\n  tiers:\n    cutofA: 700\n");
    expect(msg).toContain("s.yaml:3:5: mechanisms.tiers.cutofA: unknown field");
    expect(msg).toContain('did you mean "cutoffA"?');
    expect(msg).toMatch(/allowed: cutoffA, cutoffB, cutoffC/);
  });

  it("works inside a list entry", () => {
    const msg = errorOf("population:\n  groups:\n    - { name: a, share: 1, shar: 2 }\n");
    expect(msg).toContain("population.groups.0.shar: unknown field");
    expect(msg).toContain('did you mean "share"?');
    expect(msg).toMatch(/^s\.yaml:3:\d+:/);
  });

  it("offers no did-you-mean for a name far from every field", () => {
    const msg = errorOf("network:\n  zzzzzzzzzz: 1\n");
    expect(msg).toContain("network.zzzzzzzzzz: unknown field;");
    expect(msg).not.toContain("did you mean");
  });

  it("refuses SCS fields in an epstein scenario", () => {
    const msg = errorOf("model: epstein\nagents: 100\n");
    expect(msg).toContain("s.yaml:2:1: agents: unknown field");
    expect(msg).toMatch(/allowed: .*epstein/);
  });
});

describe("wrong values", () => {
  it("names the expected type for text where a number belongs", () => {
    const msg = errorOf("name: x\nagents: many\n");
    expect(msg).toMatch(/^s\.yaml:2:9: agents: expected number/);
  });

  it("names the expected type for a number where text belongs", () => {
    expect(errorOf("name: 3\n")).toMatch(/^s\.yaml:1:7: name: expected string/);
  });

  it("refuses a fractional number of agents", () => {
    expect(errorOf("agents: 100.5\n")).toBe(
      "s.yaml:1:9: agents: expected a whole number, got number 100.5",
    );
  });

  it("refuses negative agents and steps with their bounds", () => {
    expect(errorOf("agents: -5\n")).toBe("s.yaml:1:9: agents: value must be ≥ 2");
    expect(errorOf("steps: -1\n")).toBe("s.yaml:1:8: steps: value must be ≥ 1");
    expect(errorOf("steps: 0\n")).toBe("s.yaml:1:8: steps: value must be ≥ 1");
  });

  it("refuses absurd sizes with the upper bound", () => {
    expect(errorOf("agents: 1e12\n")).toBe(`s.yaml:1:9: agents: value must be ≤ ${MAX_AGENTS}`);
    expect(errorOf(`steps: ${MAX_STEPS + 1}\n`)).toBe(
      `s.yaml:1:8: steps: value must be ≤ ${MAX_STEPS}`,
    );
  });

  it("refuses a negative seed", () => {
    expect(errorOf("seed: -1\n")).toBe("s.yaml:1:7: seed: value must be ≥ 0");
  });

  it("lists the allowed values of an enum", () => {
    const msg = errorOf("network:\n  kind: smallworld\n");
    expect(msg).toMatch(/^s\.yaml:2:9: network\.kind: must be one of /);
    for (const k of ["erdos-renyi", "watts-strogatz", "barabasi-albert", "sbm", "edge-list"]) {
      expect(msg).toContain(`"${k}"`);
    }
  });

  it("lists the allowed values of an enum inside a list", () => {
    const msg = errorOf("mechanisms:\n  sanctions:\n    loan: { triggers: [bogus] }\n");
    expect(msg).toContain("mechanisms.sanctions.loan.triggers.0: must be one of");
    expect(msg).toContain('"court"');
    expect(msg).toMatch(/^s\.yaml:3:\d+:/);
  });

  it("lists the allowed models", () => {
    expect(errorOf("model: sir\n")).toBe(
      's.yaml:1:8: model: must be one of scs, epstein; got "sir"',
    );
  });

  it("names every distribution kind for an unknown one", () => {
    const msg = errorOf("population:\n  income: { dist: pareto, a: 1 }\n");
    expect(msg).toContain("population.income.dist");
    for (const d of ["constant", "uniform", "beta", "normal", "lognormal"])
      expect(msg).toContain(d);
  });

  it("asks an edge-list network for its path", () => {
    expect(errorOf("network:\n  kind: edge-list\n")).toMatch(
      /network\.path: kind edge-list needs a path/,
    );
  });

  it("reports several problems at once, at most five and a count of the rest", () => {
    const msg = errorOf(
      "agents: x\nsteps: y\nname: 3\nnetwork: {meanDegree: z, rewire: 2, kind: q}\nseed: -3\n",
    );
    const lines = msg.split("\n");
    expect(lines.length).toBe(6);
    expect(lines[5]).toMatch(/^\(and \d+ more\)$/);
    for (const l of lines.slice(0, 5)) expect(l).toMatch(/^s\.yaml:\d+:\d+: /);
  });
});

describe("valid scenarios get defaults", () => {
  it("an empty file (or one of comments only) is an error, not the default scenario", () => {
    for (const text of ["", "# nothing here\n", "---\n"]) {
      expect(() => parseScenario(text, "empty.yaml"), JSON.stringify(text)).toThrow(
        /^empty\.yaml: the file is empty/,
      );
    }
  });

  it("a file of one field is the default SCS scenario", () => {
    const s = parseScenario("name: x\n", "one.yaml");
    expect(s.model).toBe("scs");
    if (s.model !== "scs") return;
    expect(s.agents).toBe(10_000);
    expect(s.steps).toBe(365);
    expect(s.seed).toBe(1);
    expect(s.network.kind).toBe("sbm");
    expect(s.population.groups.map((g) => g.name)).toEqual(["majority", "minority"]);
    expect(s.mechanisms.tiers).toBeDefined();
  });

  it("an epstein scenario validates and gets Epstein's defaults", () => {
    const s = parseScenario("model: epstein\nepstein:\n  width: 20\n", "e.yaml");
    expect(s.model).toBe("epstein");
    if (s.model !== "epstein") return;
    expect(s.steps).toBe(200);
    expect(s.seed).toBe(1);
    expect(s.name).toBe("unnamed");
    expect(s.epstein.width).toBe(20);
    expect(s.epstein.height).toBe(40);
    expect(s.epstein.citizenDensity).toBe(0.7);
    expect(s.epstein.copDensity).toBe(0.074);
    expect("agents" in s).toBe(false);
  });

  it("reads JSON input", () => {
    const s = parseScenario(
      '{"name": "j", "agents": 300, "seed": "abc", "network": {"kind": "erdos-renyi", "meanDegree": 4}}',
      "s.json",
    );
    expect(s.model).toBe("scs");
    if (s.model !== "scs") return;
    expect(s.name).toBe("j");
    expect(s.agents).toBe(300);
    expect(s.seed).toBe("abc");
    expect(s.network).toMatchObject({ kind: "erdos-renyi", meanDegree: 4, rewire: 0.1 });
    expect(s.steps).toBe(365);
  });

  it("keeps a 64-bit seed given as text", () => {
    const s = parseScenario("seed: '18446744073709551615'\n");
    expect(s.seed).toBe("18446744073709551615");
  });

  it("validateScenario checks an object without a file", () => {
    expect(() => validateScenario({ agents: 1 })).toThrow(UserError);
    expect(() => validateScenario({ agents: 1 })).toThrow(/scenario: agents: value must be ≥ 2/);
    const s = validateScenario({ agents: 50, steps: 3 });
    expect(s.steps).toBe(3);
  });
});

describe("presets", () => {
  const dir = fileURLToPath(new URL("../../../scenarios/", import.meta.url));
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f));

  it("the scenarios directory holds the presets", () => {
    expect(files).toContain("financial-only.yaml");
    expect(files).toContain("integrated.yaml");
  });

  it.each(files)("%s validates, and its name is its file name", (f) => {
    const s = parseScenario(readFileSync(join(dir, f), "utf8"), f);
    expect(s.name).toBe(f.replace(/\.(ya?ml|json)$/, ""));
    expect(s.description.length).toBeGreaterThan(0);
  });
});
