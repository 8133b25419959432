/**
 * The query engine both surfaces share: filters (OR within a facet, AND across), disjunctive facet counts
 * (each facet counted with every other filter but not its own) in one pass, and Doffin-like sort orders
 * whose ties are NOT broken by id — tie order depends on the page size (and optionally the page), so
 * paging can return duplicates and skip notices, as on Doffin (doffin-upstream.md §1.4).
 *
 * The sort names (`SORTS`) are written out again, on purpose, rather than imported from @doffin/core
 * (upstream/public-api.ts): the emulator stays independent of core so that a misunderstanding of Doffin
 * cannot hide in code both sides share.
 */
import { CPV_CODES } from "./codelists";
import { type Corpus, cpvIndexes, type Entry } from "./corpus";
import { addDays } from "./model";
import { osloDayStart } from "./oslo";
import { hash32 } from "./prng";
import { type IndexedText, indexText, matchesAll, parseTerms, relevance, type Term } from "./text-match";

export const SORTS = [
  "RELEVANCE",
  "PUBLICATION_DATE_DESC",
  "PUBLICATION_DATE_ASC",
  "DEADLINE",
  "ESTIMATED_VALUE_ASC",
  "ESTIMATED_VALUE_DESC",
] as const;
export type Sort = (typeof SORTS)[number];

export type Query = {
  text?: string | undefined;
  types?: string[] | undefined;
  statuses?: string[] | undefined;
  cpv?: string[] | undefined;
  locations?: string[] | undefined;
  /** "hierarchical": NO08 matches NO081 (web client); "exact": only the codes on the notice (Public API). */
  locationMode: "hierarchical" | "exact";
  natures?: string[] | undefined;
  labels?: string[] | undefined;
  buyers?: string[] | undefined;
  winners?: string[] | undefined;
  publishedFrom?: string | null | undefined;
  publishedTo?: string | null | undefined;
  issuedFrom?: string | undefined;
  issuedTo?: string | undefined;
  valueFrom?: number | undefined;
  valueTo?: number | undefined;
  sort: Sort;
  /** Hits to skip and to return (page × size ≤ 1000 is the caller's business). */
  offset: number;
  limit: number;
  /** Salt of the tie order: the page size, or page size and page. */
  tieSalt: number;
  facets: boolean;
};

export type FacetItems = { items: { id: string; total: number }[] };
export type SearchOutcome = { total: number; hits: Entry[]; facets?: Record<string, FacetItems> };

type FacetName =
  | "type"
  | "status"
  | "contractNature"
  | "locations"
  | "cpvCode"
  | "procurementStrategicLabels";
type Filter = { facet: FacetName | null; test: (e: Entry) => boolean };

const anyIn = (values: readonly (string | null)[], wanted: Set<string>): boolean => {
  for (const v of values) if (v !== null && wanted.has(v)) return true;
  return false;
};
const nonEmpty = (list: string[] | undefined): list is string[] => Array.isArray(list) && list.length > 0;

const buildFilters = (corpus: Corpus, q: Query): Filter[] => {
  const filters: Filter[] = [];
  if (nonEmpty(q.types)) {
    const set = new Set(q.types);
    filters.push({ facet: "type", test: (e) => anyIn(e.n.allTypes, set) });
  }
  if (nonEmpty(q.statuses)) {
    const set = new Set(q.statuses);
    // A null status (every non-competition notice) never matches.
    filters.push({ facet: "status", test: (e) => anyIn([corpus.status(e)], set) });
  }
  if (nonEmpty(q.cpv)) {
    const set = new Set(q.cpv);
    filters.push({ facet: "cpvCode", test: (e) => anyIn(e.n.cpvCodes, set) });
  }
  if (nonEmpty(q.locations)) {
    const set = new Set(q.locations);
    filters.push(
      q.locationMode === "hierarchical"
        ? { facet: "locations", test: (e) => anyIn(e.locKeys, set) }
        : { facet: "locations", test: (e) => anyIn(e.n.locationIds, set) },
    );
  }
  if (nonEmpty(q.natures)) {
    const set = new Set(q.natures);
    filters.push({ facet: "contractNature", test: (e) => set.has(e.n.contractNature) });
  }
  if (nonEmpty(q.labels)) {
    const set = new Set(q.labels);
    filters.push({ facet: "procurementStrategicLabels", test: (e) => anyIn(e.n.strategicLabels, set) });
  }
  if (nonEmpty(q.buyers)) {
    const set = new Set(q.buyers.map((b) => b.toLowerCase()));
    filters.push({
      facet: null,
      test: (e) =>
        e.n.buyers.some(
          (b) =>
            set.has(b.id) ||
            set.has(b.name.toLowerCase()) ||
            (b.organizationId !== null && set.has(b.organizationId)),
        ),
    });
  }
  if (nonEmpty(q.winners)) {
    const set = new Set(q.winners.map((w) => w.toLowerCase()));
    filters.push({
      facet: null,
      test: (e) => e.n.lots.some((l) => l.winner.some((w) => set.has(w.id) || set.has(w.name.toLowerCase()))),
    });
  }
  return filters;
};

const textOf = (e: Entry): IndexedText => {
  if (e.text === undefined) e.text = indexText(e.n.heading, e.n.description);
  return e.text;
};

const baseTest = (q: Query, terms: Term[]): ((e: Entry) => boolean) => {
  const checks: ((e: Entry) => boolean)[] = [(e) => !e.n.withdrawn];
  if (terms.length > 0) checks.push((e) => matchesAll(textOf(e), terms));
  // Issue days are Oslo calendar days: compare instants with the bounds of those days.
  if (q.issuedFrom) {
    const from = osloDayStart(q.issuedFrom);
    checks.push((e) => e.issueMs >= from);
  }
  if (q.issuedTo) {
    const end = osloDayStart(addDays(q.issuedTo, 1));
    checks.push((e) => e.issueMs < end);
  }
  if (q.valueFrom !== undefined || q.valueTo !== undefined) {
    const lo = q.valueFrom ?? Number.NEGATIVE_INFINITY;
    const hi = q.valueTo ?? Number.POSITIVE_INFINITY;
    // Currency is ignored, as on Doffin (S4); notices without a value never match a value filter.
    checks.push(
      (e) =>
        e.n.estimatedValue !== null && e.n.estimatedValue.amount >= lo && e.n.estimatedValue.amount <= hi,
    );
  }
  return (e) => checks.every((c) => c(e));
};

class FacetCounter {
  readonly counts: Record<Exclude<FacetName, "cpvCode">, Map<string, number>> = {
    type: new Map(),
    status: new Map(),
    contractNature: new Map(),
    locations: new Map(),
    procurementStrategicLabels: new Map(),
  };
  // ~10 codes per notice: a typed array over the CPV list keeps whole-corpus facets cheap.
  private readonly cpv = new Int32Array(CPV_CODES.length);
  constructor(private readonly corpus: Corpus) {}
  private bump(facet: Exclude<FacetName, "cpvCode">, ids: readonly (string | null)[]): void {
    const map = this.counts[facet];
    for (const id of ids) if (id !== null) map.set(id, (map.get(id) ?? 0) + 1);
  }
  add(e: Entry, only: FacetName | null | undefined): void {
    const all = only === undefined;
    if (all || only === "type") this.bump("type", e.n.allTypes);
    if (all || only === "status") this.bump("status", [this.corpus.status(e)]);
    if (all || only === "contractNature") this.bump("contractNature", [e.n.contractNature]);
    if (all || only === "locations") this.bump("locations", e.locKeys);
    if (all || only === "cpvCode") for (const i of cpvIndexes(e)) this.cpv[i] = (this.cpv[i] ?? 0) + 1;
    if (all || only === "procurementStrategicLabels")
      this.bump("procurementStrategicLabels", e.n.strategicLabels);
  }
  result(): Record<string, FacetItems> {
    const out: Record<string, FacetItems> = {};
    for (const [name, map] of Object.entries(this.counts)) {
      const items = [...map.entries()]
        .map(([id, total]) => ({ id, total }))
        .sort((a, b) => b.total - a.total || (a.id < b.id ? -1 : 1));
      out[name] = { items };
    }
    const cpv: { id: string; total: number }[] = [];
    this.cpv.forEach((total, i) => {
      if (total > 0) cpv.push({ id: CPV_CODES[i] as string, total });
    });
    // Only the 100 most frequent codes: thousands of CPV items would dwarf the hits.
    out.cpvCode = { items: cpv.sort((a, b) => b.total - a.total || (a.id < b.id ? -1 : 1)).slice(0, 100) };
    return out;
  }
}

export const runSearch = (corpus: Corpus, q: Query): SearchOutcome => {
  const terms = parseTerms(q.text);
  const base = baseTest(q, terms);
  const filters = buildFilters(corpus, q);
  const counter = q.facets ? new FacetCounter(corpus) : null;
  const { lo, hi } = corpus.window(q.publishedFrom, q.publishedTo);
  const matched: Entry[] = [];
  for (let i = lo; i < hi; i++) {
    const e = corpus.at(i);
    if (!base(e)) continue;
    let failed: Filter | null = null;
    let fails = 0;
    for (const f of filters) {
      if (!f.test(e)) {
        fails++;
        failed = f;
        if (fails > 1 || !counter) break;
      }
    }
    if (fails === 0) {
      matched.push(e);
      counter?.add(e, undefined);
    } else if (fails === 1 && counter && failed?.facet) {
      counter.add(e, failed.facet);
    }
  }
  const hits = order(matched, q, terms).slice(q.offset, q.offset + q.limit);
  return { total: matched.length, hits, ...(counter ? { facets: counter.result() } : {}) };
};

/** Every notice matching the filters (no facets, no sort) — for the suggest endpoint. */
export const matchAll = (
  corpus: Corpus,
  q: Omit<Query, "sort" | "offset" | "limit" | "tieSalt" | "facets">,
): Entry[] => {
  const base = baseTest(
    { ...q, sort: "PUBLICATION_DATE_DESC", offset: 0, limit: 0, tieSalt: 0, facets: false },
    parseTerms(q.text),
  );
  const filters = buildFilters(corpus, {
    ...q,
    sort: "PUBLICATION_DATE_DESC",
    offset: 0,
    limit: 0,
    tieSalt: 0,
    facets: false,
  });
  const { lo, hi } = corpus.window(q.publishedFrom, q.publishedTo);
  const out: Entry[] = [];
  for (let i = lo; i < hi; i++) {
    const e = corpus.at(i);
    if (base(e) && filters.every((f) => f.test(e))) out.push(e);
  }
  return out;
};

/** Sorted prefix of `matched` long enough for offset + limit (date sorts never sort the whole list). */
const order = (matched: Entry[], q: Query, terms: Term[]): Entry[] => {
  const need = q.offset + q.limit;
  const tie = (e: Entry): number => hash32(e.n.id, q.tieSalt);
  const sort = q.sort === "RELEVANCE" && terms.length === 0 ? "PUBLICATION_DATE_DESC" : q.sort;
  if (sort === "PUBLICATION_DATE_DESC" || sort === "PUBLICATION_DATE_ASC") {
    // `matched` is in publication order already; only each day's ties need ordering.
    const out: Entry[] = [];
    const desc = sort === "PUBLICATION_DATE_DESC";
    let i = desc ? matched.length - 1 : 0;
    while (out.length < need && i >= 0 && i < matched.length) {
      const day = (matched[i] as Entry).n.publicationDate;
      const group: Entry[] = [];
      while (i >= 0 && i < matched.length && (matched[i] as Entry).n.publicationDate === day) {
        group.push(matched[i] as Entry);
        i += desc ? -1 : 1;
      }
      out.push(...group.sort((a, b) => tie(a) - tie(b)));
    }
    return out;
  }
  const key = sortKey(sort, terms);
  return topK(
    matched.map((e) => ({ e, k: key(e), t: tie(e) })),
    need,
    (a, b) => a.k - b.k || a.t - b.t,
  ).map((x) => x.e);
};

/** The `k` smallest items in order, without sorting the whole list (k ≤ 1000 ≪ a 160k corpus). */
const topK = <T>(items: T[], k: number, cmp: (a: T, b: T) => number): T[] => {
  if (items.length <= k * 4) return items.sort(cmp).slice(0, k);
  // A max-heap of the best k so far.
  const heap: T[] = [];
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (cmp(heap[i] as T, heap[p] as T) <= 0) return;
      [heap[i], heap[p]] = [heap[p] as T, heap[i] as T];
      i = p;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && cmp(heap[l] as T, heap[m] as T) > 0) m = l;
      if (r < heap.length && cmp(heap[r] as T, heap[m] as T) > 0) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as T, heap[i] as T];
      i = m;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      up(heap.length - 1);
    } else if (k > 0 && cmp(item, heap[0] as T) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(cmp);
};

const sortKey = (sort: Sort, terms: Term[]): ((e: Entry) => number) => {
  switch (sort) {
    case "DEADLINE":
      return (e) => e.deadlineMs ?? Number.POSITIVE_INFINITY;
    case "ESTIMATED_VALUE_ASC":
      return (e) => e.n.estimatedValue?.amount ?? Number.POSITIVE_INFINITY;
    case "ESTIMATED_VALUE_DESC":
      return (e) => (e.n.estimatedValue ? -e.n.estimatedValue.amount : Number.POSITIVE_INFINITY);
    default:
      return (e) => -relevance(textOf(e), terms);
  }
};
