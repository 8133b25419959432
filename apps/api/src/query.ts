import {
  ACCESSIBLE_HITS_CAP,
  CONTRACT_NATURES,
  canonicalJson,
  type ErrorIssue,
  MAX_PAGE_SIZE,
  NOTICE_STATUSES,
  NOTICE_TYPES,
  type ResolvedSearchFilters,
  SORT_ORDERS,
} from "@doffin/core";
import { ApiError } from "@doffin/http";

/**
 * `GET /v1/notices` query → resolved filters + one canonical string for the cache key.
 * Strict on purpose: Doffin answers anything it does not understand with an empty 200, so every
 * unknown parameter, unknown value or unresolvable code is a 400 here that says what would work.
 */

/** One input resolved to codes, or why not (structurally @doffin/core's `CodeResolution`). */
export type CodeLookupResult =
  | { ok: true; codes: string[] }
  | { ok: false; failure: { message: string; suggestions: { code: string; label: string }[] } };

/** What query linting needs from the code lists (wired to @doffin/core's codes in code-lookup.ts). */
export type CodeLookup = {
  /** `72000000`, `72*`, `7221*` → the codes it means. */
  expandCpv(input: string): CodeLookupResult;
  /** `NO081`, `Oslo`, `Vestland`, legacy `NO082` → current (and legacy) codes. */
  resolveLocation(input: string): CodeLookupResult;
};

export const MAX_Q_LENGTH = 500;

const LIST_PARAMS = ["type", "status", "cpv", "location", "contract_nature"] as const;
const SCALAR_PARAMS = ["q", "published_from", "published_to", "sort", "page", "limit", "facets"] as const;
type ListParam = (typeof LIST_PARAMS)[number];
type ScalarParam = (typeof SCALAR_PARAMS)[number];
export type SearchParamName = ListParam | ScalarParam;
export const SEARCH_PARAM_NAMES: readonly SearchParamName[] = [...SCALAR_PARAMS, ...LIST_PARAMS];

/** Accepted spellings (lower-cased) → the public name. Aliases resolve before hashing, so they share a cache entry. */
export const PARAM_ALIASES: Record<string, SearchParamName> = {
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

export type SearchRequest = {
  filters: ResolvedSearchFilters;
  facets: boolean;
  /** Stable JSON of everything that changes the answer: equal queries give equal strings. */
  canonical: string;
};

const enumValue = <T extends string>(allowed: readonly T[], raw: string): T | undefined => {
  const v = raw.trim().toUpperCase().replace(/[-\s]/g, "_");
  return allowed.find((a) => a.toUpperCase() === v);
};

const isRealDate = (s: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const sortedUnique = <T extends string>(xs: T[]): T[] => [...new Set(xs)].sort();

/** Folds aliases, rejects unknown names and conflicting repeats; returns name → values. */
function collect(params: URLSearchParams, issues: ErrorIssue[]): Map<SearchParamName, string[]> {
  const out = new Map<SearchParamName, string[]>();
  const unknown: string[] = [];
  for (const [rawKey, value] of params) {
    const name = PARAM_ALIASES[rawKey.toLowerCase()];
    if (!name) {
      unknown.push(rawKey);
      continue;
    }
    out.set(name, [...(out.get(name) ?? []), value]);
  }
  for (const key of new Set(unknown))
    issues.push({
      path: `query.${key.slice(0, 64)}`,
      message: `unknown parameter; use one of ${SEARCH_PARAM_NAMES.join(", ")}`,
    });
  return out;
}

function scalar(
  values: Map<SearchParamName, string[]>,
  name: ScalarParam,
  issues: ErrorIssue[],
): string | undefined {
  const given = values.get(name);
  if (!given) return undefined;
  const distinct = [...new Set(given.map((v) => v.trim()))];
  if (distinct.length > 1) {
    issues.push({
      path: `query.${name}`,
      message: `given ${given.length} times with different values; give it once`,
    });
    return undefined;
  }
  return distinct[0];
}

function list(values: Map<SearchParamName, string[]>, name: ListParam): string[] {
  return (values.get(name) ?? [])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function enumList<T extends string>(
  raw: string[],
  allowed: readonly T[],
  name: ListParam,
  issues: ErrorIssue[],
): T[] | undefined {
  const out: T[] = [];
  for (const r of raw) {
    const v = enumValue(allowed, r);
    if (v) out.push(v);
    else
      issues.push({
        path: `query.${name}`,
        message: `unknown value "${r.slice(0, 40)}"; use one of ${allowed.join(", ")}`,
      });
  }
  return out.length > 0 ? sortedUnique(out) : undefined;
}

function resolveCodes(
  raw: string[],
  name: "cpv" | "location",
  resolve: (s: string) => CodeLookupResult,
  issues: ErrorIssue[],
): string[] | undefined {
  const out: string[] = [];
  for (const r of raw) {
    if (r.length > 100) {
      issues.push({ path: `query.${name}`, message: "a value is longer than 100 characters" });
      continue;
    }
    const result = resolve(r);
    if (result.ok && result.codes.length > 0) {
      out.push(...result.codes);
      continue;
    }
    // Core's failure message already names the nearest codes ("did you mean …").
    const message = result.ok ? `"${r.slice(0, 40)}" matches no code` : result.failure.message;
    issues.push({ path: `query.${name}`, message });
  }
  return out.length > 0 ? sortedUnique(out) : undefined;
}

function positiveInt(raw: string | undefined, name: "page" | "limit", issues: ErrorIssue[]) {
  if (raw === undefined) return undefined;
  if (!/^\d{1,7}$/.test(raw)) {
    issues.push({ path: `query.${name}`, message: "must be a whole number" });
    return undefined;
  }
  return Number(raw);
}

/**
 * Parses and lints a search query.
 * @throws ApiError invalid_request listing every bad parameter.
 * @example parseSearchQuery(new URL(req.url).searchParams, lookup).filters.types // ["COMPETITION"]
 */
export function parseSearchQuery(params: URLSearchParams, codes: CodeLookup): SearchRequest {
  const issues: ErrorIssue[] = [];
  const values = collect(params, issues);

  const qRaw = scalar(values, "q", issues);
  let q: string | undefined;
  if (qRaw !== undefined) {
    if (qRaw.length > MAX_Q_LENGTH)
      issues.push({ path: "query.q", message: `at most ${MAX_Q_LENGTH} characters` });
    else if (CONTROL_CHARS.test(qRaw))
      issues.push({ path: "query.q", message: "must not contain control characters" });
    else q = qRaw.replace(/\s+/g, " ") || undefined;
  }

  const types = enumList(list(values, "type"), NOTICE_TYPES, "type", issues);
  const statuses = enumList(list(values, "status"), NOTICE_STATUSES, "status", issues);
  const contractNatures = enumList(
    list(values, "contract_nature"),
    CONTRACT_NATURES,
    "contract_nature",
    issues,
  );
  const cpvCodes = resolveCodes(list(values, "cpv"), "cpv", (s) => codes.expandCpv(s), issues);
  const locations = resolveCodes(
    list(values, "location"),
    "location",
    (s) => codes.resolveLocation(s),
    issues,
  );

  const dates: { published_from?: string; published_to?: string } = {};
  for (const name of ["published_from", "published_to"] as const) {
    const raw = scalar(values, name, issues);
    if (raw === undefined) continue;
    if (isRealDate(raw)) dates[name] = raw;
    else issues.push({ path: `query.${name}`, message: "use a real date as YYYY-MM-DD" });
  }
  if (dates.published_from && dates.published_to && dates.published_from > dates.published_to)
    issues.push({ path: "query.published_from", message: "must not be after published_to" });

  const sortRaw = scalar(values, "sort", issues);
  const sort = sortRaw === undefined ? undefined : SORT_ORDERS.find((s) => s === sortRaw.toLowerCase());
  if (sortRaw !== undefined && !sort)
    issues.push({ path: "query.sort", message: `use one of ${SORT_ORDERS.join(", ")}` });

  const page = positiveInt(scalar(values, "page", issues), "page", issues) ?? 1;
  const limit = positiveInt(scalar(values, "limit", issues), "limit", issues) ?? 20;
  if (page < 1) issues.push({ path: "query.page", message: "must be at least 1" });
  if (limit < 1 || limit > MAX_PAGE_SIZE)
    issues.push({ path: "query.limit", message: `must be between 1 and ${MAX_PAGE_SIZE}` });
  else if (page >= 1 && page * limit > ACCESSIBLE_HITS_CAP)
    issues.push({
      path: "query.page",
      message: `page × limit must be ≤ ${ACCESSIBLE_HITS_CAP}: Doffin serves only the first ${ACCESSIBLE_HITS_CAP} hits of a query. Narrow it (type, cpv, location, published_from/published_to) or follow the change feed at /v1/changes.`,
    });

  const facetsRaw = scalar(values, "facets", issues)?.toLowerCase();
  let facets = true;
  if (facetsRaw !== undefined) {
    if (["true", "1", "yes"].includes(facetsRaw)) facets = true;
    else if (["false", "0", "no"].includes(facetsRaw)) facets = false;
    else issues.push({ path: "query.facets", message: "use true or false" });
  }

  if (issues.length > 0)
    throw new ApiError("invalid_request", "The search query is not valid; see issues.", { issues });

  const filters: ResolvedSearchFilters = {
    ...(q !== undefined && { q }),
    ...(types && { types }),
    ...(statuses && { statuses }),
    ...(cpvCodes && { cpvCodes }),
    ...(locations && { locations }),
    ...(contractNatures && { contractNatures }),
    ...(dates.published_from && { publishedFrom: dates.published_from }),
    ...(dates.published_to && { publishedTo: dates.published_to }),
    ...(sort && { sort }),
    page,
    limit,
  };
  return { filters, facets, canonical: canonicalJson({ filters, facets }) };
}
