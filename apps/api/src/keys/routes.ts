import "./principal";
import { createKeyRoute, listKeysRoute, revokeKeyRoute } from "@doffin/contracts/admin";
import { ApiError, createRouter, logLine, requestIdOf, tokensMatch } from "@doffin/http";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { generateKey, hashKey } from "./crypto";
import { keyStore, publicKey } from "./store";
import { forgetKey, type KeySecrets } from "./verify";

const secretsOf = (c: Context<AppEnv>) => c.env as unknown as KeySecrets;

/**
 * Who may manage keys: `Authorization: Bearer <OPERATOR_TOKEN>`, or a key with the `admin` scope (the
 * access middleware has verified it and checked the scope already). With OPERATOR_TOKEN unset only admin
 * keys get in, and with neither nobody does: the routes are never open by default.
 */
const adminAuth = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const principal = c.get("principal");
  if (principal?.kind === "key") {
    c.set("actor", principal.key.id);
    return next();
  }
  const token = /^Bearer[ ]+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1];
  if (!token)
    throw new ApiError(
      "unauthorized",
      "Admin routes need Authorization: Bearer <OPERATOR_TOKEN or admin key>.",
      {
        headers: { "www-authenticate": 'Bearer realm="doffin-gateway"' },
      },
    );
  const expected = secretsOf(c).OPERATOR_TOKEN;
  if (!expected) logLine("warn", { msg: "OPERATOR_TOKEN is not set; admin routes refuse every token" });
  if (!expected || !(await tokensMatch(token, expected)))
    throw new ApiError("forbidden", "This token is not allowed here.");
  c.set("actor", "operator");
  await next();
};

/** KEYS_DB and KEY_PEPPER, or a 503 saying keys are not set up on this deployment. */
function keysConfig(c: Context<AppEnv>) {
  const { KEYS_DB, KEY_PEPPER } = secretsOf(c);
  if (!KEYS_DB || !KEY_PEPPER)
    throw new ApiError(
      "upstream_unavailable",
      "API keys are not configured on this gateway (bind KEYS_DB and set the KEY_PEPPER secret).",
    );
  return { store: keyStore(KEYS_DB), pepper: KEY_PEPPER };
}

const audit = (c: Context<AppEnv>, action: string, keyId: string | null) =>
  keysConfig(c).store.audit({
    at: new Date().toISOString(),
    action,
    keyId,
    actor: c.get("actor") ?? "unknown",
    requestId: requestIdOf(c),
  });

/** `POST/GET /v1/admin/keys`, `DELETE /v1/admin/keys/{id}`: the contract routes + admin auth. */
export const adminKeysApp = createRouter<AppEnv>();
adminKeysApp.use("/v1/admin/*", adminAuth());
adminKeysApp
  .openapi(createKeyRoute, async (c) => {
    const body = c.req.valid("json");
    const { store, pepper } = keysConfig(c);
    const { id, key, prefix } = generateKey();
    const createdAt = new Date().toISOString();
    const scopes = [...new Set(body.scopes)];
    await store.insert({ id, prefix, hash: await hashKey(key, pepper), ...body, scopes, createdAt });
    await audit(c, "create", id);
    const row = await store.byId(id);
    if (!row) throw new Error("a key just inserted is missing");
    return c.json({ ...publicKey(row), key }, 201);
  })
  .openapi(listKeysRoute, async (c) => {
    const keys = await keysConfig(c).store.list();
    await audit(c, "list", null);
    return c.json({ keys: keys.map(publicKey) }, 200);
  })
  .openapi(revokeKeyRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { store } = keysConfig(c);
    await store.revoke(id, new Date().toISOString());
    const row = await store.byId(id);
    if (!row) throw new ApiError("not_found", `No key ${id}.`);
    forgetKey(id);
    await audit(c, "revoke", id);
    return c.json(publicKey(row), 200);
  });
