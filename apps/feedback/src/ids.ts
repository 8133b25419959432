/** Crockford base32, lower case: no i, l, o, u, so ids survive being read aloud or retyped. */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * A new feedback id: `fb_` + 10 characters of milliseconds since 1970 + 16 random characters
 * (80 bits from the CSPRNG). Ids sort by creation time as plain strings and cannot be guessed.
 */
export function newFeedbackId(now: number = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  // 16 bytes, each reduced to 5 bits: 256 is a multiple of 32, so no modulo bias.
  const random = crypto.getRandomValues(new Uint8Array(16));
  let tail = "";
  for (const byte of random) tail += ALPHABET.charAt(byte & 31);
  return `fb_${time}${tail}`;
}
