import { KEY_PREFIX } from "@doffin/contracts/admin";

const encoder = new TextEncoder();
const hex = (buf: ArrayBuffer | Uint8Array) =>
  [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** A key is the prefix and 32 random bytes (256 bits) in base64url: 43 characters. */
export const KEY_PATTERN = /^dgw_[A-Za-z0-9_-]{43}$/;
/** How much of a key is kept in clear (`prefix` column): `dgw_` and 8 characters, 48 bits. */
const VISIBLE = KEY_PREFIX.length + 8;

/** A fresh key, its stored id and visible prefix. The key itself is never stored. */
export function generateKey(): { id: string; key: string; prefix: string } {
  const key = KEY_PREFIX + base64url(crypto.getRandomValues(new Uint8Array(32)));
  const id = `key_${hex(crypto.getRandomValues(new Uint8Array(8)))}`;
  return { id, key, prefix: key.slice(0, VISIBLE) };
}

/**
 * SHA-256 over the pepper and the key. The pepper is a secret outside D1, so a leaked table alone does
 * not let anyone test guesses; the key's 256 random bits make a slow hash (bcrypt, scrypt) unnecessary.
 */
export async function hashKey(key: string, pepper: string): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", encoder.encode(`${pepper}\u0000${key}`)));
}

/** Equal-length hex digests compared in constant time (the stored hash against the computed one). */
export function digestsMatch(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  return x.byteLength === y.byteLength && crypto.subtle.timingSafeEqual(x, y);
}
