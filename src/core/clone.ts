/**
 * A deep copy of plain data (the web platform's structuredClone, which Node
 * and browsers both have; core declares no platform types, so it is reached
 * through globalThis).
 */
export function deepClone<T>(v: T): T {
  return (globalThis as unknown as { structuredClone: <U>(x: U) => U }).structuredClone(v);
}
