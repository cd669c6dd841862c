import type { Seed64 } from "../../rng/seed.js";
import { Stream } from "../../rng/stream.js";
import { STREAM } from "../../rng/streams.js";
import { factorValue } from "../factors.js";
import type { Factor, FactorValue } from "../schema.js";
import type { Design, MorrisLayout } from "./types.js";

/** Stream id of Morris trajectory randomness (keyed by the master seed). */
export const MORRIS_STREAM = STREAM.morris;

/**
 * Morris trajectories (M. D. Morris, "Factorial sampling plans for
 * preliminary computational experiments", Technometrics 33(2), 1991): on the
 * grid {0, 1/(p−1), …, 1}^k with step Δ = p / (2 (p − 1)), a trajectory
 * starts at a random base point x* with coordinates in {0, …, 1 − Δ}, takes
 * the factors in a random order and moves each once by +Δ or −Δ (random
 * direction: a factor going down starts at x*_i + Δ), so it has k + 1 points
 * and gives one elementary effect per factor. This is Morris's randomised
 * B* = (J x* + (Δ/2)((2B − J) D* + J)) P* written as moves; the optimised
 * selection of r out of many trajectories (Campolongo, Cariboni and Saltelli
 * 2007) is not done. Counter-based: trajectory t draws base levels at
 * (step t, agent i), directions at agent k + i and the order at agent 2k + i.
 * Points are stored trajectory by trajectory: t (k + 1) + s.
 */
export function morrisDesign(
  factors: readonly Factor[],
  r: number,
  levels: number,
  seed: Seed64,
): Design {
  const k = factors.length;
  const p = levels;
  const delta = p / (2 * (p - 1));
  const s = new Stream(seed, MORRIS_STREAM);
  const layout: MorrisLayout = {
    r,
    k,
    levels: p,
    delta,
    factor: new Int32Array(r * k),
    sign: new Int8Array(r * k),
  };
  const points = r * (k + 1);
  const u = new Float64Array(points * k);
  const x = new Float64Array(k);
  const order = new Int32Array(k);
  const baseChoices = p / 2; // levels 0 .. p/2 − 1 are ≤ 1 − Δ
  for (let t = 0; t < r; t++) {
    for (let i = 0; i < k; i++) {
      const base = s.int(t, i, 0, baseChoices) / (p - 1);
      const up = (s.word(t, k + i, 0) & 1) === 0;
      layout.sign[t * k + i] = up ? 1 : -1; // provisional, by factor; reordered below
      x[i] = up ? base : base + delta;
      order[i] = i;
    }
    for (let i = k - 1; i > 0; i--) {
      const j = s.int(t, 2 * k + i, 0, i + 1);
      const tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    const signs = layout.sign.slice(t * k, (t + 1) * k);
    u.set(x, t * (k + 1) * k);
    for (let step = 1; step <= k; step++) {
      const i = order[step - 1];
      const sign = signs[i];
      x[i] += sign * delta;
      layout.factor[t * k + step - 1] = i;
      layout.sign[t * k + step - 1] = sign;
      u.set(x, (t * (k + 1) + step) * k);
    }
  }
  // Exact grid values: k/(p−1) sums can round off 1 by an ulp.
  for (let q = 0; q < u.length; q++) u[q] = Math.round(u[q] * (p - 1)) / (p - 1);
  const values: FactorValue[] = new Array(points * k);
  for (let q = 0; q < points; q++) {
    for (let i = 0; i < k; i++) values[q * k + i] = factorValue(factors[i], u[q * k + i]);
  }
  return { type: "morris", k, points, u, values, morris: layout };
}
