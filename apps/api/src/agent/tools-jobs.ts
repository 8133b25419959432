import {
  JobChangesFeed,
  type JobDetail,
  type JobFacetsAnswer,
  type JobSearchAnswer,
  JobSearchQuery,
} from "@doffin/core";
import { z } from "zod";
import { bodyOf } from "../services/body";
import {
  getJobDetail as getJobDetailService,
  jobFacets,
  searchJobs as searchJobsService,
  toJobSearchQuery,
} from "../services/jobs";
import { callSibling } from "../services/siblings";
import { apiKeyParam, queryString, type ToolContext } from "./args";
import { clipToBudget, fitList } from "./budget";
import { expectOk, parseShape } from "./dispatch";
import { defineTool, wrapData } from "./tool";

/**
 * Parse.bot's NAV job tools (`search_jobs`, `get_job_detail`, `get_facets`) with their names and
 * parameters. The arguments are not validated by the tool schema: they go through the one job search
 * contract (`parseJobSearchQuery`, via the job service), exactly like a REST query string, so every
 * field is accepted, refused and explained the same way on REST, MCP and the bridge. The schema only
 * documents the parameters (our names and Parse.bot's aliases) for tool listings.
 */

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const listOrScalar = z.union([scalar, z.array(scalar)]);

/** The contract's parameters with their descriptions, plus Parse.bot's spellings. */
const jobSearchShape = (omit: readonly string[]) => ({
  ...Object.fromEntries(
    Object.entries(JobSearchQuery.shape)
      .filter(([name]) => !omit.includes(name))
      .map(([name, schema]) => [
        name,
        listOrScalar.optional().describe((schema as { description?: string }).description ?? name),
      ]),
  ),
  query: scalar.optional().describe("Alias of q (Parse.bot)."),
  counties: listOrScalar.optional().describe("Alias of county (Parse.bot)."),
  municipals: listOrScalar.optional().describe("Alias of municipality (Parse.bot)."),
  ...(omit.includes("offset") ? {} : { from: scalar.optional().describe("Alias of offset (Parse.bot).") }),
  ...(omit.includes("limit") ? {} : { size: scalar.optional().describe("Alias of limit (Parse.bot).") }),
  api_key: apiKeyParam,
});

/** Arguments as the job contract reads them (the ignored key dropped). */
const contractArgs = (a: Record<string, unknown>): Record<string, unknown> => {
  const { api_key: _ignored, ...rest } = a;
  return rest;
};

/** Default page size: small for agents over MCP, NAV's own 25 on the bridge. */
const withDefaultLimit = (a: Record<string, unknown>, ctx: ToolContext): Record<string, unknown> =>
  a.limit === undefined && a.size === undefined && ctx.surface === "mcp" ? { ...a, limit: 10 } : a;

export const searchJobs = defineTool({
  name: "search_jobs",
  family: "parsebot",
  title: "Search NAV job ads (Parse.bot compatible)",
  description:
    "Search job ads on arbeidsplassen.nav.no (NAV). Returns `jobs`, `total`, `offset`, `limit` and, with facets=true, `facets` (counties with municipalities, occupations, sector, extent, engagementType, remote, published, positionCount). Any limit 1–100 at any offset within NAV's first 10000 hits.",
  input: z.looseObject(jobSearchShape([])),
  run: async (a, ctx) => {
    const query = toJobSearchQuery(withDefaultLimit(contractArgs(a), ctx));
    const result = bodyOf<JobSearchAnswer>((await searchJobsService(ctx.call, query)).entry);
    const offset = result.offset;
    const hasMore = offset + result.jobs.length < Math.min(result.total, 10_000);
    return fitList(
      { ...result, ...(hasMore ? { next_offset: offset + result.jobs.length } : {}) },
      "jobs",
      (kept) => ({
        next_offset: offset + kept,
        continuation: `Only ${kept} of ${result.jobs.length} jobs fit in 20,000 characters. Continue with offset=${offset + kept}.`,
      }),
    );
  },
  wrap: wrapData,
});

export const getJobDetail = defineTool({
  name: "get_job_detail",
  family: "parsebot",
  title: "Get one NAV job ad (Parse.bot compatible)",
  description:
    "One job ad by uuid (job_id and id are accepted too): sanitized description, employer with org number, application details, and `similarJobs` (same occupation and county).",
  input: z
    .strictObject({
      uuid: z.string().optional().describe("The ad's uuid, as in search_jobs hits."),
      job_id: z.string().optional().describe("Alias of uuid."),
      id: z.string().optional().describe("Alias of uuid."),
      api_key: apiKeyParam,
    })
    .refine((a) => Boolean(a.uuid ?? a.job_id ?? a.id), { message: "Give uuid (a NAV job ad uuid)." }),
  rename: { uuid: "uuid" },
  run: async (a, ctx) => {
    const uuid = (a.uuid ?? a.job_id ?? a.id ?? "").trim();
    const job = bodyOf<JobDetail>((await getJobDetailService(ctx.call, uuid)).entry);
    return clipToBudget(job as unknown as Record<string, unknown>);
  },
  wrap: wrapData,
});

export const getFacets = defineTool({
  name: "get_facets",
  family: "parsebot",
  title: "NAV job filter values with counts (Parse.bot compatible)",
  description:
    "Every valid filter value for search_jobs with its count (counties with municipalities, occupations in two levels, sector, extent, engagementType, remote, published) and the position count, optionally for filters.",
  input: z.looseObject(jobSearchShape(["page", "limit", "offset", "facets", "sort"])),
  run: async (a, ctx) => {
    const query = toJobSearchQuery(contractArgs(a));
    return bodyOf<JobFacetsAnswer>((await jobFacets(ctx.call, query)).entry);
  },
  wrap: wrapData,
});

/** Our own: the tracker's job change feed (`GET /v1/jobs/changes`), through its binding. */
export const getJobChanges = defineTool({
  name: "get_job_changes",
  family: "gateway",
  title: "Changes to NAV job ads (created, updated, expired, withdrawn)",
  description:
    "Job ad events the tracker recorded from NAV's feed, oldest first (order=desc for newest), each with field-level before/after values. Continue with `nextCursor` as cursor and the same other arguments.",
  input: z.looseObject({
    since: z.string().optional().describe("A timestamp or a date YYYY-MM-DD (00:00 Oslo)."),
    kind: listOrScalar.optional().describe("created, updated, expired, withdrawn (comma or list)."),
    uuid: z.string().optional().describe("Only this ad's events."),
    order: z.string().optional().describe("asc (default) or desc."),
    limit: scalar.optional().describe("1–100; default 10 over MCP, 50 on the bridge."),
    cursor: z.string().optional().describe("nextCursor of the previous answer."),
  }),
  run: async (a, ctx) => {
    const { kind, limit, ...rest } = a as Record<string, string | string[] | number | undefined>;
    const res = await callSibling(
      ctx.call,
      "TRACKER",
      `/v1/jobs/changes${queryString({
        ...(rest as Record<string, string>),
        kind: Array.isArray(kind) ? kind.map(String) : kind === undefined ? undefined : String(kind),
        limit: limit ?? (ctx.surface === "mcp" ? 10 : undefined),
      })}`,
    );
    const answer = parseShape(JobChangesFeed, expectOk(res), "job changes");
    return fitList(answer, "items", (kept) => ({
      continuation: `Only ${kept} of ${answer.items.length} events fit in 20,000 characters. Call again with limit=${kept}.`,
    }));
  },
});

/** The NAV job tools, in listing order. */
export const JOB_TOOLS = [searchJobs, getJobDetail, getFacets, getJobChanges];
