import { createRouter, errorResponse } from "@doffin/http";
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
