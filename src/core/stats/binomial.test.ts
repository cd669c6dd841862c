import { describe, expect, it } from "vitest";
import { binomialUpperTail, signTest } from "./binomial.js";

describe("binomial tails and the sign test", () => {
  it("are exact", () => {
    expect(binomialUpperTail(16, 14)).toBeCloseTo(137 / 65536, 14);
    expect(binomialUpperTail(12, 12)).toBeCloseTo(1 / 4096, 14);
    expect(binomialUpperTail(10, 0)).toBe(1);
    expect(binomialUpperTail(10, 11)).toBe(0);
    expect(binomialUpperTail(3, 2, 0.2)).toBeCloseTo(3 * 0.04 * 0.8 + 0.008, 14);
    const st = signTest([1, 2, -1, 0, 3]);
    expect([st.n, st.positive]).toEqual([4, 3]);
    expect(st.p).toBeCloseTo(5 / 16, 12);
  });
});
