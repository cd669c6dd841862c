import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UserError } from "../errors.js";
import { parseScenario } from "../scenario/load.js";
import { type ExperimentFile, parseExperiment, prepareExperiment } from "./prepare.js";
import { experimentJsonSchema } from "./schema.js";
import { pointScenario, unitAt, unitScenario } from "./units.js";

const base = parseScenario(readFileSync("scenarios/financial-only.yaml", "utf8"), "financial-only");

const EXAMPLE = `version: 1
name: deterrence sweep
base:
  preset: financial-only
  overrides:
    agents: 500
    steps: 30
factors:
  - path: mechanisms.financial.deterrence
    range: [0, 1]
  - path: network.meanDegree
    levels: [6, 12]
design:
  type: grid
  levels: 3
replications: 4
seed: 42
metrics:
  - metric: listed
  - metric: listed
    at: mean
    last: 10
`;

function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as Error).message;
  }
  throw new Error("expected a UserError");
}

describe("experiment files", () => {
  it("parse, with defaults filled in", () => {
    const { experiment: e } = parseExperiment(EXAMPLE, "sweep.yaml");
    expect(e.version).toBe(1);
    expect(e.factors[0].distribution).toBe("uniform");
    expect(e.design).toEqual({ type: "grid", levels: 3 });
    expect(e.level).toBe(0.95);
    expect(e.pairedSeeds).toBeUndefined();
  });

  it("name unknown fields with line:column, the allowed fields and a did-you-mean", () => {
    const msg = message(() =>
      parseExperiment(EXAMPLE.replace("replications: 4", "replicatons: 4"), "sweep.yaml"),
    );
    expect(msg).toContain(
      'sweep.yaml:16:1: replicatons: unknown field (did you mean "replications"?)',
    );
    expect(msg).toContain("allowed: version, name, description, base, model, factors, design");
  });

  it("name the allowed design types and a design's own fields", () => {
    expect(
      message(() => parseExperiment(EXAMPLE.replace("type: grid", "type: gird"), "s.yaml")),
    ).toBe(
      's.yaml:14:9: design.type: must be one of "grid", "lhs", "sobol", "morris", "csv"; got "gird" (did you mean "grid"?)',
    );
    const msg = message(() =>
      parseExperiment(EXAMPLE.replace("  levels: 3", "  levles: 3"), "s.yaml"),
    );
    expect(msg).toContain(
      's.yaml:15:3: design.levles: unknown field (did you mean "levels"?); allowed: type, levels',
    );
  });

  it("refuse a factor with both levels and range, or a bad range, at its line", () => {
    const both = EXAMPLE.replace("    range: [0, 1]", "    range: [0, 1]\n    levels: [1]");
    expect(message(() => parseExperiment(both, "s.yaml"))).toContain(
      "s.yaml:9:5: factors.0: give either levels: [...] or range: [min, max], not both or neither",
    );
    const bad = EXAMPLE.replace("range: [0, 1]", "range: [1, 0]");
    expect(message(() => parseExperiment(bad, "s.yaml"))).toContain(
      "s.yaml:10:12: factors.0.range: min 1 must be below max 0",
    );
    const logu = EXAMPLE.replace("range: [0, 1]", "range: [0, 1]\n    distribution: log-uniform");
    expect(message(() => parseExperiment(logu, "s.yaml"))).toContain(
      "a log-uniform range needs min > 0",
    );
    const normal = EXAMPLE.replace("range: [0, 1]", "range: [0, 1]\n    distribution: normal");
    expect(message(() => parseExperiment(normal, "s.yaml"))).toContain("needs mean and sd");
  });

  it("need a version, and either a base or a model", () => {
    expect(message(() => parseExperiment(EXAMPLE.replace("version: 1\n", ""), "s.yaml"))).toContain(
      "version: must be one of 1",
    );
    expect(message(() => parseExperiment(`${EXAMPLE}model: ishigami\n`, "s.yaml"))).toContain(
      "give either base (a scenario) or model",
    );
    expect(message(() => parseExperiment("", "s.yaml"))).toContain("not an empty file");
  });

  it("refuse seed as a factor and a factor given twice", () => {
    const twice = EXAMPLE.replace(
      "path: network.meanDegree",
      "path: mechanisms.financial.deterrence",
    );
    expect(message(() => parseExperiment(twice, "s.yaml"))).toContain(
      "mechanisms.financial.deterrence is already a factor",
    );
    const seed = EXAMPLE.replace("path: network.meanDegree", "path: seed");
    expect(message(() => parseExperiment(seed, "s.yaml"))).toContain("seed cannot be a factor");
  });

  it("refuse alias bombs", () => {
    // Eight levels of ten aliases each would expand to 10^8 leaves.
    let text = "a0: &a0 [1]\n";
    for (let i = 1; i <= 8; i++)
      text += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(",")}]\n`;
    expect(message(() => parseExperiment(text, "bomb.yaml"))).toContain(
      "the aliases expand to too much data",
    );
  });
});

describe("prepareExperiment", () => {
  const file = (text = EXAMPLE): ExperimentFile => parseExperiment(text, "sweep.yaml");

  it("builds the grid, applies the overrides and resolves each point's scenario", () => {
    const p = prepareExperiment(file(), { base });
    expect(p.design.points).toBe(6);
    expect(p.units).toBe(24);
    expect(p.paired).toBe(true);
    expect(p.outputs.map((o) => o.name)).toEqual(["listed", "listed_last10"]);
    const s = pointScenario(p, 5);
    expect(s.model).toBe("scs");
    if (s.model !== "scs") return;
    expect(s.agents).toBe(500);
    expect(s.steps).toBe(30);
    expect(s.mechanisms.financial.deterrence).toBe(1);
    expect(s.network.meanDegree).toBe(12);
    // Everything else is the preset's.
    expect(s.mechanisms.tiers.cutoffA).toBe(700);
  });

  it("gives each unit its derived seed as the full 64-bit decimal text", () => {
    const p = prepareExperiment(file(), { base });
    const u = unitAt(p, 7);
    expect([u.point, u.replication]).toEqual([1, 3]);
    expect(unitScenario(p, u).seed).toBe(
      ((BigInt(u.seed.hi) << 32n) | BigInt(u.seed.lo)).toString(),
    );
  });

  it("refuses an unknown factor path at the factor's line, with a did-you-mean", () => {
    const bad = EXAMPLE.replace(
      "mechanisms.financial.deterrence",
      "mechanisms.financial.deterence",
    );
    const msg = message(() => prepareExperiment(file(bad), { base }));
    expect(msg).toContain(
      'sweep.yaml:9:11 (factor mechanisms.financial.deterence = 0): mechanisms.financial.deterence: unknown field (did you mean "deterrence"?)',
    );
  });

  it("refuses a factor value the scenario does not allow, naming the value", () => {
    const bad = EXAMPLE.replace("levels: [6, 12]", "levels: [6, -3]");
    const msg = message(() => prepareExperiment(file(bad), { base }));
    expect(msg).toContain("(factor network.meanDegree = -3): network.meanDegree: value must be");
  });

  it("refuses a bad override at its line", () => {
    const bad = EXAMPLE.replace("agents: 500", "agents: many");
    expect(message(() => prepareExperiment(file(bad), { base }))).toContain(
      'sweep.yaml:6:13: agents: expected number, got the text "many"',
    );
  });

  it("refuses an impossible size up front", () => {
    const big = EXAMPLE.replace("levels: 3", "levels: 1000").replace(
      "replications: 4",
      "replications: 10000",
    );
    expect(message(() => prepareExperiment(file(big), { base }))).toContain("is more than the");
    expect(message(() => prepareExperiment(file(), { base, maxUnits: 10 }))).toContain(
      "more than the 2 allowed",
    );
  });

  it("checks metric names and groups when told them", () => {
    const bad = EXAMPLE.replace("  - metric: listed\n  - metric", "  - metric: lisetd\n  - metric");
    expect(
      message(() => prepareExperiment(file(bad), { base, metricNames: ["listed", "detained"] })),
    ).toContain(
      'sweep.yaml:19:13: metrics.0.metric: unknown metric "lisetd" (did you mean "listed"?)',
    );
    const group = EXAMPLE.replace("    last: 10", "    last: 10\n    group: minoritty");
    expect(message(() => prepareExperiment(file(group), { base }))).toContain(
      'unknown group "minoritty" (did you mean "minority"?); groups: all, majority, minority',
    );
  });

  it("refuses two outputs with one name", () => {
    const dup = `${EXAMPLE}  - metric: listed\n`;
    expect(message(() => prepareExperiment(file(dup), { base }))).toContain(
      'output "listed" is already metrics.0',
    );
  });

  it("a test model takes its own factors, and y as its output", () => {
    const e = parseExperiment(
      "version: 1\nmodel: ishigami\nfactors:\n  - path: x1\n    range: [0, 1]\ndesign: {type: lhs, points: 10}\n",
      "t.yaml",
    );
    expect(message(() => prepareExperiment(e))).toContain(
      "the ishigami model takes the factors x1, x2, x3",
    );
    const m = parseExperiment(
      "version: 1\nmodel: sobol-g\ndesign: {type: lhs, points: 10}\nmetrics: [{metric: listed}]\n",
      "t.yaml",
    );
    expect(message(() => prepareExperiment(m))).toContain("a test model has one output, metric y");
  });

  it("lhs defaults to independent seeds, the other designs to paired", () => {
    const lhs = prepareExperiment(
      parseExperiment("version: 1\nmodel: ishigami\ndesign: {type: lhs, points: 4}\n"),
    );
    expect(lhs.paired).toBe(false);
    const forced = prepareExperiment(
      parseExperiment(
        "version: 1\nmodel: ishigami\npairedSeeds: true\ndesign: {type: lhs, points: 4}\n",
      ),
    );
    expect(forced.paired).toBe(true);
  });
});

describe("JSON Schema for editors", () => {
  it("describes the file and matches docs/experiment.schema.json", () => {
    const schema = experimentJsonSchema() as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(schema.properties)).toContain("design");
    expect(schema.required).toEqual(expect.arrayContaining(["version", "design"]));
    const committed = JSON.parse(readFileSync("docs/experiment.schema.json", "utf8"));
    expect(committed).toEqual(schema);
  });
});

describe("docs/EXPERIMENTS.md", () => {
  it("its examples parse and prepare", () => {
    const doc = readFileSync("docs/EXPERIMENTS.md", "utf8");
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBe(2);
    const p = prepareExperiment(parseExperiment(blocks[0], "EXPERIMENTS.md"), { base });
    expect(p.design.points).toBe(512 * 5);
    expect(p.units).toBe(512 * 5 * 4);
    expect(p.outputs.map((o) => o.name)).toEqual([
      "listed",
      "wrongly_listed_last90",
      "listed.minority_series",
    ]);
    const t = prepareExperiment(parseExperiment(blocks[1], "EXPERIMENTS.md"));
    expect(t.testModel?.name).toBe("ishigami");
  });
});
