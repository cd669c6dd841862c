/**
 * An agent's synthetic history in words: what it is now (tier, scores,
 * listings, detention, what it thinks in private and what it says), then
 * every change since step 0 (the end of the burn-in), day by day, from the tracer (records, scores,
 * listings, sanctions, ties cut, speech). The scheduler's columns (when the
 * agent's next event of each kind falls) are hidden unless asked for.
 */
import type { TraceEvent, TraceValue } from "../../../src/core/world/tracer.js";
import type { History } from "../design.js";
import { h } from "./dom.js";

const TIER = ["A", "B", "C", "D"];

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

function where(e: { sub: string | null; contact: number | null }): string {
  if (e.sub !== null) return ` (${e.sub})`;
  if (e.contact !== null) return ` (tie with agent ${e.contact})`;
  return "";
}

/** One event as a phrase. */
export function phrase(e: TraceEvent): string {
  const w = where(e);
  switch (e.column) {
    case "listed":
      return e.after ? "put on a blacklist" : "taken off every blacklist";
    case "detained":
      return e.after ? "detained" : "released from detention";
    case "tier":
      return `tier ${TIER[e.before] ?? e.before} → ${TIER[e.after] ?? e.after}`;
    case "latent":
      return e.after ? "now dissents in private" : "no longer dissents in private";
    case "expressed":
      return e.after ? "says it dissents" : "stops saying it dissents";
    case "approvalExpressed":
      return e.after ? "states approval" : "stops stating approval";
    case "protest":
      return e.after ? "protests" : "stops protesting";
    case "edgeActive":
      return `cut the tie${w}`;
    case "listedUntil":
      return e.after > 0 ? `listed${w} until step ${e.after}` : `listing${w} ended`;
    case "neg":
      return e.after > e.before
        ? `negative record${w}: ${fmt(e.before)} → ${fmt(e.after)}`
        : `negative records${w} fade: ${fmt(e.before)} → ${fmt(e.after)}`;
    case "pos":
      return `positive records${w}: ${fmt(e.before)} → ${fmt(e.after)}`;
    case "score":
      return `score${w} ${fmt(e.before)} → ${fmt(e.after)}`;
    default:
      return `${e.column}${w}: ${fmt(e.before)} → ${fmt(e.after)}`;
  }
}

function now(values: TraceValue[], column: string): TraceValue[] {
  return values.filter((v) => v.column === column);
}

function one(values: TraceValue[], column: string): number | undefined {
  return now(values, column)[0]?.value;
}

/** The agent's state in a few sentences. */
function portrait(values: TraceValue[]): string {
  const tier = one(values, "tier");
  const listed = one(values, "listed");
  const detained = one(values, "detained");
  const latent = one(values, "latent");
  const expressed = one(values, "expressed");
  const approval = one(values, "approvalExpressed");
  const legit = one(values, "legitimacy");
  const ties = now(values, "edgeActive");
  const kept = ties.filter((v) => v.value === 1).length;
  const scores = now(values, "score")
    .map((v) => `${v.sub} ${v.value}`)
    .join(", ");
  const thinks = latent ? "privately dissents" : "does not dissent in private";
  const says = expressed
    ? "and says so"
    : latent
      ? "but does not say so (silenced)"
      : approval
        ? "and states approval"
        : "";
  return [
    `Tier ${TIER[tier ?? 3]}${listed ? ", listed" : ", not listed"}${detained ? ", detained" : ""}.`,
    `Scores: ${scores}.`,
    `It ${thinks} ${says}; private approval (legitimacy) ${legit === undefined ? "—" : fmt(legit)}.`,
    `Ties kept: ${kept} of ${ties.length}.`,
  ].join(" ");
}

export function renderHistory(
  el: HTMLElement,
  design: string,
  hist: History,
  showScheduling: boolean,
  scheduling: ReadonlySet<string>,
): void {
  const events = hist.events.filter((e) => showScheduling || !scheduling.has(e.column));
  const byStep = new Map<number, TraceEvent[]>();
  for (const e of events) {
    const list = byStep.get(e.step) ?? [];
    list.push(e);
    byStep.set(e.step, list);
  }
  const days = [...byStep.entries()].map(([step, list]) =>
    h(
      "li",
      {},
      h("strong", {}, `day ${step}: `),
      ...list.flatMap((e, i) => [
        i > 0 ? "; " : "",
        h("span", { title: `${e.owner} ${e.column}: ${e.doc}` }, phrase(e)),
      ]),
    ),
  );
  el.replaceChildren(
    h("h3", { id: "history-title" }, `Agent ${hist.agent} in design ${design}`),
    h("p", { class: "portrait" }, portrait(hist.current)),
    h(
      "p",
      { class: "hint" },
      `${events.length} changes since step ${hist.since} (steps and days count from the end of the burn-in, as the run bar's)${hist.dropped ? ` (log full: ${hist.dropped} later changes of sampled agents not kept)` : ""}. Hover a change for the column's definition.`,
    ),
    days.length ? h("ol", { class: "days" }, ...days) : h("p", {}, "No change yet."),
  );
}
