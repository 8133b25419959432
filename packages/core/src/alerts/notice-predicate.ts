/**
 * The notice predicate: does a notice match a search? Same semantics as the notice search (OR within a
 * filter, AND across filters): `type` includes the roll-ups (PLANNING/COMPETITION/RESULT) through the
 * notice's `allTypes`; `status` never matches a notice without one; `cpv` prefixes (`72*`) match every
 * code below them (through the notice's ancestor-expanded codes, as the search does); `location` matches a county or
 * region name through `resolveSearchQuery`'s expansion (descendants, legacy codes) and a notice's code
 * through its NUTS ancestors (the web client's hierarchical facet); `published_from`/`_to` are inclusive
 * days. Paging, sort and facets change no match.
 */
import type { ErrorIssue } from "../domain/envelope";
import type { Notice, NoticeSummary } from "../domain/notice";
import { resolveSearchQuery, type SearchQuery } from "../domain/search-query";
import { ROLL_UP_OF } from "../domain/vocabulary";
import { SavedSearchFilterError } from "./saved-search";
import { type IndexedWords, indexWords, matchesTerms, parseTextTerms, type TextTerm } from "./text-terms";

/**
 * A notice as the matcher reads it: a search hit, or better a full `Notice` (what the tracker holds).
 * Search hits carry no contract nature, so it is taken from, in order: an explicit `contractNature`; the
 * detail's eForm section "Kontraktens art" (as Doffin shows it); the main (first direct) CPV code's
 * division (45 → WORKS, below 50 → SUPPLIES, else SERVICES — the CPV's own split); the first CPV code of
 * a bare hit, which is a guess (a hit's codes are unordered).
 */
export type MatchableNotice = NoticeSummary & {
  contractNature?: string | null;
  cpv?: Notice["cpv"];
  sections?: Notice["sections"];
};

/** A search compiled once: resolved code sets and parsed terms. */
export type CompiledNoticeQuery = {
  terms: TextTerm[];
  types: ReadonlySet<string> | null;
  statuses: ReadonlySet<string> | null;
  cpv: ReadonlySet<string> | null;
  locations: ReadonlySet<string> | null;
  natures: ReadonlySet<string> | null;
  publishedFrom: string | null;
  publishedTo: string | null;
};

/** What the predicate needs of a notice, derived once per notice (the index tests many searches on it). */
export type NoticeFeatures = {
  words: IndexedWords;
  types: ReadonlySet<string>;
  status: string | null;
  cpv: ReadonlySet<string>;
  locations: ReadonlySet<string>;
  nature: string | null;
  publishedOn: string | null;
};

const setOf = (xs: readonly string[] | undefined): ReadonlySet<string> | null =>
  xs && xs.length > 0 ? new Set(xs) : null;

/**
 * Code resolution is the costly part of compiling (a county name expands through the NUTS tree), and saved
 * searches share a few hundred distinct codes: each value's resolution is kept for the isolate's life
 * (bounded), so rebuilding the index every sweep costs little more than the lookups.
 */
const resolvedCodes = new Map<string, { codes: string[] } | { issues: ErrorIssue[] }>();
const RESOLVED_MAX = 20_000;

const resolveOne = (
  field: "cpv" | "location",
  value: string,
): { codes: string[] } | { issues: ErrorIssue[] } => {
  const key = `${field}\u0000${value}`;
  const hit = resolvedCodes.get(key);
  if (hit) return hit;
  // The same resolution the REST route runs (resolveSearchQuery), one value at a time: a list resolves to
  // the union of its values' codes, so resolving per value gives the same sets.
  const resolved = resolveSearchQuery({ [field]: [value], page: 1, limit: 20, facets: false });
  const out = resolved.ok
    ? { codes: (field === "cpv" ? resolved.filters.cpvCodes : resolved.filters.locations) ?? [] }
    : { issues: resolved.issues };
  if (resolvedCodes.size >= RESOLVED_MAX) resolvedCodes.clear();
  resolvedCodes.set(key, out);
  return out;
};

const resolveList = (
  field: "cpv" | "location",
  values: readonly string[] | undefined,
  issues: ErrorIssue[],
): ReadonlySet<string> | null => {
  if (!values?.length) return null;
  const codes = new Set<string>();
  for (const value of values) {
    const r = resolveOne(field, value);
    if ("issues" in r) issues.push(...r.issues);
    else for (const c of r.codes) codes.add(c);
  }
  return codes;
};

/**
 * Compiles a validated search (codes resolved as `resolveSearchQuery` does for the REST route).
 * @throws SavedSearchFilterError when a code no longer resolves (the code lists changed since it was saved).
 * @example compileNoticeQuery(SearchQuery.parse({ cpv: "72*" })).cpv // Set { "72000000" }
 */
export function compileNoticeQuery(query: SearchQuery): CompiledNoticeQuery {
  const issues: ErrorIssue[] = [];
  const cpv = resolveList("cpv", query.cpv, issues);
  const locations = resolveList("location", query.location, issues);
  if (issues.length > 0) throw new SavedSearchFilterError("notices", issues);
  return {
    // As resolveSearchQuery collapses it; the terms ignore runs of spaces anyway.
    terms: parseTextTerms(query.q),
    types: setOf(query.type),
    statuses: setOf(query.status),
    cpv,
    locations,
    natures: setOf(query.contract_nature),
    publishedFrom: query.published_from ?? null,
    publishedTo: query.published_to ?? null,
  };
}

/** NUTS ancestors by prefix (NO081 → NO08, NO0), as the web client's location facet expands them. */
const nutsAncestors = (code: string): string[] => {
  if (code.startsWith("anyw") || code.length < 4) return [];
  const out: string[] = [];
  for (let len = code.length - 1; len >= 3; len--) out.push(code.slice(0, len));
  return out;
};

/** Doffin's labels of "Kontraktens art" (the eForm section a detail shows) → our contract natures. */
const NATURE_OF_LABEL: Record<string, string> = {
  tjenester: "SERVICES",
  varer: "SUPPLIES",
  "bygge- og anleggsarbeid": "WORKS",
};

const natureOfSections = (sections: Notice["sections"] | undefined): string | null => {
  const stack = [...(sections ?? [])];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.label?.trim().toLowerCase() === "kontraktens art" && node.value)
      return NATURE_OF_LABEL[node.value.trim().toLowerCase()] ?? null;
    stack.push(...node.children);
  }
  return null;
};

const natureOfDivision = (division: string): string | null => {
  if (!/^\d\d$/.test(division)) return null;
  if (division === "45") return "WORKS";
  return Number(division) < 50 ? "SUPPLIES" : "SERVICES";
};

/**
 * A notice's match features.
 * @example noticeFeatures(notice).types // Set { "ANNOUNCEMENT_OF_COMPETITION", "COMPETITION" }
 */
export function noticeFeatures(notice: MatchableNotice): NoticeFeatures {
  const types = new Set<string>(notice.allTypes);
  types.add(notice.type);
  const rollUp = ROLL_UP_OF[notice.type as keyof typeof ROLL_UP_OF];
  if (rollUp) types.add(rollUp);
  const codes = notice.cpvCodes ?? notice.cpv?.all ?? [];
  // As given: the sources report codes ancestor-expanded as Doffin indexes them, and Doffin's filter
  // matches that list (a captured notice whose list skips an ancestor is not found under it either).
  const cpv = new Set<string>(codes);
  const locations = new Set<string>();
  for (const code of notice.locations) {
    locations.add(code);
    for (const a of nutsAncestors(code)) locations.add(a);
  }
  const mainCpv = notice.cpv?.direct[0] ?? codes[0];
  return {
    words: indexWords(notice.heading, notice.description),
    types,
    status: notice.status,
    cpv,
    locations,
    nature:
      notice.contractNature ??
      natureOfSections(notice.sections) ??
      (mainCpv ? natureOfDivision(mainCpv.slice(0, 2)) : null),
    publishedOn: notice.publishedOn,
  };
}

const anyIn = (values: ReadonlySet<string>, wanted: ReadonlySet<string>): boolean => {
  // Iterate the smaller side: a notice has ~10 codes, a resolved region ~20.
  const [small, big] = values.size <= wanted.size ? [values, wanted] : [wanted, values];
  for (const v of small) if (big.has(v)) return true;
  return false;
};

/**
 * The compiled predicate over precomputed features (what the index calls per candidate).
 * @example testNotice(compileNoticeQuery(query), noticeFeatures(notice)) // same as noticeMatchesQuery(query, notice)
 */
export function testNotice(q: CompiledNoticeQuery, n: NoticeFeatures): boolean {
  if (q.types && !anyIn(n.types, q.types)) return false;
  if (q.statuses && (n.status === null || !q.statuses.has(n.status))) return false;
  if (q.cpv && !anyIn(n.cpv, q.cpv)) return false;
  if (q.locations && !anyIn(n.locations, q.locations)) return false;
  if (q.natures && (n.nature === null || !q.natures.has(n.nature))) return false;
  if (q.publishedFrom && (n.publishedOn === null || n.publishedOn < q.publishedFrom)) return false;
  if (q.publishedTo && (n.publishedOn === null || n.publishedOn > q.publishedTo)) return false;
  if (q.terms.length > 0 && !matchesTerms(n.words, q.terms)) return false;
  return true;
}

/**
 * Whether a notice matches a search, with the notice search's semantics (see the module comment). For many
 * searches use `buildMatchIndex` + `matchNotice`, which compile each search once.
 *
 * @example noticeMatchesQuery(SearchQuery.parse({ type: "COMPETITION", cpv: "72*" }), notice) // true for an IT tender
 */
export function noticeMatchesQuery(query: SearchQuery, notice: MatchableNotice): boolean {
  return testNotice(compileNoticeQuery(query), noticeFeatures(notice));
}
