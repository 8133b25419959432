import { KEY_PREFIX } from "@doffin/contracts/admin";
import { ApiError } from "@doffin/http";
import { digestsMatch, hashKey, KEY_PATTERN } from "./crypto";
import { keyStore, type StoredKey } from "./store";

/** Secrets of this Worker that `wrangler types` does not see (they are optional: no keys → open). */
export type KeySecrets = { KEY_PEPPER?: string; OPERATOR_TOKEN?: string; KEYS_DB?: D1Database };

/**
 * The key a request presents, if any: `Authorization: Bearer dgw_…`, `X-API-Key` or `Gnist-API-Key`.
 * Only values with our prefix count. Anything else is ignored, as before keys existed: Parse.bot and
 * GnistAI clients send their own keys (`pb_live_…`) and must keep working unchanged, and a non-`dgw_`
 * bearer on `/v1/feedback` is the feedback Worker's operator token, forwarded as is.
 */
export function presentedKey(headers: Headers): string | undefined {
  const bearer = /^Bearer[ ]+(\S+)\s*$/i.exec(headers.get("authorization") ?? "")?.[1];
  for (const v of [bearer, headers.get("x-api-key"), headers.get("gnist-api-key")]) {
    const value = v?.trim();
    if (value?.startsWith(KEY_PREFIX)) return value;
  }
  return undefined;
}

/**
 * Verified keys per isolate for {@link KEY_CACHE_MS}, so a hot key costs one D1 read per isolate per
 * 30 s, not one per request (and no D1 round trip on a cache hit's critical path). Revoking clears the
 * entry in the isolate that revokes at once; other isolates see a revocation within KEY_CACHE_MS, the
 * bound docs/security.md states (test/keys-cache.test.ts).
 */
export const KEY_CACHE_MS = 30_000;
const verified = new Map<string, { key: StoredKey; until: number }>();

/** Forget a key in this isolate (after a revoke). */
export function forgetKey(id: string): void {
  for (const [hash, entry] of verified) if (entry.key.id === id) verified.delete(hash);
}

const unauthorized = (message: string) =>
  new ApiError("unauthorized", message, { headers: { "www-authenticate": 'Bearer realm="doffin-gateway"' } });

/** The stored key behind `raw`, or a 401 (malformed, unknown, revoked, or keys not configured here). */
export async function verifyKey(raw: string, env: KeySecrets, now: number): Promise<StoredKey> {
  if (!env.KEYS_DB || !env.KEY_PEPPER)
    throw unauthorized("This gateway has no API keys configured; send no key to use it anonymously.");
  if (!KEY_PATTERN.test(raw)) throw unauthorized("This API key is not valid.");
  const hash = await hashKey(raw, env.KEY_PEPPER);
  const cached = verified.get(hash);
  let key = cached && cached.until > now ? cached.key : null;
  if (!key) {
    key = await keyStore(env.KEYS_DB).byHash(hash);
    // The lookup is by digest; the compare is constant-time anyway, so no path depends on key bytes.
    if (!key || !digestsMatch(key.hash, hash)) throw unauthorized("This API key is not valid.");
    if (verified.size > 1000) verified.clear();
    verified.set(hash, { key, until: now + KEY_CACHE_MS });
  }
  if (key.revokedAt !== null) throw unauthorized("This API key has been revoked.");
  return key;
}

const touched = new Map<string, number>();
/** Whether to write last_used_at now: at most once a minute per key per isolate (a write per request would cost more than the request). */
export function shouldTouch(id: string, now: number): boolean {
  if ((touched.get(id) ?? 0) > now - 60_000) return false;
  if (touched.size > 1000) touched.clear();
  touched.set(id, now);
  return true;
}
