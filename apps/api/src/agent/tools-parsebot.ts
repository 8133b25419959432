import {
  CODE_SEARCH_DEFAULT_LIMIT,
  CODE_SEARCH_MAX_LIMIT,
  type Notice,
  SearchQueryFields,
} from "@doffin/core";
import { z } from "zod";
import { bodyOf } from "../services/body";
import { type CodeSearchBody, codeSearch, cpvCodes, locationCodes } from "../services/codes";
import { getNotice } from "../services/notice";
import { type SearchAnswer, searchNotices } from "../services/search";
import {
  apiKeyParam,
  continueAfter,
  detailParam,
  fieldsParam,
  intLike,
  searchPaging,
  type ToolContext,
  toInt,
} from "./args";
import { clipToBudget, fitList, parseFields, project } from "./budget";
import { type SearchRename, searchToolInput, toSearchQuery } from "./search-input";
import {
  DOFFIN_HIT_FIELDS,
  flattenCodes,
  NOTICE_FIELDS,
  summarizeDoffinHit,
  summarizeNotice,
  toDoffinHit,
} from "./shapes";
import { defineTool, wrapData } from "./tool";

/**
 * Parse.bot's "doffin.no API" endpoints with their names and parameters (comma-separated strings,
 * numbers possibly as strings). The REST bridge wraps answers in `{ data }` as Parse.bot does.
 */

const SORT_BY: Record<string, string> = {
  RELEVANCE: "relevance",
  PUBLICATION_DATE_DESC: "published_desc",
  PUBLICATION_DATE_ASC: "published_asc",
  DEADLINE: "deadline",
};

/** Our REST facet names → the web-client names Parse.bot passes through. */
const FACET_NAME: Record<string, string> = {
  type: "type",
  status: "status",
  contract_nature: "contractNature",
  contractNature: "contractNature",
  cpv: "cpvCodesId",
  cpvCodes: "cpvCodesId",
  location: "location",
  locations: "location",
  buyer: "buyer",
  winner: "winner",
};

/** `pub_from` is "ISO 8601": keep the date part of a timestamp, leave anything else for the linter. */
const isoDay = (v: string | undefined): string | undefined =>
  v === undefined ? undefined : (/^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$/.exec(v.trim())?.[1] ?? v);

/** Parse.bot's names for the contract's parameters. */
const SEARCH_RENAME: SearchRename = {
  q: "query",
  type: "types",
  status: "statuses",
  cpv: "cpv_ids",
  location: "locations",
  contract_nature: "contract_natures",
  published_from: "pub_from",
  published_to: "pub_to",
  sort: "sort_by",
};

/** The contract's date check, after keeping the date part of an ISO 8601 timestamp. */
const isoDayParam = (field: z.ZodType, description: string) =>
  z.preprocess((v) => (typeof v === "string" ? isoDay(v) : v), field).describe(description);

const searchTendersInput = searchToolInput({
  rename: SEARCH_RENAME,
  // search_tenders always answers with facets.
  omit: ["facets"],
  override: {
    published_from: isoDayParam(
      SearchQueryFields.shape.published_from,
      "Published on or after (ISO 8601 date).",
    ),
    published_to: isoDayParam(
      SearchQueryFields.shape.published_to,
      "Published on or before (ISO 8601 date).",
    ),
    sort: z
      .string()
      .refine((s) => s.toUpperCase() in SORT_BY, `sort_by must be one of ${Object.keys(SORT_BY).join(", ")}`)
      .optional()
      .describe("RELEVANCE, PUBLICATION_DATE_DESC, PUBLICATION_DATE_ASC or DEADLINE."),
  },
  extra: { detail: detailParam, fields: fieldsParam, api_key: apiKeyParam },
});

export const searchTenders = defineTool({
  name: "search_tenders",
  family: "parsebot",
  title: "Search Doffin tenders (Parse.bot compatible)",
  description:
    "Search Doffin with facets. Returns `hits`, `facets` ({name: {items: [{id, total}]}}), `activeFacets`, " +
    "`numHitsTotal` and `numHitsAccessible` (Doffin serves at most the first 1000 hits).",
  input: searchTendersInput,
  rename: SEARCH_RENAME as Record<string, string>,
  run: async (a, ctx) => {
    const { page, limit } = searchPaging(a.page as number | undefined, a.limit as number | undefined, ctx);
    const sortBy = a.sort_by as string | undefined;
    const query = toSearchQuery({ ...a, sort_by: undefined }, SEARCH_RENAME, {
      page,
      limit,
      facets: true,
      sort: sortBy ? SORT_BY[sortBy.toUpperCase()] : undefined,
    });
    const filters = {
      type: query.type ?? [],
      status: query.status ?? [],
      cpvCodesId: query.cpv ?? [],
      location: query.location ?? [],
      contractNature: query.contract_nature ?? [],
    };
    const from = query.published_from;
    const to = query.published_to;
    const result = bodyOf<SearchAnswer>((await searchNotices(ctx.call, query)).entry);
    const fields = parseFields(a.fields as string | string[] | undefined);
    const full = a.detail === "full" || (a.detail === undefined && ctx.surface === "bridge");
    const hits = result.items.map((n) =>
      fields
        ? project(toDoffinHit(n), fields, DOFFIN_HIT_FIELDS)
        : full
          ? toDoffinHit(n)
          : summarizeDoffinHit(n),
    );
    const activeFacets: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(filters)) if (v.length > 0) activeFacets[k] = v;
    if (from || to) activeFacets.publicationDate = { from: from ?? null, to: to ?? null };
    const hasMore = page * limit < result.accessible;
    return fitList(
      {
        hits,
        facets: toParsebotFacets(result.facets, full ? Number.POSITIVE_INFINITY : 10),
        activeFacets,
        numHitsTotal: result.total,
        numHitsAccessible: result.accessible,
        ...(result.hints ? { hints: result.hints } : {}),
        page,
        limit,
        ...(hasMore ? { next_page: page + 1 } : {}),
      },
      "hits",
      (kept) => {
        const next = continueAfter(page, limit, kept);
        return {
          next: { page: next.page, limit: next.limit },
          continuation:
            `Only ${kept} of ${hits.length} hits fit in 20,000 characters. Continue with page=${next.page}, ` +
            `limit=${next.limit}, or ask for detail='summary' / fewer fields.`,
        };
      },
    );
  },
  wrap: wrapData,
});

/** `{name: [{id,label,count}]}` → Parse.bot's `{name: {items: [{id,total}]}}`, top `max` items per facet. */
function toParsebotFacets(facets: SearchAnswer["facets"], max: number) {
  const out: Record<string, { items: Array<{ id: string; total: number }> }> = {};
  for (const [name, items] of Object.entries(facets))
    out[FACET_NAME[name] ?? name] = { items: items.slice(0, max).map((i) => ({ id: i.id, total: i.count })) };
  return out;
}

export const getTenderDetail = defineTool({
  name: "get_tender_detail",
  family: "parsebot",
  title: "Get a Doffin tender (Parse.bot compatible)",
  description: "Full details of one Doffin notice by id (tender_id; id and notice_id are accepted too).",
  input: z
    .strictObject({
      tender_id: z.string().optional().describe("Doffin notice id, YYYY-NNNNNN."),
      id: z.string().optional().describe("Alias of tender_id."),
      notice_id: z.string().optional().describe("Alias of tender_id."),
      detail: detailParam,
      fields: fieldsParam,
      api_key: apiKeyParam,
    })
    .refine((a) => Boolean(a.tender_id ?? a.id ?? a.notice_id), {
      message: "Give tender_id (e.g. 2026-107918).",
    }),
  rename: { id: "tender_id" },
  run: async (a, ctx) => {
    // The refine above guarantees one of the three is set.
    const id = (a.tender_id ?? a.id ?? a.notice_id ?? "").trim();
    const notice = bodyOf<Notice>((await getNotice(ctx.call, id)).entry);
    const fields = parseFields(a.fields);
    const full = a.detail === "full" || (a.detail === undefined && ctx.surface === "bridge");
    const body = fields ? project(notice, fields, NOTICE_FIELDS) : full ? notice : summarizeNotice(notice);
    return clipToBudget(body);
  },
  wrap: wrapData,
});

const codeListInput = (what: string) =>
  z
    .strictObject({
      query: z.string().max(200).optional().describe(`Search ${what} labels or codes (ranked, best first).`),
      parent: z.string().optional().describe("Only the direct children of this code."),
      page: intLike(1, 100_000, "page")
        .optional()
        .describe("1-based page of the list (default 1); not with query."),
      limit: intLike(1, 1000, "limit")
        .optional()
        .describe(
          `Rows per page; default 50 over MCP, 500 on the bridge; with query 1–${CODE_SEARCH_MAX_LIMIT} (default 20).`,
        ),
      cursor: z
        .string()
        .min(1)
        .max(500)
        .optional()
        .describe("With query: next_cursor of the previous answer."),
      api_key: apiKeyParam,
    })
    .refine((a) => !(a.query && a.page !== undefined && Number(a.page) > 1), {
      message: "With query, continue with cursor=<next_cursor> instead of page.",
      path: ["page"],
    })
    .refine((a) => !(a.cursor && !a.query), {
      message: "cursor continues a query; give query too.",
      path: ["cursor"],
    });

type CodeArgs = z.output<ReturnType<typeof codeListInput>>;

/**
 * A code list for agents. With `query`: one ranked page of core's code search (`total`, `next_cursor`),
 * through the same cached service as `GET /v1/codes/…?q=`. Without: the flattened hierarchy, paged by
 * `page`/`limit` (over MCP only the top level unless `parent` is given).
 */
async function codeList(
  list: "cpv" | "locations",
  a: CodeArgs,
  ctx: ToolContext,
): Promise<Record<string, unknown>> {
  const q = a.query?.trim() || undefined;
  if (q) {
    const limit = toInt(a.limit) ?? CODE_SEARCH_DEFAULT_LIMIT;
    const page = bodyOf<CodeSearchBody>(
      (await codeSearch(ctx.call, list, { q, limit, cursor: a.cursor })).entry,
    );
    let rows = flattenCodes(page.items);
    if (a.parent) rows = rows.filter((r) => r.parent === a.parent);
    return fitList(
      {
        total: page.total,
        limit,
        count: rows.length,
        codes: rows,
        ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}),
        ...(page.correctedQuery ? { corrected_query: page.correctedQuery } : {}),
      },
      "codes",
      (kept) => ({
        count: kept,
        next: { query: q, limit: kept, ...(a.cursor ? { cursor: a.cursor } : {}) },
        continuation: `Only ${kept} rows fit in 20,000 characters. Call again with limit=${kept} and the same cursor, then continue with its next_cursor.`,
      }),
    );
  }
  let rows = flattenCodes(
    bodyOf((await (list === "cpv" ? cpvCodes(ctx.call, {}) : locationCodes(ctx.call))).entry),
  );
  if (a.parent) rows = rows.filter((r) => r.parent === a.parent);
  else if (ctx.surface === "mcp") rows = rows.filter((r) => r.depth === 0);
  const page = toInt(a.page) ?? 1;
  const limit = toInt(a.limit) ?? (ctx.surface === "mcp" ? 50 : 500);
  const codes = rows.slice((page - 1) * limit, page * limit);
  const hasMore = page * limit < rows.length;
  return fitList(
    {
      total: rows.length,
      page,
      limit,
      count: codes.length,
      ...(hasMore ? { next_page: page + 1 } : {}),
      codes,
      ...(!a.parent && ctx.surface === "mcp"
        ? { hint: "Top level only; pass parent=<code> to walk down or query=<text> to search." }
        : {}),
    },
    "codes",
    (kept) => {
      const next = continueAfter(page, limit, kept);
      return {
        count: kept,
        next: { page: next.page, limit: next.limit },
        continuation: `Only ${kept} rows fit in 20,000 characters. Continue with page=${next.page}, limit=${next.limit}.`,
      };
    },
  );
}

export const getCpvCodes = defineTool({
  name: "get_cpv_codes",
  family: "parsebot",
  title: "CPV codes",
  description:
    "The CPV code hierarchy as rows {id, label, parent, depth}. Over MCP without arguments: the top level; " +
    "use parent to walk down and query to search labels.",
  input: codeListInput("CPV"),
  run: (a, ctx) => codeList("cpv", a, ctx),
  wrap: wrapData,
});

export const getLocationCodes = defineTool({
  name: "get_location_codes",
  family: "parsebot",
  title: "Location (NUTS) codes",
  description:
    "Norwegian NUTS locations as rows {id, label, parent, depth}; legacy codes are flagged. Use the ids in " +
    "locations / location filters.",
  input: codeListInput("location"),
  run: (a, ctx) => codeList("locations", a, ctx),
  wrap: wrapData,
});

export const PARSEBOT_TOOLS = [searchTenders, getTenderDetail, getCpvCodes, getLocationCodes];
