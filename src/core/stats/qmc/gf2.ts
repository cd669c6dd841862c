/**
 * Polynomials over GF(2) as bit masks (bit i = coefficient of x^i), to check
 * the Sobol' table: a polynomial of degree s is primitive when it is
 * irreducible and x has multiplicative order exactly 2^s − 1 modulo it
 * (R. Lidl and H. Niederreiter, Finite Fields, 1997, theorem 3.16).
 * Degrees up to 30 (products stay below 2^31 before reduction).
 */

export function degree(p: number): number {
  return 31 - Math.clz32(p);
}

/** a · b mod p, for a, b of degree below deg p. */
export function mulMod(a: number, b: number, p: number): number {
  const d = degree(p);
  let r = 0;
  while (b) {
    if (b & 1) r ^= a;
    b >>>= 1;
    a <<= 1;
    if ((a >>> d) & 1) a ^= p;
  }
  return r;
}

/** x^e mod p by square-and-multiply. */
export function powXMod(e: number, p: number): number {
  let result = 1;
  let base = degree(p) === 1 ? 2 ^ p : 2; // x mod p
  while (e > 0) {
    if (e % 2 === 1) result = mulMod(result, base, p);
    base = mulMod(base, base, p);
    e = Math.floor(e / 2);
  }
  return result;
}

function primeFactors(n: number): number[] {
  const out: number[] = [];
  for (let f = 2; f * f <= n; f++) {
    if (n % f === 0) {
      out.push(f);
      while (n % f === 0) n /= f;
    }
  }
  if (n > 1) out.push(n);
  return out;
}

/**
 * Whether p (degree s ≥ 1, constant term 1) is primitive: x^(2^s − 1) ≡ 1
 * and x^((2^s − 1)/q) ≢ 1 for every prime q dividing 2^s − 1. The order
 * condition implies irreducibility (the order of x is then 2^s − 1, which
 * only an irreducible polynomial's quotient ring allows).
 */
export function isPrimitive(p: number): boolean {
  const s = degree(p);
  if (s < 1 || s > 30 || (p & 1) === 0) return false;
  const order = 2 ** s - 1;
  if (powXMod(order, p) !== 1) return false;
  return primeFactors(order).every((q) => powXMod(order / q, p) !== 1);
}

/** The polynomial of a Joe–Kuo row (s, a): x^s + (bits of a) x^(s−1..1) + 1. */
export function joeKuoPolynomial(s: number, a: number): number {
  return (1 << s) | (a << 1) | 1;
}
