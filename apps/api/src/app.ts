import { createNavClient } from "@doffin/core";
import { createWorkerApp, errorResponse, methodNotAllowed } from "@doffin/http";
import { cors } from "hono/cors";
import { registerAgentSurfaces } from "./agent";
import type { AppEnv } from "./env";
import { adminKeysApp } from "./keys/routes";
import { access } from "./middleware/access";
import { accessLog } from "./middleware/access-log";
import { bodyLimit } from "./middleware/body-limit";
import { corsWrites } from "./middleware/cors";
import { securityHeaders } from "./middleware/security-headers";
import { registerOpenApi } from "./openapi";
import { codesApp } from "./routes/codes";
import { eformsApp } from "./routes/eforms";
import { FORWARDED_PREFIXES, forwardApp } from "./routes/forward";
import { healthApp } from "./routes/health";
import { jobsApp } from "./routes/jobs";
import { noticesApp } from "./routes/notices";
import { type AppDeps, servicesFor } from "./services/container";
import { registerSiteDocs, SITE_PATHS, siteApp } from "./site";
import { createUpstreamSource } from "./upstream/source";

export { cpvCodeRoute, cpvListRoute, locationsRoute } from "./routes/codes";
export { eformsXmlRoute } from "./routes/eforms";
export { healthRoute } from "./routes/health";
export { jobFacetsRoute, jobRoute, jobSearchRoute } from "./routes/jobs";
export { noticeRoute, searchRoute } from "./routes/notices";
export type { AppDeps } from "./services/container";

const READ_METHODS = ["GET", "HEAD", "OPTIONS"];
/** Agent surfaces take POST (MCP, the tool bridge) and the MCP headers. */
const AGENT_PREFIXES = ["/mcp", "/v1/tools"];
/** Paths we serve ourselves: anything but GET/HEAD/OPTIONS there is a 405. */
const READ_ONLY_PATHS = [
  "/",
  "/health",
  "/v1/notices",
  "/v1/notices/:id",
  "/v1/notices/:id/eforms.xml",
  "/v1/codes/cpv",
  "/v1/codes/cpv/:code",
  "/v1/codes/locations",
  "/v1/jobs",
  "/v1/jobs/facets",
  "/v1/jobs/:uuid",
  ...SITE_PATHS,
];

/**
 * The API Worker as a Hono app. Tests inject a Doffin source, a clock, a fetch for the health probe;
 * production builds everything from the env on first use.
 * @example createApp({ now: () => clock }).request("/v1/notices?type=COMPETITION", {}, env, ctx)
 */
export function createApp(deps: AppDeps = {}) {
  const services = servicesFor(deps, {
    // Deadline-bounded and gated by the shared upstream budget (upstream/source.ts).
    defaultSource: createUpstreamSource,
    defaultNav: (config, fetchImpl) =>
      createNavClient({
        feedBaseUrl: config.NAV_FEED_BASE_URL,
        searchBaseUrl: config.NAV_SEARCH_BASE_URL,
        token: config.NAV_FEED_TOKEN,
        timeoutMs: config.UPSTREAM_TIMEOUT_MS,
        fetch: fetchImpl,
      }),
  });

  // The one way every Worker assembles its app: request ids, validation hook, error handler, 404s.
  const app = createWorkerApp<AppEnv>();
  app.use(accessLog()); // one JSON line per request (no keys, tokens or bodies)
  app.use(securityHeaders()); // nosniff everywhere; CSP, framing, referrer on HTML
  app.use(access()); // API keys, scopes, rate limits, RateLimit headers on every response
  app.use(corsWrites()); // writes only from CORS_WRITE_ORIGINS (agent paths stay open)
  app.use(bodyLimit()); // 413 past each path's body limit
  app.use(
    cors({
      origin: "*",
      allowMethods: (_origin, c) =>
        FORWARDED_PREFIXES.some((p) => c.req.path.startsWith(p))
          ? [...READ_METHODS, "POST", "PUT", "PATCH", "DELETE"]
          : AGENT_PREFIXES.some((p) => c.req.path.startsWith(p))
            ? [...READ_METHODS, "POST"]
            : READ_METHODS,
      allowHeaders: [
        "Content-Type",
        "If-None-Match",
        "X-Request-Id",
        "Authorization",
        "Idempotency-Key",
        "Accept",
        "Mcp-Protocol-Version",
        "Mcp-Session-Id",
        "X-API-Key",
        "Gnist-API-Key",
      ],
      exposeHeaders: [
        "ETag",
        "Cache-Status",
        "Age",
        "X-Request-Id",
        "Retry-After",
        "X-Total-Count",
        "X-Next-Cursor",
      ],
      maxAge: 86_400,
    }),
  );
  app.use(async (c, next) => {
    c.set("services", services(c.env));
    await next();
  });

  app.route("/", siteApp); // the web explorer: /, /notices/{id}, /jobs, /insights, /assets/* (src/site)
  app.route("/", forwardApp);
  app.route("/", healthApp);
  app.route("/", noticesApp);
  app.route("/", codesApp);
  app.route("/", eformsApp);
  app.route("/", adminKeysApp); // POST/GET /v1/admin/keys, DELETE /v1/admin/keys/{id}
  app.route("/", jobsApp);
  registerAgentSurfaces(app); // POST /mcp, GET /v1/tools, POST /v1/tools/{name}
  registerOpenApi(app); // GET /openapi.json, GET /docs
  registerSiteDocs(app); // the explorer's pages in the document (text/html)
  // `wrangler dev --test-scheduled` fires crons here; only the tracker has one. Say so instead of a
  // bare runtime error when someone points the demo's cron curl at the API port.
  app.all("/cdn-cgi/handler/scheduled", (c) =>
    errorResponse(c, "not_found", "The API Worker has no cron; the tracker Worker runs the scheduled sweep."),
  );
  for (const path of READ_ONLY_PATHS) app.all(path, methodNotAllowed(READ_METHODS));
  return app;
}
