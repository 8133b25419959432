import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { emulatorApp, expectEnvelope } from "./helpers";
import { createKey, OPERATOR } from "./keys-helpers";

const { call } = emulatorApp();
const PATH = "/v1/codes/locations";
const json = { "content-type": "application/json" };

describe("API keys: create → use → revoke → rejected", () => {
  it("creates a dgw_ key whose D1 row never holds the raw key", async () => {
    const created = await createKey(call, { owner: "ops@example.no", label: "ci", scopes: ["read"] });
    expect(created.key).toMatch(/^dgw_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    expect(created).toMatchObject({ owner: "ops@example.no", label: "ci", scopes: ["read"], rateLimit: 600 });
    const rows = await env.KEYS_DB.prepare("SELECT * FROM api_keys").all();
    const dump = JSON.stringify(rows.results);
    expect(dump).toContain(created.id);
    expect(dump).not.toContain(created.key);
    expect(dump).not.toContain(created.key.slice(created.prefix.length));
    // Peppered: the stored hash is not the bare SHA-256 of the key.
    const bare = [
      ...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(created.key))),
    ]
      .map((b) => b.toString(16).padStart(2, "0"))
      .join("");
    expect(dump).not.toContain(bare);
  });

  it("accepts the key as Bearer, X-API-Key and Gnist-API-Key, and records last use", async () => {
    const { key, id } = await createKey(call, { owner: "a" });
    const variants: Record<string, string>[] = [
      { authorization: `Bearer ${key}` },
      { "x-api-key": key },
      { "gnist-api-key": key },
    ];
    for (const headers of variants) {
      const res = await call(PATH, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-policy")).toMatch(/^"key";q=\d+;w=60$/);
    }
    const row = await env.KEYS_DB.prepare("SELECT last_used_at FROM api_keys WHERE id = ?").bind(id).first();
    expect(row?.last_used_at).toEqual(expect.any(String));
  });

  it("revoked keys are a 401 envelope from then on; the list never shows keys; all is audited", async () => {
    const { key, id } = await createKey(call, { owner: "b" });
    expect((await call(PATH, { headers: { "x-api-key": key } })).status).toBe(200);
    const revoked = await call(`/v1/admin/keys/${id}`, { method: "DELETE", headers: OPERATOR });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as { revokedAt: string | null }).revokedAt).toEqual(expect.any(String));
    const res = await call(PATH, { headers: { "x-api-key": key } });
    const body = await expectEnvelope(res, 401, "unauthorized");
    expect(body.error.message).toMatch(/revoked/);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const list = await call("/v1/admin/keys", { headers: OPERATOR });
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).toContain(id);
    expect(text).not.toContain(key);
    const audit = await env.KEYS_DB.prepare(
      "SELECT action, actor FROM key_audit WHERE key_id = ? ORDER BY id",
    )
      .bind(id)
      .all();
    expect(audit.results).toEqual([
      { action: "create", actor: "operator" },
      { action: "revoke", actor: "operator" },
    ]);
  });

  it("unknown and malformed dgw_ keys are 401; other vendors' keys are ignored (open gateway)", async () => {
    await expectEnvelope(await call(PATH, { headers: { "x-api-key": "dgw_short" } }), 401, "unauthorized");
    const unknown = `dgw_${"A".repeat(43)}`;
    await expectEnvelope(
      await call(PATH, { headers: { authorization: `Bearer ${unknown}` } }),
      401,
      "unauthorized",
    );
    expect((await call(PATH, { headers: { "x-api-key": "pb_live_whatever" } })).status).toBe(200);
    expect((await call(PATH)).status).toBe(200);
  });

  it("a key on a gateway without KEY_PEPPER is a 401, not a 500", async () => {
    const res = await call(
      PATH,
      { headers: { "x-api-key": `dgw_${"B".repeat(43)}` } },
      { ...env, KEY_PEPPER: "" },
    );
    await expectEnvelope(res, 401, "unauthorized");
  });
});

describe("scopes and admin auth", () => {
  it("a key without `read` is a 403 on data routes; `admin` opens the admin routes, `read` does not", async () => {
    const fb = await createKey(call, { owner: "c", scopes: ["feedback:read"] });
    await expectEnvelope(await call(PATH, { headers: { "x-api-key": fb.key } }), 403, "forbidden");
    const reader = await createKey(call, { owner: "d", scopes: ["read"] });
    await expectEnvelope(
      await call("/v1/admin/keys", { headers: { authorization: `Bearer ${reader.key}` } }),
      403,
      "forbidden",
    );
    await expectEnvelope(
      await call("/v1/feedback", { headers: { authorization: `Bearer ${reader.key}` } }),
      403,
      "forbidden",
    );
    const admin = await createKey(call, { owner: "e", scopes: ["admin"] });
    const list = await call("/v1/admin/keys", { headers: { authorization: `Bearer ${admin.key}` } });
    expect(list.status).toBe(200);
    const audit = await env.KEYS_DB.prepare(
      "SELECT actor FROM key_audit WHERE action = 'list' ORDER BY id DESC",
    ).first();
    expect(audit?.actor).toBe(admin.id);
  });

  it("admin routes: no token 401, wrong token 403, OPERATOR_TOKEN unset refuses even the right one", async () => {
    await expectEnvelope(await call("/v1/admin/keys"), 401, "unauthorized");
    await expectEnvelope(
      await call("/v1/admin/keys", { headers: { authorization: "Bearer nope" } }),
      403,
      "forbidden",
    );
    await expectEnvelope(
      await call("/v1/admin/keys", { headers: OPERATOR }, { ...env, OPERATOR_TOKEN: "" }),
      403,
      "forbidden",
    );
  });

  it("bad admin input is a 400 with issues, an unknown id a 404", async () => {
    const post = (body: unknown) =>
      call("/v1/admin/keys", {
        method: "POST",
        headers: { ...OPERATOR, ...json },
        body: JSON.stringify(body),
      });
    for (const bad of [
      { owner: "x", scopes: ["write"] },
      { owner: "x", rateLimit: 1234 },
      { owner: "" },
      { owner: "x", extra: 1 },
      { owner: "x", scopes: [] },
    ]) {
      const body = await expectEnvelope(await post(bad), 400, "invalid_request");
      expect(body.error.issues?.length).toBeGreaterThan(0);
    }
    await expectEnvelope(
      await call("/v1/admin/keys", { method: "POST", headers: { ...OPERATOR, ...json }, body: "{" }),
      400,
      "invalid_request",
    );
    await expectEnvelope(
      await call("/v1/admin/keys/nope", { method: "DELETE", headers: OPERATOR }),
      400,
      "invalid_request",
    );
    await expectEnvelope(
      await call("/v1/admin/keys/key_0000000000000000", { method: "DELETE", headers: OPERATOR }),
      404,
      "not_found",
    );
  });
});

describe("OpenAPI", () => {
  it("documents the admin routes and the key security schemes", async () => {
    const doc = (await (await call("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: { securitySchemes: Record<string, { type: string; name?: string }> };
    };
    expect(Object.keys(doc.paths["/v1/admin/keys"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(doc.paths["/v1/admin/keys/{id}"]?.delete?.security).toEqual([{ adminToken: [] }]);
    const schemes = doc.components.securitySchemes;
    expect(schemes.apiKeyHeader).toMatchObject({ type: "apiKey", name: "X-API-Key" });
    expect(schemes.gnistApiKeyHeader).toMatchObject({ type: "apiKey", name: "Gnist-API-Key" });
    expect(schemes.adminToken?.type).toBe("http");
  });
});
