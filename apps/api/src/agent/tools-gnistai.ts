import { FeedbackCreate, FeedbackCreated } from "@doffin/contracts/feedback";
import { ChangesFeed, isNotFoundError, type Notice, searchLimit } from "@doffin/core";
import { z } from "zod";
import { bodyOf } from "../services/body";
import { getNotice as getNoticeService } from "../services/notice";
import { type SearchAnswer, searchNotices as searchService } from "../services/search";
import { callSibling } from "../services/siblings";
import {
  apiKeyParam,
  continueAfter,
  detailParam,
  fieldsParam,
  intLike,
  pageSize,
  queryString,
  toInt,
} from "./args";
import { clipToBudget, fitList, parseFields, project } from "./budget";
import { expectOk, parseShape } from "./dispatch";
import { type SearchRename, searchToolInput, toSearchQuery } from "./search-input";
import { NOTICE_FIELDS, SUMMARY_FIELDS, summarizeHit, summarizeNotice } from "./shapes";
import { defineTool } from "./tool";

/**
 * The GnistAI Doffin toolkit's tools, with their names and parameters, so an agent configured for
 * GnistAI can switch by changing the base URL. Each one calls the service behind the matching REST
 * route (or the sibling Worker's binding), never the app's router.
 */

/** GnistAI's names for the contract's parameters (the others keep the contract's name). */
const SEARCH_RENAME: SearchRename = { q: "text", type: "notice_type", cpv: "cpv_code", limit: "page_size" };

const searchNoticesInput = searchToolInput({
  rename: SEARCH_RENAME,
  // search_notices answers without facets.
  omit: ["facets"],
  override: {
    // GnistAI's page cap: agents' answers must fit the 20,000-character budget.
    limit: searchLimit(50).optional().describe("1–50; default 10 over MCP, 20 on the REST bridge."),
  },
  extra: { detail: detailParam, fields: fieldsParam, api_key: apiKeyParam },
}).refine(
  (a) =>
    Object.entries(a).some(
      ([k, v]) =>
        !["page", "page_size", "sort", "detail", "fields", "api_key"].includes(k) && v !== undefined,
    ),
  {
    message:
      "Give at least one filter: text, status, notice_type, cpv_code, location, contract_nature, published_from or published_to (e.g. text='IKT' with location='NO081').",
  },
);

export const searchNotices = defineTool({
  name: "search_notices",
  family: "gnistai",
  title: "Search Doffin notices",
  description:
    "Search Norwegian public procurement notices on Doffin. At least one filter is required. Returns " +
    "total hits, the page of notices and `next_page` when there are more (Doffin serves the first 1000 hits).",
  input: searchNoticesInput,
  rename: SEARCH_RENAME as Record<string, string>,
  run: async (a, ctx) => {
    const page = toInt(a.page as number | undefined) ?? 1;
    const limit = pageSize(toInt(a.page_size as number | undefined), ctx, 20);
    const fields = parseFields(a.fields as string | string[] | undefined);
    const query = toSearchQuery(a, SEARCH_RENAME, { page, limit, facets: false });
    const result = bodyOf<SearchAnswer>((await searchService(ctx.call, query)).entry);
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
        ...(result.hints ? { hints: result.hints } : {}),
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
  rename: { id: "notice_id" },
  run: async (a, ctx) => {
    const id = a.notice_id.trim();
    let notice: Notice;
    try {
      notice = bodyOf<Notice>((await getNoticeService(ctx.call, id)).entry);
    } catch (err) {
      if (isNotFoundError(err)) return { found: false, notice_id: a.notice_id };
      throw err;
    }
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
    const res = await callSibling(
      ctx.call,
      "TRACKER",
      `/v1/changes${queryString({ since: a.since, limit, cursor: a.cursor })}`,
    );
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

const FEEDBACK = FeedbackCreate.shape;

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
  // Derived from the feedback Worker's own contract (FeedbackCreate), renamed to GnistAI's names, so
  // the tool refuses what the Worker would refuse (e.g. a contact that is not an e-mail ≤ 254).
  input: z.strictObject({
    feedback: FEEDBACK.feedback.describe("What is wrong or what you want."),
    feedback_type: z
      .preprocess(
        (v) => (typeof v === "string" ? (FEEDBACK_TYPE_ALIASES[v.trim().toLowerCase()] ?? v.trim()) : v),
        FEEDBACK.type,
      )
      .describe(
        "bug, data_error, feature_request or general (aliases: other → general, feature → feature_request).",
      ),
    notice_id: FEEDBACK.noticeId.describe("The notice it concerns, if any."),
    contact: FEEDBACK.contact.describe("An e-mail address to reach you (optional)."),
    context: FEEDBACK.context.describe("Anything that helps reproduce it (a JSON object ≤ 2 KiB)."),
    api_key: apiKeyParam,
  }),
  rename: { type: "feedback_type", noticeId: "notice_id" },
  run: async (a, ctx) => {
    const res = await callSibling(ctx.call, "FEEDBACK", "/v1/feedback", {
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
      FeedbackCreated,
      expectOk(res, { type: "feedback_type", noticeId: "notice_id" }),
      "feedback",
    );
    return { ok: true, id: answer.id, status: answer.status, created_at: answer.createdAt };
  },
});

export const GNISTAI_TOOLS = [searchNotices, getNotice, getDoffinChanges, reportFeedback];
