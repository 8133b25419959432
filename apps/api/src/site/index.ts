import { createRouter, errorResponse } from "@doffin/http";
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { loadAssets } from "./assets";
import { pageContext } from "./page-context";
import { insightsPage } from "./page-insights";
import { jobPage } from "./page-job";
import { jobsPage } from "./page-jobs";
import { noticePage } from "./page-notice";
import { organizationPage } from "./page-organization";
import { searchPage } from "./page-search";

/**
 * The web explorer (issue #15): server-rendered pages over the same services as the REST routes (no
 * HTTP to ourselves), progressively enhanced by a few small scripts from `/assets/`. See the API
 * README's "Web explorer" section for the pages and the choices behind them.
 */

/** Paths the explorer serves (read-only: the app answers other methods there with a 405). */
export const SITE_PATHS = [
  "/notices/:id",
  "/organizations/:orgNumber",
  "/jobs",
  "/jobs/:uuid",
  "/insights",
  "/assets/:file",
];

export const siteApp = createRouter<AppEnv>()
  .get("/", async (c) => searchPage(await pageContext(c)))
  .get("/notices/:id", async (c) => noticePage(await pageContext(c), c.req.param("id")))
  .get("/organizations/:orgNumber", async (c) =>
    organizationPage(await pageContext(c), c.req.param("orgNumber")),
  )
  .get("/jobs", async (c) => jobsPage(await pageContext(c)))
  .get("/jobs/:uuid", async (c) => jobPage(await pageContext(c), c.req.param("uuid")))
  .get("/insights", async (c) => insightsPage(await pageContext(c)))
  .get("/assets/:file", async (c) => {
    const asset = (await loadAssets()).byPath.get(c.req.path);
    if (!asset)
      return errorResponse(c, "not_found", `No asset ${c.req.path}; asset names change with their content.`);
    const headers = new Headers({
      "content-type": asset.contentType,
      "cache-control": "public, max-age=31536000, immutable",
      etag: asset.etag,
    });
    if (c.req.header("if-none-match") === asset.etag) return new Response(null, { status: 304, headers });
    return new Response(c.req.method === "HEAD" ? null : asset.body, { headers });
  });

/** The pages, for the OpenAPI document (they are HTML, not API operations, but the origin serves them). */
const SITE_DOCS = [
  { path: "/", summary: "Web explorer: notice search (the query string is GET /v1/notices's query)" },
  { path: "/notices/{id}", summary: "Web explorer: one notice with its change timeline", param: "id" },
  {
    path: "/organizations/{orgNumber}",
    summary: "Web explorer: an organisation as buyer and supplier",
    param: "orgNumber",
  },
  { path: "/jobs", summary: "Web explorer: NAV job search (the query string is GET /v1/jobs's query)" },
  { path: "/jobs/{uuid}", summary: "Web explorer: one NAV job ad", param: "uuid" },
  { path: "/insights", summary: "Web explorer: charts of GET /v1/insights" },
  { path: "/assets/{file}", summary: "Web explorer assets (hashed names, immutable)", param: "file" },
] as const;

/** Lists the explorer's pages in the OpenAPI document (tag "Web explorer", `text/html`). */
export function registerSiteDocs(app: Pick<OpenAPIHono, "openAPIRegistry">): void {
  for (const page of SITE_DOCS)
    app.openAPIRegistry.registerPath({
      method: "get",
      path: page.path,
      tags: ["Web explorer"],
      summary: page.summary,
      ...("param" in page ? { request: { params: z.object({ [page.param]: z.string() }) } } : {}),
      responses: {
        200: {
          description: "HTML page (nb or en: ?lang, the lang cookie, Accept-Language).",
          content: { "text/html": { schema: z.string() } },
        },
        304: { description: "Not modified (If-None-Match matched the page's ETag)." },
        400: {
          description: "A bad query, shown as a page with the issues.",
          content: { "text/html": { schema: z.string() } },
        },
        404: {
          description: "Unknown notice, organisation or job, as a page.",
          content: { "text/html": { schema: z.string() } },
        },
      },
    });
}
