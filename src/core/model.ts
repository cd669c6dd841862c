import {
  M1,
  M3,
  M4,
  M5,
  M8,
  M9,
  M11,
  M12,
  M13,
  M14,
  M15,
  M17,
  M18,
} from "./mechanisms/registry.generated.js";
import { recordMetrics, startHorizon } from "./metrics/recorder.js";
import type { Csr } from "./network/csr.js";
import type { Population } from "./population/index.js";
import type { Seed64 } from "./rng/seed.js";
import type { ScsScenario } from "./scenario/schema.js";
import type { Simulation } from "./simulation.js";
import { buildBase, buildWorld } from "./world/build.js";
import { stateHash } from "./world/hash.js";
import { type PublicWords, packPublic, publicWords } from "./world/public-flags.js";
import type { World } from "./world/world.js";

/**
 * The social credit system model. `step()` is the schedule: read it top to
 * bottom to see what happens in one step (a day). Each line is one mechanism
 * of MECHANISMS.md, a function over the agents' columns in
 * `src/core/mechanisms/`, named after it.
 *
 * Most of what agents do is rare on a given day (a bill, a flight, a post), so
 * mechanisms are event-driven: each agent keeps the step of its next event of
 * each kind, and a step touches only the agents whose event is due. Their
 * random words come in one batch per kind (Philox, keyed by stream, step and
 * agent), so the result is the same whatever the order of the agents.
 */
export class ScsModel implements Simulation {
  /** The population, its network and every mechanism's state (src/core/world/). */
  readonly world: World;
  private readonly pubWords: PublicWords;
  /** Every counter, cleared at the start of each step (listed once: no allocation per step). */
  private readonly counters: Float64Array[];

  constructor(
    readonly scenario: ScsScenario,
    graph: Csr | ((pop: Population, seed: Seed64) => Csr),
  ) {
    this.world = buildWorld(buildBase(scenario, graph));
    this.pubWords = publicWords(this.world.pub, this.world.state);
    this.counters = Object.values(this.world.count);
    this.burnIn = scenario.burnIn;
    this.stepsTotal = scenario.burnIn + scenario.steps;
    this.initialise();
    if (this.burnIn === 0) startHorizon(this.world);
  }

  /** Warm-up steps before the recorded horizon. */
  readonly burnIn: number;
  /** Steps of the whole run: burn-in and horizon. */
  readonly stepsTotal: number;

  get t(): number {
    return this.world.t;
  }

  get agents(): number {
    return this.world.n;
  }

  get metrics(): World["metrics"] {
    return this.world.metrics;
  }

  /** The state before step 1: first events drawn, opinions set, everyone scored. */
  private initialise(): void {
    const w = this.world;
    for (let i = 0; i < w.n; i++) w.tally.agents[w.pop.group[i]]++;
    M9.steps.init(w); // M9: every tie is kept
    M13.steps.init(w); // M13: who is targeted
    M8.steps.init(w); // M8, M17: initial legitimacy, private and stated opinion
    M3.steps.init(w); // M3: first rewarded acts
    M18.steps.init(w); // M18: who takes part from the start
    M1.steps.init(w); // M1: first loan requests
    M11.steps.init(w); // M11: first travel and job attempts
    M4.steps.updateCoverage(w, 0); // M4: who the system covers
    M12.steps.init(w); // M12: everyone starts in tier D …
    M5.steps.scoreEveryone(w); // M5: … and is scored
    M14.steps.updateCap(w); // M14: the group cap
    for (let i = 0; i < w.n; i++) w.sched.updateNextAny(i, 0);
  }

  /** One step of the schedule. */
  step(): void {
    const w = this.world;
    if (w.t >= this.stepsTotal) {
      throw new RangeError(`scsim: this model was built for ${this.stepsTotal} steps`);
    }
    const t = ++w.t;
    this.beginStep(t);
    M4.steps.rollout(w, t); // M4: pilots, then nationwide
    M14.steps.updateCap(w); // M14: the group cap follows the mean score
    M18.steps.participation(w, t); // M18: voluntary, then mandatory participation
    M15.steps.releaseDetained(w, t); // M15: detentions that end
    M1.steps.financialRating(w, t); // M1: obligations met or defaulted, loans (records: M16; platform: M6)
    M3.steps.rewards(w, t); // M3: rewarded acts
    M17.steps.speech(w, t); // M17, M8: learned risk, approval, expression; observed (M7) and scored (M2)
    M17.steps.protests(w, t); // M17: protest cascades, filmed (M7, M13) and scored (M2)
    M11.steps.sanctions(w, t); // M11: travel, job and school attempts and their denials
    M5.steps.expireListings(w, t); // M5: listings whose term ends are reviewed (appeal: B1)
    M5.steps.reviewScores(w, t); // M5, M16, M12: periodic review of faded records and tiers
    M9.steps.ostracism(w, t); // M9: contacts of listings that became known weigh their ties
    w.sched.updateDue(t);
    if (t === this.burnIn) startHorizon(w);
    else if (t > this.burnIn) recordMetrics(w, t - this.burnIn);
  }

  /**
   * What every step starts with: contacts' view of each other is frozen
   * (public flags), counters are cleared, and the agents due are found.
   */
  private beginStep(t: number): void {
    const w = this.world;
    packPublic(this.pubWords);
    for (let c = 0; c < this.counters.length; c++) this.counters[c].fill(0);
    w.sched.findDue(t);
  }

  stateHash(): string {
    return stateHash(this.world);
  }
}
