import { ChangesFeed, Notice, SearchResult } from "@doffin/core";
import { z } from "zod";
import {
  apiKeyParam,
  continueAfter,
  detailParam,
  fieldsParam,
  intLike,
  listLike,
  pageSize,
  queryString,
  toInt,
  toList,
} from "./args";
import { clipToBudget, fitList, parseFields, project } from "./budget";
import { expectOk, ToolError } from "./dispatch";
import { NOTICE_FIELDS, SUMMARY_FIELDS, summarizeHit, summarizeNotice } from "./shapes";
import { defineTool } from "./tool";

/**
 * The GnistAI Doffin toolkit's tools, with their names and parameters, so an agent configured for
 * GnistAI can switch by changing the base URL. Each one calls a public REST route.
 */

const parseShape = <T>(schema: z.ZodType<T>, body: unknown, what: string): T => {
  const r = schema.safeParse(body);
  if (!r.success) throw new ToolError("internal", `The ${what} route answered in an unexpected shape.`, 500);
  return r.data;
};

const FILTERS = ["text", "status", "notice_type", "cpv_code", "location"] as const;

const searchNoticesInput = z
  .strictObject({
    text: z.string().max(500).optional().describe("Free-text search, e.g. 'IKT'."),
    status: listLike
      .optional()
      .describe("ACTIVE, EXPIRED, AWARDED or CANCELLED (comma-separated for several)."),
    notice_type: listLike
      .optional()
      .describe(
        "Notice type, e.g. COMPETITION, RESULT, PLANNING or a concrete type like ANNOUNCEMENT_OF_COMPETITION.",
      ),
    cpv_code: listLike.optional().describe("8-digit CPV code(s) or a prefix like '72*'."),
    location: listLike.optional().describe("NUTS code(s) like NO081, or a county/region name like 'Oslo'."),
    page: intLike(1, 1000, "page").optional().describe("1-based page (default 1)."),
    page_size: intLike(1, 50, "page_size")
      .optional()
      .describe("1–50; default 10 over MCP, 20 on the REST bridge."),
    detail: detailParam,
    fields: fieldsParam,
    api_key: apiKeyParam,
  })
  .refine((a) => FILTERS.some((f) => a[f] !== undefined && toList(a[f]).length > 0), {
    message: `Give at least one filter: ${FILTERS.join(", ")} (e.g. text='IKT' with location='NO03').`,
  });

export const searchNotices = defineTool({
  name: "search_notices",
  family: "gnistai",
  title: "Search Doffin notices",
  description:
    "Search Norwegian public procurement notices on Doffin. At least one filter is required. Returns " +
    "total hits, the page of notices and `next_page` when there are more (Doffin serves the first 1000 hits).",
  input: searchNoticesInput,
  run: async (a, ctx) => {
    const page = toInt(a.page) ?? 1;
    const limit = pageSize(toInt(a.page_size), ctx, 20);
    const fields = parseFields(a.fields);
    const res = await ctx.call(
      `/v1/notices${queryString({
        q: a.text,
        status: toList(a.status),
        type: toList(a.notice_type),
        cpv: toList(a.cpv_code),
        location: toList(a.location),
        page,
        limit,
        facets: false,
      })}`,
    );
    const result = parseShape(
      SearchResult,
      expectOk(res, { q: "text", type: "notice_type", cpv: "cpv_code", limit: "page_size" }),
      "search",
    );
    const notices = result.items.map((n) =>
      fields ? project(n, fields, SUMMARY_FIELDS) : a.detail === "full" ? n : summarizeHit(n),
    );
    const hasMore = page * limit < result.accessible;
    return fitList(
      {
        total: result.total,
        accessible: result.accessible,
        page,
        page_size: limit,
        count: notices.length,
        has_more: hasMore,
        ...(hasMore ? { next_page: page + 1 } : {}),
        notices,
      },
      "notices",
      (kept) => {
        const next = continueAfter(page, limit, kept);
        return {
          count: kept,
          next: { page: next.page, page_size: next.limit },
          continuation:
            `Only ${kept} of ${notices.length} notices fit in 20,000 characters. Continue with ` +
            `page=${next.page}, page_size=${next.limit}, or use detail='summary' / fewer fields.`,
        };
      },
    );
  },
});

export const getNotice = defineTool({
  name: "get_notice",
  family: "gnistai",
  title: "Get a Doffin notice",
  description:
    "One Doffin notice by id (e.g. 2026-107918). Answers `found: false` for an unknown id. detail='full' " +
    "adds every field including the eForm sections; long answers are shortened and marked truncated.",
  input: z.strictObject({
    notice_id: z.string().describe("Doffin notice id, YYYY-NNNNNN."),
    detail: detailParam,
    fields: fieldsParam,
    api_key: apiKeyParam,
  }),
  run: async (a, ctx) => {
    const res = await ctx.call(`/v1/notices/${encodeURIComponent(a.notice_id.trim())}`);
    if (res.status === 404) return { found: false, notice_id: a.notice_id };
    const notice = parseShape(Notice, expectOk(res, { id: "notice_id" }), "notice");
    const fields = parseFields(a.fields);
    const body = fields
      ? project(notice, fields, NOTICE_FIELDS)
      : a.detail === "full"
        ? notice
        : summarizeNotice(notice);
    return clipToBudget({ found: true, notice: body });
  },
});

export const getDoffinChanges = defineTool({
  name: "get_doffin_changes",
  family: "gnistai",
  title: "Field-level changes to Doffin notices",
  description:
    "Changes the tracker detected in Doffin notices since a point in time, oldest first, each with " +
    "field-level before/after values. Continue with the same since and `next_cursor` as cursor.",
  input: z.strictObject({
    since: z.string().min(1).describe("ISO 8601 timestamp, e.g. 2026-11-20T00:00:00Z."),
    limit: intLike(1, 100, "limit").optional().describe("1–100; default 10 over MCP, 50 on the REST bridge."),
    cursor: z.string().optional().describe("next_cursor of the previous answer (with the same since)."),
    api_key: apiKeyParam,
  }),
  run: async (a, ctx) => {
    const limit = pageSize(toInt(a.limit), ctx, 50);
    const res = await ctx.call(`/v1/changes${queryString({ since: a.since, limit, cursor: a.cursor })}`);
    const answer = parseShape(ChangesFeed, expectOk(res), "changes");
    const changes = answer.items.map((i) => ({
      entity_id: i.noticeId,
      changed_at: i.detectedAt,
      kind: i.kind,
      changes: i.changes,
    }));
    return fitList(
      {
        count: changes.length,
        changes,
        ...(answer.nextCursor ? { next_cursor: answer.nextCursor } : {}),
      },
      "changes",
      (kept) => ({
        count: kept,
        next: { since: a.since, limit: kept, ...(a.cursor ? { cursor: a.cursor } : {}) },
        continuation:
          `Only ${kept} of ${changes.length} changes fit in 20,000 characters. Call again with the arguments ` +
          `in next (limit=${kept}): it returns these changes and a next_cursor that continues after them.`,
      }),
    );
  },
});

const FeedbackAnswer = z.object({
  id: z.union([z.string(), z.number()]),
  createdAt: z.string(),
  status: z.string(),
});

/** GnistAI clients send free-form kinds; map the common ones onto the feedback Worker's four types. */
const FEEDBACK_TYPE_ALIASES: Record<string, string> = {
  other: "general",
  general: "general",
  feature: "feature_request",
  wish: "feature_request",
  feature_request: "feature_request",
  data: "data_error",
  data_error: "data_error",
  bug: "bug",
};

export const reportFeedback = defineTool({
  name: "report_feedback",
  family: "gnistai",
  title: "Report feedback",
  description: "Report a data error, a bad search result or a wish about this Doffin gateway.",
  input: z.strictObject({
    feedback: z.string().min(1).max(5000).describe("What is wrong or what you want."),
    feedback_type: z
      .preprocess(
        (v) => (typeof v === "string" ? (FEEDBACK_TYPE_ALIASES[v.trim().toLowerCase()] ?? v.trim()) : v),
        z.enum(["bug", "feature_request", "data_error", "general"]),
      )
      .default("general")
      .describe(
        "bug, data_error, feature_request or general (aliases: other → general, feature → feature_request).",
      ),
    notice_id: z.string().optional().describe("The notice it concerns, if any."),
    contact: z.string().max(200).optional().describe("How to reach you (optional)."),
    context: z.record(z.string(), z.unknown()).optional().describe("Anything that helps reproduce it."),
    api_key: apiKeyParam,
  }),
  run: async (a, ctx) => {
    const res = await ctx.call("/v1/feedback", {
      method: "POST",
      body: {
        feedback: a.feedback,
        type: a.feedback_type,
        noticeId: a.notice_id,
        contact: a.contact,
        context: a.context,
      },
    });
    const answer = parseShape(
      FeedbackAnswer,
      expectOk(res, { type: "feedback_type", noticeId: "notice_id" }),
      "feedback",
    );
    return { ok: true, id: answer.id, status: answer.status, created_at: answer.createdAt };
  },
});

export const GNISTAI_TOOLS = [searchNotices, getNotice, getDoffinChanges, reportFeedback];
