const encoder = new TextEncoder();
const sha256 = (s: string) => crypto.subtle.digest("SHA-256", encoder.encode(s));
/** workerd's non-standard constant-time compare; this package is type-checked with Node's lib, which lacks it. */
type WorkersSubtle = typeof crypto.subtle & { timingSafeEqual(a: ArrayBuffer, b: ArrayBuffer): boolean };

/**
 * Compares two secrets in constant time. Hashing first gives both sides the same length, so neither
 * the content nor the length of the expected token leaks through timing.
 * @example if (!(await tokensMatch(given, env.OPERATOR_TOKEN))) throw new ApiError("forbidden", "…");
 */
export async function tokensMatch(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  return (crypto.subtle as WorkersSubtle).timingSafeEqual(a, b);
}
