import { env } from "cloudflare:workers";
import { ApiError } from "@doffin/http";
import { describe, expect, it } from "vitest";
import { KEY_CACHE_MS, verifyKey } from "../src/keys/verify";
import { emulatorApp } from "./helpers";
import { createKey, OPERATOR } from "./keys-helpers";

/**
 * Verified keys are cached per isolate for KEY_CACHE_MS (30 s). A revoke in another isolate is D1
 * only: this isolate's entry keeps the key valid until it expires — the bound docs/security.md states —
 * and not a moment longer. The isolate that revokes forgets the key at once.
 */
const { call } = emulatorApp();

const rejection = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
};

describe("verified-key cache", () => {
  it("a revoke made elsewhere is honoured once KEY_CACHE_MS has passed, not before", async () => {
    expect(KEY_CACHE_MS).toBe(30_000);
    const { key, id } = await createKey(call, { owner: "cache" });
    // A clock of our own, far from any entry the app's own calls put in the cache.
    const t0 = Date.now() + 3_600_000;
    expect((await verifyKey(key, env, t0)).id).toBe(id);
    // What another isolate's DELETE /v1/admin/keys/{id} leaves behind: the D1 row only.
    await env.KEYS_DB.prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ?")
      .bind(new Date().toISOString(), id)
      .run();
    expect((await verifyKey(key, env, t0 + KEY_CACHE_MS - 1)).revokedAt).toBeNull();
    const err = await rejection(verifyKey(key, env, t0 + KEY_CACHE_MS));
    expect(err.code).toBe("unauthorized");
    expect(err.message).toMatch(/revoked/);
  });

  it("the isolate that revokes refuses the key at once, though its entry is still fresh", async () => {
    const { key, id } = await createKey(call, { owner: "cache-now" });
    const t0 = Date.now();
    expect((await verifyKey(key, env, t0)).id).toBe(id);
    const revoked = await call(`/v1/admin/keys/${id}`, { method: "DELETE", headers: OPERATOR });
    expect(revoked.status).toBe(200);
    const err = await rejection(verifyKey(key, env, t0 + 1));
    expect(err.message).toMatch(/revoked/);
  });
});
