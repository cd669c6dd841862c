import { STREAM } from "../../rng/streams.js";
import { word } from "../../world/draws.js";

/** Bits of `silencedBy`: which channel alone keeps a latent dissenter silent. */
export const SILENCED = { sanctions: 1, surveillance: 2, prior: 4 } as const;

/** Resolution of perceived risk: 2^24 units (integers below 2^53 sum exactly). */
export const RISK_UNIT = 2 ** 24;

export const DRAWS = {
  speech: {
    stream: STREAM.behaviour,
    at: "step",
    block: 0,
    lanes: { online: 1, observed: 2, firstContact: 3 },
    doc: "A speech event: online or offline, observed or not, and the first contact heard.",
  },
  episode: {
    stream: STREAM.protest,
    at: "step",
    key: "region",
    words: [word(0)],
    doc: "Whether a protest episode starts in a region (keyed by region).",
  },
  filmed: {
    stream: STREAM.protest,
    at: "step",
    words: [word(1), word(2), word(3)],
    doc: "A protester: filmed and identified (1); the false-match candidate (2) and match (3).",
  },
} as const;
