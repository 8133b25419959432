import {
  type ErrorIssue,
  foldSearchParams,
  NOTICE_ID_PATTERN,
  projectFields,
  SEARCH_LIST_PARAMS,
  SearchQuery,
  searchIssuesOf,
} from "@doffin/core";
import { createRouter, errorResponse } from "@doffin/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { respondFromCache } from "../respond";
import { bodyOf } from "../services/body";
import { serviceCallOf } from "../services/container";
import { DETAIL_FIELDS, getNoticeDetail, NoticeDetail, tagged } from "../services/notice-detail";
import { SearchAnswer, searchNotices, withIssuePaths } from "../services/search";
import {
  detailFields,
  fieldsDescription,
  projectSearchBody,
  searchFieldsParameter,
  takeSearchFields,
} from "./fields";
import { cachedOk, errorResponses, notModified, pathParam } from "./schemas";

/**
 * Aliases (`types`, `query`, `from`/`to` …), identical repeats and unknown parameters: this route
 * middleware folds the raw query string with core's `foldSearchParams` BEFORE the validator reads it,
 * by handing the validator a request whose URL carries only the public names. What folding found wrong
 * (unknown names, conflicting repeats) waits in `c.var.searchFoldIssues`; the route's hook reports it
 * together with the validator's issues, so one 400 lists every bad parameter. A query that is already in
 * public names passes through untouched (no new Request on the hot path).
 */
const foldSearchQuery: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = new URL(c.req.url);
  if (url.search === "") return next();
  const { values, issues } = foldSearchParams(url.searchParams);
  c.set("searchFoldIssues", issues);
  const folded = new URLSearchParams();
  for (const [name, value] of Object.entries(values))
    for (const v of Array.isArray(value) ? value : [value]) folded.append(name, v);
  if (folded.toString() !== url.searchParams.toString()) {
    url.search = folded.toString();
    c.req.raw = new Request(url, c.req.raw);
  }
  await next();
};

const searchHook = (
  result: { success: true } | { success: false; error: z.ZodError },
  c: import("hono").Context<AppEnv>,
) => {
  const fieldsIssue = c.get("fieldsIssue");
  const issues: ErrorIssue[] = [
    ...(fieldsIssue ? [fieldsIssue] : []),
    ...(c.get("searchFoldIssues") ?? []),
    ...(result.success ? [] : searchIssuesOf(result.error)),
  ];
  if (issues.length === 0) return undefined;
  return errorResponse(c, "invalid_request", "The search query is not valid; see issues.", {
    issues: issues.map((i) => ({ ...i, path: `query.${i.path}` })),
  });
};

export const searchRoute = createRoute({
  tags: ["Notices"],
  method: "get",
  path: "/v1/notices",
  summary: "Search Doffin notices (with facets)",
  description: `The search contract (@doffin/core \`SearchQuery\`): the same names, types and messages as the MCP and tool-bridge search tools. List parameters (${SEARCH_LIST_PARAMS.join(", ")}) repeat or comma-separate. Aliases are accepted and share the cache (e.g. \`types\`, \`query\`, \`from\`/\`to\`); unknown parameters and conflicting repeats are a 400. Facet counts are disjunctive: a facet's counts ignore that facet's own filter, so they can add up to more than \`total\`.`,
  middleware: [takeSearchFields, foldSearchQuery] as const,
  request: { query: SearchQuery },
  parameters: [searchFieldsParameter],
  responses: {
    200: cachedOk(
      SearchAnswer,
      "One page of hits with (disjunctive) facet counts; `hints` when a free-text search found nothing.",
    ),
    ...notModified,
    ...errorResponses,
  },
});

export const noticeRoute = createRoute({
  tags: ["Notices"],
  method: "get",
  path: "/v1/notices/{id}",
  summary: "One normalized notice with its contract data (lots, results, parties, values)",
  description:
    "The web client's notice plus the contract data of its eForms XML (the tracker's store, else the Public API download when a key is configured). Values are kept apart, never added. Without XML, `unavailable` lists the fields that could not be filled and `unavailableReason` says why; `dataSources` says where each part came from and when.",
  request: {
    params: z.object({
      // Core's NoticeId rebuilt with the openapi-aware z, so the document shows the path parameter.
      id: pathParam("id", NOTICE_ID_PATTERN, "a Doffin notice id looks like 2026-107918", "2026-107918"),
    }),
    query: z.object({
      fields: z
        .string()
        .optional()
        .openapi({ description: fieldsDescription(DETAIL_FIELDS), example: "heading,values" }),
    }),
  },
  responses: {
    200: cachedOk(NoticeDetail, "The notice with its contract data."),
    ...notModified,
    ...errorResponses,
  },
});

export const noticesApp = createRouter<AppEnv>()
  .openapi(
    searchRoute,
    async (c) => {
      const call = serviceCallOf(c);
      const result = await searchNotices(call, c.req.valid("query")).catch((err: unknown) => {
        throw withIssuePaths(err, (p) => `query.${p}`);
      });
      const fields = c.get("fields");
      if (!fields) return respondFromCache(c, result, call.services.policies.search, call.services.now());
      const view = await tagged(projectSearchBody(bodyOf(result.entry), fields));
      return respondFromCache(c, result, call.services.policies.search, call.services.now(), view);
    },
    searchHook,
  )
  .openapi(noticeRoute, async (c) => {
    const call = serviceCallOf(c);
    const fields = detailFields(c.req.valid("query").fields, DETAIL_FIELDS);
    const { result, value } = await getNoticeDetail(call, c.req.valid("param").id);
    const view = await tagged(fields ? projectFields(value, fields) : value);
    return respondFromCache(c, result, call.services.policies.notice, call.services.now(), view);
  });
