/**
 * Canonical JSON: object keys sorted (by UTF-16 code units), no whitespace,
 * numbers as ECMAScript writes them (shortest round-trip form), which is the
 * JSON Canonicalization Scheme of RFC 8785 for the values scenarios hold. Two
 * objects with the same content give the same text whatever their key order,
 * so a hash of it identifies the content. Non-finite numbers have no JSON
 * form and are refused; undefined fields are dropped, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value))
        throw new RangeError(`canonical JSON: ${value} is not a finite number`);
      return JSON.stringify(value);
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "bigint":
      throw new RangeError("canonical JSON: a bigint has no JSON form");
    case "object": {
      if (Array.isArray(value)) {
        return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
      }
      if (ArrayBuffer.isView(value))
        return canonicalJson(Array.from(value as unknown as ArrayLike<number>));
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
    }
    default:
      throw new RangeError(`canonical JSON: a ${typeof value} has no JSON form`);
  }
}
