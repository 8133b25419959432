/**
 * The two byte-level helpers every Worker needs: one canonical JSON form (object keys sorted at every
 * level, `undefined` members dropped) and one SHA-256. Cache keys, snapshot hashes, idempotency hashes,
 * ETags and cursor signatures all go through these, so equal values always give equal bytes.
 */

/**
 * JSON with object keys sorted at every level, so key order never changes the bytes.
 * @example canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }) // '{"a":[2,{"c":4,"d":3}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/**
 * Lower-case hex SHA-256 of a string, via Web Crypto (Workers and Node alike).
 * @example await sha256Hex("abc") // "ba7816bf…15ad"
 */
export async function sha256Hex(input: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(input));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
