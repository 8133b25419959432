import { errorResponse, requestIdOf } from "@doffin/http";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../env";
import { admitted } from "../middleware/admission";

/**
 * Paths served by sibling Workers through service bindings, so users see one origin. Method, headers
 * and body pass through untouched; the request id goes along so logs join up across Workers.
 */
type Target = { binding: "TRACKER" | "FEEDBACK"; what: string };

async function forward(c: Context<AppEnv>, target: Target): Promise<Response> {
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
  .all("/ocds/*", (c) => forward(c, tracker)) // OCDS releases, records, metadata (stored by the tracker)
  .all("/v1/feedback", (c) => forward(c, feedback))
  .all("/v1/feedback/*", (c) => forward(c, feedback));

/** Path prefixes forwarded anywhere (CORS lets more methods through on these). */
export const FORWARDED_PREFIXES = [
  "/v1/changes",
  "/v1/jobs/changes",
  "/v1/tracker/",
  "/v1/feedback",
  "/ocds/",
];
