import { errorResponse, requestIdOf } from "@doffin/http";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../env";
import type { Principal } from "../keys/principal";
import { admitted } from "../middleware/admission";

/**
 * Paths served by sibling Workers through service bindings, so users see one origin. Method, headers
 * and body pass through untouched; the request id goes along so logs join up across Workers. The
 * saved-search owner header is ours alone: any copy a client sends is dropped on every path, and only
 * `/v1/searches*` sets it (from the key).
 */
type Target = { binding: "TRACKER" | "FEEDBACK"; what: string };

/** The header the tracker reads the saved-search owner from (apps/tracker/src/alerts/http.ts). */
export const OWNER_HEADER = "x-dgw-owner";
/** The one owner of every saved search on a gateway without keys (the demo, a private self-host). */
export const ANONYMOUS_OWNER = "anonymous";

async function forward(c: Context<AppEnv>, target: Target, owner: string | null = null): Promise<Response> {
  // Partial: a deployment (or a test) may run the API without one of its siblings bound.
  const service = (c.env as Partial<Record<Target["binding"], Fetcher>>)[target.binding];
  if (!service || typeof service.fetch !== "function")
    return errorResponse(c, "upstream_unavailable", `The ${target.what} is not connected to this gateway.`, {
      log: { binding: target.binding, error: "not bound" },
    });
  // A read runs while its rate limit is asked; a sibling Worker is reached only once it is allowed.
  await admitted();
  const headers = new Headers(c.req.raw.headers);
  headers.set("x-request-id", requestIdOf(c));
  headers.delete(OWNER_HEADER);
  if (owner !== null) headers.set(OWNER_HEADER, owner);
  try {
    const res = await service.fetch(new Request(c.req.raw, { headers }));
    // Our Workers answer errors in the JSON envelope; a bare 5xx is the runtime saying the Worker died.
    if (res.status >= 500 && !res.headers.get("content-type")?.includes("application/json")) {
      await res.body?.cancel();
      throw new Error(`${target.binding} answered a bare ${res.status}`);
    }
    // Copy so our middleware (CORS, request id) can set headers on an otherwise immutable response.
    return new Response(res.body, res);
  } catch (err) {
    return errorResponse(c, "upstream_unavailable", `The ${target.what} is not available right now.`, {
      log: { binding: target.binding, error: String(err) },
    });
  }
}

const tracker: Target = { binding: "TRACKER", what: "change feed service" };

const FEED_PATH = /^\/v1\/searches\/[^/]+\/feed\.(atom|json)$/;

/**
 * `/v1/searches*`: the owner is the key's id; without a key, `anonymous` — but only while the gateway
 * has no keys configured (KEYS_DB + KEY_PEPPER): once it has, saved searches need a key (401), so that
 * anonymous callers of a public deployment never share one set of searches. Feeds need neither: their
 * token is the credential (the tracker checks it), and they get no owner.
 */
/** Why a saved-search call without a key is refused once the gateway has keys. */
export const KEY_REQUIRED_MESSAGE =
  "Saved searches belong to an API key; send one (Authorization: Bearer dgw_…).";

/**
 * The saved-search owner of a caller (the rule above, shared by this forwarder and the MCP/bridge alert
 * tools): the key's id, `anonymous` on a gateway without keys, or null when a key is required.
 */
export function savedSearchOwner(principal: Principal | undefined, env: unknown): string | null {
  if (principal?.kind === "key") return principal.key.id;
  const vars = env as Record<string, unknown>;
  return vars.KEYS_DB && vars.KEY_PEPPER ? null : ANONYMOUS_OWNER;
}

function forwardSearches(c: Context<AppEnv>): Promise<Response> | Response {
  if (FEED_PATH.test(c.req.path)) return forward(c, tracker);
  const owner = savedSearchOwner(c.get("principal"), c.env);
  if (owner === null)
    return errorResponse(c, "unauthorized", KEY_REQUIRED_MESSAGE, {
      headers: { "www-authenticate": 'Bearer realm="doffin-gateway"' },
    });
  return forward(c, tracker, owner);
}
const feedback: Target = { binding: "FEEDBACK", what: "feedback service" };

export const forwardApp = new Hono<AppEnv>()
  .all("/v1/changes", (c) => forward(c, tracker))
  .all("/v1/changes/*", (c) => forward(c, tracker))
  .all("/v1/notices/:id/history", (c) => forward(c, tracker))
  .all("/v1/notices/:id/contract", (c) => forward(c, tracker))
  .all("/v1/organizations", (c) => forward(c, tracker))
  .all("/v1/organizations/*", (c) => forward(c, tracker))
  .all("/v1/jobs/changes", (c) => forward(c, tracker))
  .all("/v1/insights", (c) => forward(c, tracker))
  .all("/v1/tracker/*", (c) => forward(c, tracker))
  .all("/v1/searches", forwardSearches) // saved searches, matches and feeds (the tracker's alerts)
  .all("/v1/searches/*", forwardSearches)
  .all("/ocds/*", (c) => forward(c, tracker)) // OCDS releases, records, metadata (stored by the tracker)
  .all("/v1/feedback", (c) => forward(c, feedback))
  .all("/v1/feedback/*", (c) => forward(c, feedback));

/** Path prefixes forwarded anywhere (CORS lets more methods through on these). */
export const FORWARDED_PREFIXES = [
  "/v1/changes",
  "/v1/jobs/changes",
  "/v1/tracker/",
  "/v1/searches",
  "/v1/feedback",
  "/ocds/",
];
