import type { ScsModel } from "../model.js";

/**
 * M16 — Records and their retention ("Jede abweichende Meinung … wird
 * registriert"). Every sub-system keeps a record of observed events: `neg`
 * (defaults, criticism, protest) and `pos` (payments, rewarded acts). Records
 * fade with the retention of their sub-system: each step a record survives with
 * probability exp(−1/retention), held as an expected count (exact for the
 * scores, which are linear in the records). retention = 0 means records never
 * expire.
 */
export function recordsRetention(m: ScsModel, _t: number): void {
  const { neg, pos } = m.state;
  const K = m.K;
  const keep = m.recordKeep;
  for (let k = 0; k < K; k++) {
    const f = keep[k];
    if (f === 1) continue;
    for (let j = k; j < neg.length; j += K) {
      neg[j] *= f;
      pos[j] *= f;
    }
  }
}
