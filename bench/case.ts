/**
 * One benchmark case in its own process, so its peak RSS is its own:
 *   node dist/bench/case.js <preset> <agents> [steps]
 * Prints one JSON line: build and step seconds, agent-steps per second, peak RSS.
 * The engine's speed is measured over `steps` recorded steps with no burn-in
 * (a burn-in step costs what a recorded one does, without the metrics).
 */

import { applyOverrides } from "../src/cli/overrides.js";
import { buildSimulation } from "../src/core/build.js";
import { runToEnd } from "../src/core/simulation.js";
import { loadPreset } from "../src/node/scenario-file.js";

const [preset, agentsText, stepsText] = process.argv.slice(2);
const loaded = loadPreset(preset);
const s = applyOverrides(loaded.scenario, {
  ...(loaded.scenario.model === "scs" ? { agents: agentsText, burnIn: "0" } : {}),
  steps: stepsText ?? "365",
});
const t0 = performance.now();
const sim = buildSimulation(s);
const t1 = performance.now();
runToEnd(sim);
const t2 = performance.now();
const hash = sim.stateHash();
const buildS = (t1 - t0) / 1000;
const stepS = (t2 - t1) / 1000;
process.stdout.write(
  `${JSON.stringify({
    preset,
    agents: sim.agents,
    steps: s.steps,
    buildSeconds: buildS,
    stepSeconds: stepS,
    totalSeconds: buildS + stepS,
    agentStepsPerSecond: (sim.agents * s.steps) / stepS,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    stateHash: hash,
  })}\n`,
);
