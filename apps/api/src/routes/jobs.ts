import { JobDetail, JobFacetsAnswer, JobSearchAnswer, JobSearchQuery } from "@doffin/core";
import { createRouter } from "@doffin/http";
import { createRoute } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { respondFromCache } from "../respond";
import { serviceCallOf } from "../services/container";
import { getJobDetail, jobFacets, searchJobs, toJobSearchQuery } from "../services/jobs";
import { withIssuePaths } from "../services/search";
import { cachedOk, errorResponses, notModified } from "./schemas";

/**
 * NAV job routes on the notice machinery. The query is not handed to a route validator: the job
 * contract folds aliases, repeats and comma lists first (`parseJobSearchQuery`), which a validator over
 * the raw names cannot do, so the handler parses and the document lists the parameters from the
 * contract's own schema (names and descriptions stay one source).
 */

const queryParameters = (omit: readonly string[] = []) =>
  Object.entries(JobSearchQuery.shape)
    .filter(([name]) => !omit.includes(name))
    .map(([name, schema]) => ({
      name,
      in: "query" as const,
      required: false,
      description: (schema as { description?: string }).description,
      schema: { type: "string" as const },
    }));

const UUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

export const jobSearchRoute = createRoute({
  tags: ["Jobs"],
  method: "get",
  path: "/v1/jobs",
  summary: "Search NAV job ads (arbeidsplassen.nav.no), with facets",
  description:
    "The job search contract (@doffin/core `JobSearchQuery`), the same names and messages as the MCP tools, the tool bridge and the CLI. Lists repeat or comma-separate; Parse.bot's names (`counties`, `municipals`, `from`, `size`, `query`) are aliases. Any `limit` 1–100 at any `offset` within NAV's 10000-hit window. Unknown parameters, values, counties and municipalities are a 400 with suggestions.",
  parameters: queryParameters(),
  responses: {
    200: cachedOk(JobSearchAnswer, "One page of job ads (facets with `facets=true`)."),
    ...notModified,
    ...errorResponses,
  },
});

export const jobFacetsRoute = createRoute({
  tags: ["Jobs"],
  method: "get",
  path: "/v1/jobs/facets",
  summary: "Every valid job filter value with its count",
  description:
    "Parse.bot's get_facets: counties (with municipalities), occupations (two levels), sector, extent, engagement type, remote, published, and the position count — for the filters given (paging parameters are ignored).",
  parameters: queryParameters(["page", "limit", "offset", "facets", "sort"]),
  responses: {
    200: cachedOk(JobFacetsAnswer, "Facet counts."),
    ...notModified,
    ...errorResponses,
  },
});

export const jobRoute = createRoute({
  tags: ["Jobs"],
  method: "get",
  path: "/v1/jobs/{uuid}",
  summary: "One NAV job ad, with similar jobs",
  parameters: [
    {
      name: "uuid",
      in: "path",
      required: true,
      schema: { type: "string", pattern: UUID_PATTERN },
      description: "The ad's uuid (as in search hits and the job change feed).",
    },
  ],
  responses: {
    200: cachedOk(JobDetail, "The ad as NAV's feed entry has it, plus `similarJobs`."),
    ...notModified,
    ...errorResponses,
  },
});

const restPaths = (err: unknown) => withIssuePaths(err, (p) => `query.${p}`);

export const jobsApp = createRouter<AppEnv>()
  // Registered before /v1/jobs/{uuid}, so `facets` is never read as a uuid.
  .openapi(jobFacetsRoute, async (c) => {
    const call = serviceCallOf(c);
    const raw = new URL(c.req.url).searchParams;
    const result = await (async () => jobFacets(call, toJobSearchQuery(raw)))().catch((err: unknown) => {
      throw restPaths(err);
    });
    return respondFromCache(c, result, call.services.policies.jobSearch, call.services.now());
  })
  .openapi(jobSearchRoute, async (c) => {
    const call = serviceCallOf(c);
    const raw = new URL(c.req.url).searchParams;
    const result = await (async () => searchJobs(call, toJobSearchQuery(raw)))().catch((err: unknown) => {
      throw restPaths(err);
    });
    return respondFromCache(c, result, call.services.policies.jobSearch, call.services.now());
  })
  .openapi(jobRoute, async (c) => {
    const call = serviceCallOf(c);
    const result = await getJobDetail(call, c.req.param("uuid")).catch((err: unknown) => {
      throw withIssuePaths(err, (p) => `param.${p}`);
    });
    return respondFromCache(c, result, call.services.policies.job, call.services.now());
  });
