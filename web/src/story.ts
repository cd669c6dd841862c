/**
 * The mechanism controls, one per mechanism M1–M18 and B1, in the order of
 * the article's story: the order in which the article's sentence each one
 * models first appears in the source article (M17's "Totenstille" is in its
 * opening paragraph; M18 comes from the readers' comments; B1, the
 * rights-respecting alternative, is not in the article). A test checks this
 * order against the article (web/test/story.test.ts).
 *
 * Each control writes one value to one or more paths under the scenario's
 * `mechanisms`; the advanced panel has every other field.
 */
import { SANCTIONS, SUBSYSTEMS } from "../../src/core/subsystems.js";

export const STORY_ORDER = [
  "M17",
  "M1",
  "M2",
  "M3",
  "M4",
  "M5",
  "M6",
  "M7",
  "M8",
  "M9",
  "M10",
  "M11",
  "M12",
  "M13",
  "M16",
  "M14",
  "M15",
  "M18",
  "B1",
] as const;

export type StoryId = (typeof STORY_ORDER)[number];

interface Base {
  /** Short label of what the control sets. */
  label: string;
  /** Paths under `mechanisms` it writes (the first is the one it shows). */
  paths: string[][];
}

export type ControlSpec =
  | (Base & { kind: "toggle" })
  | (Base & { kind: "range"; min: number; max: number; step: number })
  | (Base & {
      kind: "select";
      /** Fixed options, or "groups": none and each population group. */
      options: readonly (string | null)[] | "groups";
    });

/** Every sub-system's `retention`, the financial one (which every preset runs) first. */
const retentionPaths = ["financial", ...SUBSYSTEMS.filter((s) => s !== "financial")].map((s) => [
  "subsystems",
  s,
  "retention",
]);

export const CONTROLS: Record<StoryId, ControlSpec> = {
  M17: {
    kind: "range",
    label: "Weight of known surveillance in the risk an agent sees in speaking out",
    paths: [["dissent", "surveillanceWeight"]],
    min: 0,
    max: 5,
    step: 0.1,
  },
  M1: {
    kind: "toggle",
    label: "Financial rating (payment records)",
    paths: [["financial", "enabled"]],
  },
  M2: {
    kind: "toggle",
    label: "Political data (criticism, protest) is scored",
    paths: [["political", "enabled"]],
  },
  M3: { kind: "toggle", label: "Rewarded system-conform acts", paths: [["rewards", "enabled"]] },
  M4: {
    kind: "toggle",
    label: "Pilot regions first, then nationwide",
    paths: [["pilots", "enabled"]],
  },
  M5: {
    kind: "range",
    label: "Integration: share of listings passed to the other sub-systems",
    paths: [["integration", "level"]],
    min: 0,
    max: 1,
    step: 0.05,
  },
  M6: {
    kind: "range",
    label: "Cashless share of transactions (the platform sees them)",
    paths: [["platform", "cashlessShare"]],
    min: 0,
    max: 1,
    step: 0.05,
  },
  M7: {
    kind: "range",
    label: "Camera coverage",
    paths: [["observation", "cameras", "coverage"]],
    min: 0,
    max: 1,
    step: 0.05,
  },
  M8: {
    kind: "range",
    label: "Initial private approval (mean legitimacy)",
    paths: [["approval", "initial"]],
    min: 0,
    max: 1,
    step: 0.05,
  },
  M9: {
    kind: "toggle",
    label: "Association penalty (contacts of the listed lose points)",
    paths: [["association", "enabled"]],
  },
  M10: {
    kind: "select",
    label: "Blacklist visibility",
    paths: [["visibility", "list"]],
    options: ["private", "public"],
  },
  M11: {
    kind: "select",
    label: "Every sanction also applies from this tier down",
    paths: SANCTIONS.map((s) => ["sanctions", s, "fromTier"]),
    options: ["none", "D", "C", "B", "A"],
  },
  M12: {
    kind: "toggle",
    label: "Top-tier privileges that agents seek",
    paths: [["tiers", "privileges"]],
  },
  M13: {
    kind: "select",
    label: "Targeted group (watched more closely)",
    paths: [["targeted", "group"]],
    options: "groups",
  },
  M16: {
    kind: "range",
    label: "Mean life of a record, days, every sub-system (0 = records never expire)",
    paths: retentionPaths,
    min: 0,
    max: 1460,
    step: 30,
  },
  M14: {
    kind: "select",
    label: "Group whose score is capped at the mean",
    paths: [["groupCap", "group"]],
    options: "groups",
  },
  M15: { kind: "toggle", label: "Detention of the lowest tier", paths: [["detention", "enabled"]] },
  M18: {
    kind: "toggle",
    label: "Voluntary participation, mandatory later",
    paths: [["participation", "enabled"]],
  },
  B1: {
    kind: "toggle",
    label: "Notice and appeal (wrong records corrected)",
    paths: [["appeal", "enabled"]],
  },
};
