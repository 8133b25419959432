import { API_KEY_SCHEMES } from "@doffin/contracts/admin";
import { alertDeliveryRoutes } from "@doffin/contracts/alert-deliveries";
import { alertRoutes } from "@doffin/contracts/alerts";
import { feedbackRoutes, OPERATOR_TOKEN_SCHEME } from "@doffin/contracts/feedback";
import { insightsRoute } from "@doffin/contracts/insights";
import { jobChangesRoute } from "@doffin/contracts/jobs";
import { ocdsRoutes } from "@doffin/contracts/ocds";
import { trackerRoutes } from "@doffin/contracts/tracker";
import { VERSION } from "@doffin/core";
import { errorResponse, withPrettyParameter } from "@doffin/http";
import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context, Env } from "hono";
import { DOCS_ASSETS, docsHtml, docsInitJs, loadSwaggerAssets, type SwaggerAssets } from "./docs-page";
import { registerRecursiveSchemas } from "./recursive";

export const API_TITLE = "Doffin gateway API";

const DESCRIPTION = `Norwegian public procurement (Doffin) through one open, cached origin.

* **REST** — \`/v1/notices\`, \`/v1/notices/{id}\`, \`/v1/codes/*\`, the change feed \`/v1/changes\` and \`/v1/feedback\`.
  Cached answers carry \`ETag\`, \`Cache-Status\` (RFC 9211) and \`Age\`; send \`If-None-Match\` for a 304.
* **MCP** — \`POST /mcp\` (Streamable HTTP, stateless) with the GnistAI and Parse.bot tool names.
* **Tool bridge** — \`POST /v1/tools/{name}\`, drop-in for GnistAI's and Parse.bot's REST tools; \`GET /v1/tools\` lists them.

Every error is \`{"error": {"code", "message", "requestId", "issues"?}}\`. Every JSON route takes \`pretty=true\` for indented JSON (compact by default). No API key is needed (anonymous
clients are rate limited per IP); a \`dgw_…\` key in \`Authorization: Bearer\`, \`X-API-Key\` or \`Gnist-API-Key\`
gets its own limit. Other values in those headers are ignored. Every response carries \`RateLimit-Policy\` and \`RateLimit\`.`;

type Document = ReturnType<OpenAPIHono["getOpenAPI31Document"]>;
type Operation = {
  operationId?: string;
  parameters?: Array<Record<string, unknown>>;
  responses?: Record<string, unknown>;
};

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/**
 * The part of the document for what the sibling Workers (tracker, feedback) serve through this origin
 * via service bindings: generated from the very route objects those Workers register (packages/contracts),
 * on a throwaway app, since this app only forwards those paths.
 */
function siblingDocument(): Document {
  const app = new OpenAPIHono();
  for (const route of [
    ...trackerRoutes,
    jobChangesRoute,
    insightsRoute,
    ...ocdsRoutes,
    ...alertRoutes,
    ...alertDeliveryRoutes,
    ...feedbackRoutes,
  ])
    app.openAPIRegistry.registerPath(route);
  app.openAPIRegistry.registerComponent("securitySchemes", "operatorToken", OPERATOR_TOKEN_SCHEME);
  for (const [name, s] of Object.entries(API_KEY_SCHEMES))
    app.openAPIRegistry.registerComponent("securitySchemes", name, s); // keys (src/keys/routes.ts registers the admin paths)
  return app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "siblings", version: "0" } });
}

/**
 * Adds what the sibling Workers serve through this origin (paths the app itself does not document) and
 * the `If-None-Match` request header on every operation that can answer 304.
 */
function complete(doc: Document): Document {
  const siblings = siblingDocument();
  const paths = { ...(doc.paths ?? {}) } as Record<string, Record<string, unknown>>;
  for (const [path, item] of Object.entries(siblings.paths ?? {})) {
    const mine = { ...(paths[path] ?? {}) };
    for (const [method, op] of Object.entries(item as Record<string, unknown>))
      if (!(method in mine)) mine[method] = op;
    paths[path] = mine;
  }
  for (const [path, item] of Object.entries(paths))
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      // Stable ids for client generators: `get_v1_notices_id`, `post_v1_tools_search_tenders`.
      if (op && !op.operationId)
        op.operationId = `${method}_${
          path
            .replace(/[{}]/g, "")
            .replace(/[^A-Za-z0-9]+/g, "_")
            .replace(/^_|_$/g, "") || "root"
        }`;
      if (!op?.responses || !("304" in op.responses)) continue;
      const params = op.parameters ?? [];
      if (!params.some((p) => p.in === "header" && String(p.name).toLowerCase() === "if-none-match"))
        op.parameters = [
          ...params,
          {
            name: "If-None-Match",
            in: "header",
            required: false,
            description: "An ETag from an earlier answer; a match answers 304 with no body.",
            schema: { type: "string" },
          },
        ];
    }
  const components = doc.components ?? {};
  const sib = siblings.components ?? {};
  return {
    ...doc,
    paths: paths as Document["paths"],
    components: {
      ...components,
      schemas: { ...(sib.schemas ?? {}), ...(components.schemas ?? {}) },
      parameters: { ...(sib.parameters ?? {}), ...(components.parameters ?? {}) },
      securitySchemes: { ...(sib.securitySchemes ?? {}), ...(components.securitySchemes ?? {}) },
    },
  };
}

/** The whole document for one origin (the `servers` entry is the origin the request came to). */
export function buildOpenApiDocument(app: OpenAPIHono, origin: string): Document {
  registerRecursiveSchemas(app.openAPIRegistry);
  const doc = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: API_TITLE,
      version: VERSION,
      description: DESCRIPTION,
      license: { name: "MIT", url: "https://opensource.org/license/mit" },
    },
    // Open gateway: no credentials needed (the operator routes declare their own bearer scheme).
    security: [{}],
    servers: [{ url: origin, description: "This gateway" }],
    tags: [
      { name: "Notices", description: "Search Doffin with facets and read normalized notices (KV-cached)." },
      { name: "Code lists", description: "CPV 2008 and Norwegian NUTS locations." },
      { name: "Change feed", description: "Field-level changes detected by the tracker Worker." },
      { name: "Insights", description: "Figures over the tracked notices (tracker Worker)." },
      { name: "Feedback", description: "Report bugs, data errors and wishes." },
      { name: "Agents", description: "MCP server and tool listing." },
      { name: "Tools (GnistAI compatible)", description: "Drop-in for GnistAI's Doffin REST tools." },
      { name: "Tools (Parse.bot compatible)", description: "Drop-in for Parse.bot's doffin.no API." },
      { name: "Feedback (operators)", description: "Triage, with the operator bearer token." },
      { name: "Operations", description: "Health and build information." },
      { name: "Docs", description: "This document and its interactive page." },
    ],
  });
  return withPrettyParameter(complete(doc)); // `pretty` on every JSON operation (@doffin/http)
}

/**
 * Mounts `GET /openapi.json` (OpenAPI 3.1 generated from the routes' zod schemas) and `GET /docs`
 * (Swagger UI served from the bundle; no CDN). Register it after the routes so they are all in.
 */
export function registerOpenApi<E extends Env>(app: OpenAPIHono<E>): void {
  const cache = new Map<string, string>();
  app.get("/openapi.json", (c) => {
    const origin = new URL(c.req.url).origin;
    let body = cache.get(origin);
    if (!body) {
      // Routes are all registered before the first request, so the document is stable per isolate.
      body = JSON.stringify(buildOpenApiDocument(app as unknown as OpenAPIHono, origin));
      // The origin comes from the Host header, which any client can vary: bounded, or a loop over
      // made-up hosts would grow the isolate by a whole document per host.
      if (cache.size >= 8) cache.clear();
      cache.set(origin, body);
    }
    return c.body(body, 200, {
      "content-type": "application/json; charset=utf-8",
      "cache-control": "public, max-age=300",
    });
  });

  const asset = (body: (a: SwaggerAssets) => string, type: string) => async (c: Context) => {
    const bundled = await loadSwaggerAssets();
    return bundled
      ? c.body(body(bundled), 200, { "content-type": type, "cache-control": "public, max-age=86400" })
      : errorResponse(
          c,
          "internal",
          "The docs assets are not bundled (wrangler rules for swagger-ui-dist are missing).",
        );
  };

  app.get(
    "/docs",
    asset(() => docsHtml(API_TITLE), "text/html; charset=utf-8"),
  );
  app.get(
    DOCS_ASSETS.css,
    asset((a) => a.css, "text/css; charset=utf-8"),
  );
  app.get(
    DOCS_ASSETS.js,
    asset((a) => a.js, "text/javascript; charset=utf-8"),
  );
  app.get(
    DOCS_ASSETS.init,
    asset(() => docsInitJs("/openapi.json"), "text/javascript; charset=utf-8"),
  );

  const registry = app.openAPIRegistry;
  registry.registerPath({
    method: "get",
    path: "/openapi.json",
    tags: ["Docs"],
    summary: "This OpenAPI 3.1 document",
    responses: {
      200: {
        description: "The document.",
        content: { "application/json": { schema: z.record(z.string(), z.unknown()) } },
      },
    },
  });
  registry.registerPath({
    method: "get",
    path: "/docs",
    tags: ["Docs"],
    summary: "Interactive API docs (Swagger UI, served offline from this Worker)",
    responses: { 200: { description: "HTML page.", content: { "text/html": { schema: z.string() } } } },
  });
}
