/**
 * Random identifiers of saved searches. RFC 4648 base32 (lower case, a–z and 2–7): URL-safe and
 * case-insensitive to read; each character is 5 bits from the CSPRNG (a byte's low 5 bits: 256 is a
 * multiple of 32, so no modulo bias).
 */
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

const randomBase32 = (length: number): string => {
  let out = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(length))) out += ALPHABET.charAt(byte & 31);
  return out;
};

/** `ss_` + 20 characters (100 bits): the saved search id (not a secret: the owner check guards it). */
export const newSearchId = (): string => `ss_${randomBase32(20)}`;

/** 32 characters (160 bits): the feed token, the only credential of the search's feeds. */
export const newFeedToken = (): string => randomBase32(32);

/** `whsec_` + 40 characters (200 bits): a webhook signing secret when the owner gives none. */
export const newWebhookSecret = (): string => `whsec_${randomBase32(40)}`;
