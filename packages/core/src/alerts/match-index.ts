/**
 * The match index: every saved search is filed under the keys of its most selective filter (a rare `q`
 * word, CPV codes, location codes, exact types …), so a changed notice looks up only the searches filed
 * under its own keys and verifies those candidates with the predicate. Searches with no indexable filter
 * (say, only a date range) sit in a small scan list that every item is tested against. The cost per item
 * is its keys plus its candidates, not the number of searches.
 *
 * CPV prefixes work as a trie walk without a trie: a `72*` search is filed under the division code
 * `72000000`, and a notice emits every ancestor of each of its codes, so the walk up from a code meets
 * every prefix filed on its path. Locations work the same way with NUTS ancestors.
 */
import type { ErrorIssue } from "../domain/envelope";
import {
  type CompiledJobQuery,
  compileJobQuery,
  type JobFeatures,
  jobFeatures,
  type MatchableJob,
  testJob,
} from "./job-predicate";
import {
  type CompiledNoticeQuery,
  compileNoticeQuery,
  type MatchableNotice,
  type NoticeFeatures,
  noticeFeatures,
  testNotice,
} from "./notice-predicate";
import { isSavedSearchFilterError, type SavedSearchFilter } from "./saved-search";

/** Prefix terms are filed under their first 3–5 characters; items emit those prefixes of each token. */
const MIN_PREFIX = 3;
const MAX_PREFIX = 5;
/** A filter expected to let through this share of items or more is no better than scanning. */
const SCAN_THRESHOLD = 0.6;

type Choice = { keys: string[]; cost: number };

class SourceIndex<Q, F> {
  readonly queries: Q[] = [];
  readonly ids: string[] = [];
  readonly byKey = new Map<string, number[]>();
  readonly scan: number[] = [];
  private stamp = new Int32Array(0);
  private tick = 0;

  add(id: string, query: Q, choice: Choice | null): void {
    const at = this.queries.length;
    this.queries.push(query);
    this.ids.push(id);
    if (choice === null || choice.cost >= SCAN_THRESHOLD) {
      this.scan.push(at);
      return;
    }
    for (const key of new Set(choice.keys)) {
      const list = this.byKey.get(key);
      if (list) list.push(at);
      else this.byKey.set(key, [at]);
    }
  }

  /** The ids of the searches matching an item (in the order they were given), from its keys. */
  match(
    keys: Iterable<string>,
    features: F,
    test: (q: Q, f: F) => boolean,
  ): { ids: string[]; candidates: number } {
    if (this.stamp.length < this.queries.length) this.stamp = new Int32Array(this.queries.length);
    this.tick++;
    const tick = this.tick;
    const hits: number[] = [];
    let candidates = 0;
    const visit = (i: number) => {
      if (this.stamp[i] === tick) return;
      this.stamp[i] = tick;
      candidates++;
      if (test(this.queries[i] as Q, features)) hits.push(i);
    };
    for (const key of keys) {
      const list = this.byKey.get(key);
      if (list) for (const i of list) visit(i);
    }
    for (const i of this.scan) visit(i);
    hits.sort((a, b) => a - b);
    return { ids: hits.map((i) => this.ids[i] as string), candidates };
  }
}

/** A built index over saved searches of both sources (see `buildMatchIndex`). */
export type MatchIndex = {
  readonly notices: SourceIndex<CompiledNoticeQuery, NoticeFeatures>;
  readonly jobs: SourceIndex<CompiledJobQuery, JobFeatures>;
  /** Searches left out because their filter no longer resolves (code lists changed); the rest still match. */
  readonly skipped: { id: string; issues: ErrorIssue[] }[];
  /** Candidates verified so far (for benchmarks: the work actually done). */
  candidates: number;
};

const best = (choices: Choice[]): Choice | null => {
  let out: Choice | null = null;
  for (const c of choices) if (c.keys.length > 0 && (out === null || c.cost < out.cost)) out = c;
  return out;
};

/** Rough share of notices a filter lets through; only the order matters (the predicate decides). */
function noticeChoice(q: CompiledNoticeQuery): Choice | null {
  const choices: Choice[] = [];
  for (const t of q.terms) {
    if (!t.prefix) choices.push({ keys: [`w:${t.token}`], cost: t.token.length >= 4 ? 0.02 : 0.08 });
    else if (t.token.length >= MIN_PREFIX)
      choices.push({ keys: [`p:${t.token.slice(0, MAX_PREFIX)}`], cost: t.token.length >= 5 ? 0.04 : 0.12 });
  }
  if (q.cpv) {
    const codes = [...q.cpv];
    const share = (c: string) => (c.endsWith("000000") ? 0.06 : c.endsWith("00000") ? 0.015 : 0.004);
    choices.push({ keys: codes.map((c) => `c:${c}`), cost: codes.reduce((s, c) => s + share(c), 0) });
  }
  if (q.locations) {
    const codes = [...q.locations];
    // Count the roots only: a resolved region carries its counties, which add no reach.
    const roots = codes.filter((c) => !codes.some((p) => p !== c && c.startsWith(p))).length;
    choices.push({ keys: codes.map((c) => `l:${c}`), cost: 0.08 * roots });
  }
  if (q.types) {
    const rollUps = new Set(["PLANNING", "COMPETITION", "RESULT"]);
    const types = [...q.types];
    choices.push({
      keys: types.map((t) => `t:${t}`),
      cost: types.reduce((s, t) => s + (rollUps.has(t) ? 0.4 : 0.12), 0),
    });
  }
  if (q.statuses) choices.push({ keys: [...q.statuses].map((s) => `s:${s}`), cost: 0.3 * q.statuses.size });
  if (q.natures) choices.push({ keys: [...q.natures].map((n) => `n:${n}`), cost: 0.34 * q.natures.size });
  return best(choices);
}

function* noticeKeys(f: NoticeFeatures): Generator<string> {
  for (const t of f.types) yield `t:${t}`;
  if (f.status !== null) yield `s:${f.status}`;
  if (f.nature !== null) yield `n:${f.nature}`;
  for (const c of f.cpv) yield `c:${c}`;
  for (const l of f.locations) yield `l:${l}`;
  for (const token of new Set(f.words.tokens)) {
    yield `w:${token}`;
    for (let n = MIN_PREFIX; n <= Math.min(MAX_PREFIX, token.length); n++) yield `p:${token.slice(0, n)}`;
  }
}

function jobChoice(q: CompiledJobQuery): Choice | null {
  const choices: Choice[] = [];
  if (q.q !== null && q.words.length > 0) {
    // All words are required, so one suffices; the longest is usually the rarest. A q that is the ad's
    // uuid matches too, so the search is also filed under that.
    const word = q.words.reduce((a, b) => (b.length > a.length ? b : a));
    choices.push({ keys: [`w:${word}`, `u:${q.q}`], cost: word.length >= 4 ? 0.02 : 0.08 });
  }
  if (q.counties) choices.push({ keys: [...q.counties].map((c) => `c:${c}`), cost: 0.08 * q.counties.size });
  if (q.level1) choices.push({ keys: [...q.level1].map((o) => `o:${o}`), cost: 0.06 * q.level1.size });
  if (q.engagementType)
    choices.push({ keys: [...q.engagementType].map((e) => `g:${e}`), cost: 0.15 * q.engagementType.size });
  if (q.sector) choices.push({ keys: [...q.sector].map((s) => `s:${s}`), cost: 0.5 * q.sector.size });
  if (q.remote) choices.push({ keys: [...q.remote].map((r) => `r:${r}`), cost: 0.3 * q.remote.size });
  if (q.extent) choices.push({ keys: [...q.extent].map((e) => `e:${e}`), cost: 0.5 * q.extent.size });
  return best(choices);
}

function* jobKeys(f: JobFeatures): Generator<string> {
  yield `u:${f.uuid}`;
  for (const w of f.words) yield `w:${w}`;
  for (const p of f.places) yield `c:${p.county}`;
  for (const o of f.occupations) yield `o:${o.level1}`;
  if (f.sector !== null) yield `s:${f.sector}`;
  for (const e of f.extents) yield `e:${e}`;
  if (f.engagementType !== null) yield `g:${f.engagementType}`;
  yield `r:${f.remote}`;
}

/**
 * Compiles every saved search once and files it under its most selective filter. A search whose filter
 * no longer resolves is left out and listed in `skipped` (one bad row must not stop a sweep's matching).
 *
 * @example
 * const index = buildMatchIndex([{ id: "ss_1", filter: parseSavedSearchFilter("notices", { cpv: "72*" }) }]);
 * matchNotice(index, itNotice); // ["ss_1"]
 */
export function buildMatchIndex(searches: readonly { id: string; filter: SavedSearchFilter }[]): MatchIndex {
  const index: MatchIndex = {
    notices: new SourceIndex(),
    jobs: new SourceIndex(),
    skipped: [],
    candidates: 0,
  };
  for (const { id, filter } of searches) {
    try {
      if (filter.source === "notices") {
        const q = compileNoticeQuery(filter.query);
        index.notices.add(id, q, noticeChoice(q));
      } else {
        const q = compileJobQuery(filter.query);
        index.jobs.add(id, q, jobChoice(q));
      }
    } catch (e) {
      if (!isSavedSearchFilterError(e)) throw e;
      index.skipped.push({ id, issues: e.issues });
    }
  }
  return index;
}

/**
 * The ids of the notice searches a notice matches, in the order the searches were given.
 * @example matchNotice(buildMatchIndex(searches), notice) // ["ss_1", "ss_7"]
 */
export function matchNotice(index: MatchIndex, notice: MatchableNotice): string[] {
  const features = noticeFeatures(notice);
  const { ids, candidates } = index.notices.match(noticeKeys(features), features, testNotice);
  index.candidates += candidates;
  return ids;
}

/**
 * The ids of the job searches a job ad matches; `now` (epoch ms) anchors the `published` filter.
 * @example matchJob(buildMatchIndex(searches), job) // ["ss_3"]
 */
export function matchJob(index: MatchIndex, job: MatchableJob, now: number = Date.now()): string[] {
  const features = jobFeatures(job);
  const { ids, candidates } = index.jobs.match(jobKeys(features), features, (q, f) => testJob(q, f, now));
  index.candidates += candidates;
  return ids;
}

/**
 * What the index holds: searches per source, how many were filed under keys vs. the scan list, keys.
 * @example matchIndexStats(index) // { notices: { searches: 10000, scan: 12, keys: 3100 }, jobs: …, skipped: 0 }
 */
export function matchIndexStats(index: MatchIndex) {
  const of = (s: SourceIndex<unknown, unknown>) => ({
    searches: s.queries.length,
    scan: s.scan.length,
    keys: s.byKey.size,
  });
  return { notices: of(index.notices), jobs: of(index.jobs), skipped: index.skipped.length };
}
