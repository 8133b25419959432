/**
 * The one search contract: every surface (REST `GET /v1/notices`, the MCP and tool-bridge search tools,
 * the CLI) validates a search with these schemas and these messages, then resolves codes with
 * `resolveSearchQuery`. Strict on purpose: Doffin answers anything it does not understand with an empty
 * 200, so every unknown parameter, unknown value or unresolvable code is an issue that says what works.
 */
import { z } from "zod";
import { getCpv } from "../codes/cpv";
import { expandCpvPattern, searchCpv } from "../codes/cpv-search";
import { resolveLocation } from "../codes/locations";
import type { CodeResolution } from "../codes/types";
import { canonicalJson } from "../util/canonical";
import { foldQueryParams } from "../util/query-params";
import type { ErrorIssue } from "./envelope";
import { ACCESSIBLE_HITS_CAP, MAX_PAGE_SIZE, type ResolvedSearchFilters } from "./filters";
import { CONTRACT_NATURES, NOTICE_STATUSES, NOTICE_TYPES, SORT_ORDERS } from "./vocabulary";

/** Longest free-text query accepted. */
export const MAX_Q_LENGTH = 500;
/** Longest single `cpv` / `location` value accepted (before lookup). */
export const MAX_CODE_INPUT_LENGTH = 100;

const LIST_PARAMS = ["type", "status", "cpv", "location", "contract_nature"] as const;
const SCALAR_PARAMS = ["q", "published_from", "published_to", "sort", "page", "limit", "facets"] as const;
export type SearchListParam = (typeof LIST_PARAMS)[number];
export type SearchParamName = SearchListParam | (typeof SCALAR_PARAMS)[number];

/** The public parameter names, in the order error messages list them. */
export const SEARCH_PARAM_NAMES: readonly SearchParamName[] = [...SCALAR_PARAMS, ...LIST_PARAMS];
/** Parameters that take several values (repeated or comma-separated). */
export const SEARCH_LIST_PARAMS: readonly SearchListParam[] = LIST_PARAMS;

/**
 * Accepted spellings (lower-cased) → the public name. Aliases fold before validation and hashing, so
 * `types=RESULT` and `type=RESULT` are one query and share one cache entry.
 *
 * @example SEARCH_PARAM_ALIASES.from // "published_from"
 */
export const SEARCH_PARAM_ALIASES: Readonly<Record<string, SearchParamName>> = {
  q: "q",
  query: "q",
  search: "q",
  searchstring: "q",
  type: "type",
  types: "type",
  status: "status",
  statuses: "status",
  cpv: "cpv",
  cpvcode: "cpv",
  cpv_code: "cpv",
  cpvcodes: "cpv",
  location: "location",
  locations: "location",
  region: "location",
  contract_nature: "contract_nature",
  contractnature: "contract_nature",
  nature: "contract_nature",
  published_from: "published_from",
  publishedfrom: "published_from",
  from: "published_from",
  published_to: "published_to",
  publishedto: "published_to",
  to: "published_to",
  sort: "sort",
  sortby: "sort",
  page: "page",
  limit: "limit",
  per_page: "limit",
  numhitsperpage: "limit",
  facets: "facets",
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

// Preprocessing (not transforms) keeps the schemas documentable: OpenAPI and JSON Schema render the
// validated type (enum, integer, date), and parsing an already-parsed value gives the same value.
const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);

/**
 * `"A,B"`, `["A", "B,C"]` → `["A", "B", "C"]`; nothing left → absent. `null` is left alone (and
 * rejected): it is not "absent", and OpenAPI generators probe with it to decide nullability.
 */
const splitList = (v: unknown) => {
  if (v === undefined || v === null) return v;
  const values = (Array.isArray(v) ? v : [v])
    .flatMap((s) => (typeof s === "string" ? s.split(",") : [s]))
    .map(trimmed)
    .filter((s) => s !== "");
  return values.length > 0 ? values : undefined;
};

const listOf = <T extends z.ZodType>(item: T) => z.preprocess(splitList, z.array(item).optional());

/** Case, dashes and spaces do not matter: `announcement-of-competition` is ANNOUNCEMENT_OF_COMPETITION. */
const enumItem = <T extends readonly [string, ...string[]]>(allowed: T) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase().replace(/[-\s]/g, "_") : v),
    z.enum(allowed, {
      error: (iss) => `unknown value "${String(iss.input).slice(0, 40)}"; use one of ${allowed.join(", ")}`,
    }),
  );

const codeItem = z
  .string()
  .max(MAX_CODE_INPUT_LENGTH, `a value is longer than ${MAX_CODE_INPUT_LENGTH} characters`);

const wholeNumber = (v: unknown) => {
  const s = trimmed(v);
  return typeof s === "string" && /^\d+$/.test(s) ? Number(s) : s;
};

const PAGE_CAP_MESSAGE = `page × limit must be ≤ ${ACCESSIBLE_HITS_CAP}: Doffin serves only the first ${ACCESSIBLE_HITS_CAP} hits of a query. Narrow it (type, cpv, location, published_from/published_to) or follow the change feed at /v1/changes.`;

/**
 * A page size of 1–`max` given as a number or a numeric string. Surfaces with a smaller cap (GnistAI's
 * tools: 50) use this with their own `max`, so the message has the same form everywhere.
 *
 * @example searchLimit(50).parse("20") // 20
 */
export const searchLimit = (max: number = MAX_PAGE_SIZE) =>
  z.preprocess(
    wholeNumber,
    z
      .int({ error: "must be a whole number" })
      .min(1, `must be between 1 and ${max}`)
      .max(max, `must be between 1 and ${max}`),
  );

const dateParam = (description: string, example: string) =>
  z
    .preprocess(trimmed, z.iso.date({ error: "use a real date as YYYY-MM-DD" }).optional())
    .describe(description)
    .meta({ examples: [example] });

/**
 * The fields of the search contract without the cross-field checks, for surfaces that derive their own
 * schema (`pick`/`extend` + renames; zod does not allow `pick` on a refined object).
 */
export const SearchQueryFields = z.strictObject({
  q: z
    .preprocess(
      trimmed,
      z
        .string()
        .max(MAX_Q_LENGTH, `at most ${MAX_Q_LENGTH} characters`)
        .refine((s) => !CONTROL_CHARS.test(s), "must not contain control characters")
        .optional(),
    )
    .describe(`Free text (≤ ${MAX_Q_LENGTH} characters), matched against headings and descriptions.`)
    .meta({ examples: ["skole"] }),
  type: listOf(enumItem(NOTICE_TYPES))
    .describe("Notice types; the roll-ups PLANNING, COMPETITION and RESULT include their concrete types.")
    .meta({ examples: [["COMPETITION"]] }),
  status: listOf(enumItem(NOTICE_STATUSES))
    .describe("Notice statuses.")
    .meta({ examples: [["ACTIVE"]] }),
  cpv: listOf(codeItem)
    .describe("CPV codes (8 digits, check digit optional) or prefixes like `72*`.")
    .meta({ examples: [["72*"]] }),
  location: listOf(codeItem)
    .describe("NUTS codes (legacy 2021 codes too) or Norwegian county/region names.")
    .meta({ examples: [["Vestland"]] }),
  contract_nature: listOf(enumItem(CONTRACT_NATURES))
    .describe("Contract natures.")
    .meta({ examples: [["SERVICES"]] }),
  published_from: dateParam("Published on or after this day (YYYY-MM-DD).", "2026-01-01"),
  published_to: dateParam("Published on or before this day (YYYY-MM-DD).", "2026-06-30"),
  sort: z
    .preprocess(
      (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
      z.enum(SORT_ORDERS, { error: `use one of ${SORT_ORDERS.join(", ")}` }).optional(),
    )
    .describe("Sort order (default: Doffin's relevance).")
    .meta({ examples: ["published_desc"] }),
  page: z
    .preprocess(
      wholeNumber,
      z
        .int({ error: "must be a whole number" })
        .min(1, "must be at least 1")
        .max(ACCESSIBLE_HITS_CAP, PAGE_CAP_MESSAGE),
    )
    .default(1)
    .describe(`1-based page; page × limit ≤ ${ACCESSIBLE_HITS_CAP} (Doffin's window).`)
    .meta({ examples: [1] }),
  limit: searchLimit()
    .default(20)
    .describe(`Hits per page, 1–${MAX_PAGE_SIZE}.`)
    .meta({ examples: [20] }),
  facets: z
    .preprocess(
      (v) => {
        const s = typeof v === "string" ? v.trim().toLowerCase() : v;
        return s === "true" || s === "1" || s === "yes"
          ? true
          : s === "false" || s === "0" || s === "no"
            ? false
            : s;
      },
      z.boolean({ error: "use true or false" }),
    )
    .default(true)
    .describe("Include facet counts (disjunctive: a facet's counts ignore that facet's own filter).")
    .meta({ examples: [true] }),
});

/**
 * The checks that span fields: the 1000-hit window and the date range. Exported so derived schemas
 * (tools with renamed parameters) can apply the same checks and messages.
 *
 * @example searchQueryCrossIssues({ page: 11, limit: 100 })[0]?.path // "page"
 */
export function searchQueryCrossIssues(q: {
  page?: number;
  limit?: number;
  published_from?: string;
  published_to?: string;
}): { path: "page" | "published_from"; message: string }[] {
  const out: { path: "page" | "published_from"; message: string }[] = [];
  if ((q.page ?? 1) * (q.limit ?? 20) > ACCESSIBLE_HITS_CAP)
    out.push({ path: "page", message: PAGE_CAP_MESSAGE });
  if (q.published_from && q.published_to && q.published_from > q.published_to)
    out.push({ path: "published_from", message: "must not be after published_to" });
  return out;
}

/**
 * The search contract as a zod object keyed by the public parameter names. Feed it folded input
 * (`foldSearchParams`) or use `parseSearchQuery`, which does both.
 *
 * @example SearchQuery.parse({ type: "competition,RESULT", limit: "5" }).type // ["COMPETITION", "RESULT"]
 */
export const SearchQuery = SearchQueryFields.superRefine((q, ctx) => {
  for (const issue of searchQueryCrossIssues(q))
    ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
});
export type SearchQuery = z.output<typeof SearchQuery>;
export type SearchQueryInput = z.input<typeof SearchQuery>;

export type RawSearchParams = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * Folds aliases (case-insensitive) onto the public names, drops identical repeats of single-valued
 * parameters and reports unknown parameters and conflicting repeats (issue path = the name as given).
 *
 * @example foldSearchParams(new URLSearchParams("types=RESULT&from=2026-01-01")).values
 * // { type: ["RESULT"], published_from: "2026-01-01" }
 */
export function foldSearchParams(input: RawSearchParams): {
  values: Partial<Record<SearchParamName, string | string[]>>;
  issues: ErrorIssue[];
} {
  // The generic fold every search contract shares; lists are kept as given (the contract splits commas).
  return foldQueryParams(input, SEARCH_PARAM_ALIASES, LIST_PARAMS, {
    splitLists: false,
    publicNames: SEARCH_PARAM_NAMES,
  });
}

/** zod issues → contract issues whose path is the public parameter name. */
export const searchIssuesOf = (error: z.ZodError): ErrorIssue[] =>
  error.issues.map((i) => ({
    path: i.path.length > 0 ? String(i.path[0]) : "(query)",
    message: i.message,
  }));

/**
 * Folds and validates a search (aliases, repeats, types, ranges, cross-field checks) in one pass, listing
 * every problem at once.
 *
 * @example parseSearchQuery(new URLSearchParams("type=result&limit=5"))
 * // { ok: true, query: { type: ["RESULT"], limit: 5, page: 1, facets: true } }
 */
export function parseSearchQuery(
  input: RawSearchParams,
): { ok: true; query: SearchQuery } | { ok: false; issues: ErrorIssue[] } {
  const folded = foldSearchParams(input);
  const parsed = SearchQuery.safeParse(folded.values);
  const issues = [...folded.issues, ...(parsed.success ? [] : searchIssuesOf(parsed.error))];
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, query: parsed.data };
}

/**
 * For digit input nothing shares (`9999*`, `99999999`): the codes under the longest prefix of it that
 * exists, so even a hopeless code gets something to try (the README promises suggestions).
 */
function nearestCpvByPrefix(input: string): { code: string; label: string }[] {
  const digits = /^(\d{1,8})/.exec(input.trim())?.[1];
  if (!digits) return [];
  for (let k = Math.min(digits.length, 7); k >= 1; k--) {
    const range = expandCpvPattern(`${digits.slice(0, k)}*`);
    if (range.ok && range.codes.length > 0)
      return range.codes.slice(0, 5).map((code) => ({ code, label: getCpv(code)?.nameNb ?? code }));
  }
  return [];
}

const sortedUnique = <T extends string>(xs: readonly T[]): T[] => [...new Set(xs)].sort();

function resolveCodes(
  values: readonly string[] | undefined,
  path: "cpv" | "location",
  resolve: (s: string) => CodeResolution,
  issues: ErrorIssue[],
): string[] | undefined {
  if (!values?.length) return undefined;
  const out: string[] = [];
  for (const value of values) {
    const result = resolve(value);
    if (result.ok && result.codes.length > 0) out.push(...result.codes);
    // Core's failure message names the nearest codes ("did you mean …") when it has any.
    else if (!result.ok && result.failure.suggestions.length > 0)
      issues.push({ path, message: result.failure.message });
    else {
      const base = result.ok ? `"${value.slice(0, 40)}" matches no code` : result.failure.message;
      const near = path === "cpv" ? nearestCpvByPrefix(value) : [];
      issues.push({
        path,
        message:
          near.length > 0
            ? `${base.replace(/; search the list with .*$/, "")}; nearest: ${near.map((c) => `${c.code} (${c.label})`).join(", ")}`
            : base,
      });
    }
  }
  return out.length > 0 ? sortedUnique(out) : undefined;
}

export type ResolvedSearchQuery = {
  filters: ResolvedSearchFilters;
  facets: boolean;
  /** Stable JSON of everything that changes the answer: equal queries give equal strings. */
  canonical: string;
};

/**
 * Resolves a validated query for the Doffin client: CPV prefixes expanded, location names mapped to
 * codes (unknown ones get the nearest suggestions), lists sorted and deduplicated, whitespace in `q`
 * collapsed, plus one canonical string for cache keys.
 *
 * @example resolveSearchQuery(SearchQuery.parse({ cpv: "722*" })) // { ok: true, filters: { cpvCodes: ["72200000"], … } }
 */
export function resolveSearchQuery(
  query: SearchQuery,
): ({ ok: true } & ResolvedSearchQuery) | { ok: false; issues: ErrorIssue[] } {
  const issues: ErrorIssue[] = [];
  const cpvCodes = resolveCodes(query.cpv, "cpv", (s) => expandCpvPattern(s), issues);
  const locations = resolveCodes(query.location, "location", (s) => resolveLocation(s), issues);
  if (issues.length > 0) return { ok: false, issues };
  const q = query.q?.replace(/\s+/g, " ") || undefined;
  const filters: ResolvedSearchFilters = {
    ...(q !== undefined && { q }),
    ...(query.type && { types: sortedUnique(query.type) }),
    ...(query.status && { statuses: sortedUnique(query.status) }),
    ...(cpvCodes && { cpvCodes }),
    ...(locations && { locations }),
    ...(query.contract_nature && { contractNatures: sortedUnique(query.contract_nature) }),
    ...(query.published_from && { publishedFrom: query.published_from }),
    ...(query.published_to && { publishedTo: query.published_to }),
    ...(query.sort && { sort: query.sort }),
    page: query.page,
    limit: query.limit,
  };
  return {
    ok: true,
    filters,
    facets: query.facets,
    canonical: canonicalJson({ filters, facets: query.facets }),
  };
}

/** What a free-text search with no hits offers instead of a silent zero. */
export const SearchHints = z
  .object({
    cpv: z
      .array(z.object({ code: z.string(), label: z.string() }))
      .describe(
        "CPV codes whose labels (nb or en) match the words of `q`: try `cpv=<code>` instead of or with `q`.",
      ),
    note: z.string(),
  })
  .describe("Only on an empty answer to a free-text search.");
export type SearchHints = z.infer<typeof SearchHints>;

/**
 * Hints for a free-text search that found nothing: CPV codes whose Norwegian or English labels match
 * the words (`software` → 48000000 …, as a `72*`-style prefix where it is a whole division), and that
 * notices are written in Norwegian. Cheap (local code lists only); no second Doffin call.
 *
 * @example searchHints("software").cpv[0]?.code // "48000000"
 */
export function searchHints(q: string): SearchHints {
  const hits = searchCpv(q).slice(0, 5);
  return {
    cpv: hits.map((h) => ({
      code: h.code.endsWith("000000") ? `${h.code.slice(0, 2)}*` : h.code,
      label: h.nameNb,
    })),
    note: "No notice matched this text. Notices are written in Norwegian (e.g. programvare, not software); the cpv codes above match your words in Norwegian or English labels. Dropping a filter or a word widens the search.",
  };
}
