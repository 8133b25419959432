/**
 * The in-memory corpus: master records kept sorted by publicationDate, so a publication-date window is two
 * binary searches (a 160k corpus answers day-window queries in a few ms). The clock decides what is
 * published (publicationDate ≤ the clock's day) and which competitions are still ACTIVE.
 */
import { CPV_INDEX, nutsAncestors } from "./codelists";
import { type MasterNotice, type Status, statusAt } from "./model";
import { osloDay } from "./oslo";
import type { IndexedText } from "./text-match";

export type Entry = {
  n: MasterNotice;
  /** Location codes + their NUTS ancestors (NO081 → NO08, NO0): what the web client's `location` facet matches. */
  locKeys: string[];
  deadlineMs: number | null;
  /** `issueDate` as epoch ms: the Public API's Oslo-day issue-date filters compare instants. */
  issueMs: number;
  /** Folded tokens of heading + description, built on the first free-text search. */
  text?: IndexedText;
  /** Positions of `cpvCodes` in the CPV list (fast facet counting); built on first use. */
  cpvIdx?: Uint16Array;
};

export const cpvIndexes = (e: Entry): Uint16Array => {
  if (!e.cpvIdx) {
    const idx: number[] = [];
    for (const code of e.n.cpvCodes) {
      const i = CPV_INDEX.get(code);
      if (i !== undefined) idx.push(i);
    }
    e.cpvIdx = Uint16Array.from(idx);
  }
  return e.cpvIdx;
};

const lowerBound = (days: string[], day: string): number => {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((days[mid] as string) < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
const upperBound = (days: string[], day: string): number => {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((days[mid] as string) <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

const locKeysOf = (codes: string[]): string[] => {
  const keys = new Set<string>();
  for (const code of codes) {
    keys.add(code);
    for (const a of nutsAncestors(code)) keys.add(a);
  }
  return [...keys];
};

const addTo = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export class Corpus {
  private entries: Entry[] = [];
  private days: string[] = [];
  private readonly byId = new Map<string, Entry>();
  private procedures: Map<string, Entry[]> | null = null;
  private readonly correctedBy = new Map<string, string[]>();
  nowMs: number;

  constructor(notices: MasterNotice[], nowMs: number) {
    this.nowMs = nowMs;
    const sorted = [...notices].sort((a, b) =>
      a.publicationDate < b.publicationDate ? -1 : a.publicationDate > b.publicationDate ? 1 : 0,
    );
    for (const n of sorted) this.index(n);
    this.entries = sorted.map((n) => this.byId.get(n.id) as Entry); // indexed just above
    this.days = sorted.map((n) => n.publicationDate);
  }

  private index(n: MasterNotice): Entry {
    const entry: Entry = {
      n,
      locKeys: locKeysOf(n.locationIds),
      deadlineMs: n.deadline ? Date.parse(n.deadline) : null,
      issueMs: Date.parse(n.issueDate),
    };
    this.byId.set(n.id, entry);
    if (this.procedures) addTo(this.procedures, n.procedureId, entry);
    if (n.correctsId) addTo(this.correctedBy, n.correctsId, n.id);
    return entry;
  }

  /** procedureId → notices, built on the first detail request (most corpora never need it whole). */
  private procedureIndex(): Map<string, Entry[]> {
    if (!this.procedures) {
      this.procedures = new Map();
      for (const e of this.byId.values()) addTo(this.procedures, e.n.procedureId, e);
    }
    return this.procedures;
  }

  /** Adds a notice at its place in publication order. */
  insert(n: MasterNotice): Entry {
    if (this.byId.has(n.id)) throw new Error(`duplicate notice id ${n.id}`);
    const entry = this.index(n);
    const at = upperBound(this.days, n.publicationDate);
    this.entries.splice(at, 0, entry);
    this.days.splice(at, 0, n.publicationDate);
    return entry;
  }

  /** Re-derives the cached search keys after a mutation. */
  touch(entry: Entry): void {
    entry.locKeys = locKeysOf(entry.n.locationIds);
    entry.deadlineMs = entry.n.deadline ? Date.parse(entry.n.deadline) : null;
    entry.issueMs = Date.parse(entry.n.issueDate);
    delete entry.text;
    delete entry.cpvIdx;
  }

  private todayCache: { ms: number; day: string } | null = null;

  /** The clock's Oslo calendar day: what is "published" is decided in Norway's calendar, as on Doffin. */
  get today(): string {
    if (this.todayCache?.ms !== this.nowMs) this.todayCache = { ms: this.nowMs, day: osloDay(this.nowMs) };
    return this.todayCache.day;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The raw record, published or not, withdrawn or not (control API). */
  record(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  /** A notice as upstream shows it: published by the clock and not withdrawn. */
  visible(id: string): Entry | undefined {
    const entry = this.byId.get(id);
    if (!entry || entry.n.withdrawn || entry.n.publicationDate > this.today) return undefined;
    return entry;
  }

  /** Index window [lo, hi) of published notices with publicationDate in [from, to] (inclusive days). */
  window(from?: string | null, to?: string | null): { lo: number; hi: number } {
    const today = this.today;
    const end = to && to < today ? to : today;
    return { lo: from ? lowerBound(this.days, from) : 0, hi: upperBound(this.days, end) };
  }

  at(i: number): Entry {
    return this.entries[i] as Entry; // callers stay inside window()
  }

  status(entry: Entry): Status | null {
    const n = entry.n;
    if (n.fixedStatus || entry.deadlineMs === null || !n.allTypes.includes("COMPETITION")) {
      return statusAt(n, this.nowMs);
    }
    return entry.deadlineMs > this.nowMs ? "ACTIVE" : "EXPIRED";
  }

  /** Published, non-withdrawn notices of a procedure, oldest first. */
  procedure(procedureId: string): Entry[] {
    const today = this.today;
    return (this.procedureIndex().get(procedureId) ?? [])
      .filter((e) => !e.n.withdrawn && e.n.publicationDate <= today)
      .sort((a, b) =>
        a.n.publicationDate < b.n.publicationDate ? -1 : a.n.publicationDate > b.n.publicationDate ? 1 : 0,
      );
  }

  /** Every published version in the correction chain of `id`, newest first. */
  chain(id: string): Entry[] {
    let root = this.byId.get(id);
    const seen = new Set<string>();
    while (root?.n.correctsId && !seen.has(root.n.id)) {
      seen.add(root.n.id);
      const prev = this.byId.get(root.n.correctsId);
      if (!prev) break;
      root = prev;
    }
    if (!root) return [];
    const out: Entry[] = [];
    const queue = [root.n.id];
    const visited = new Set<string>();
    while (queue.length > 0) {
      const next = queue.shift() as string; // length checked
      if (visited.has(next)) continue;
      visited.add(next);
      const e = this.visible(next);
      if (e) out.push(e);
      queue.push(...(this.correctedBy.get(next) ?? []));
    }
    return out.sort((a, b) => (a.n.issueDate < b.n.issueDate ? 1 : a.n.issueDate > b.n.issueDate ? -1 : 0));
  }

  /** Highest sequence number used in a year (for ids of newly published notices). */
  maxSequence(year: string): number {
    let max = 100_000;
    for (const id of this.byId.keys()) {
      if (id.startsWith(`${year}-`)) max = Math.max(max, Number(id.slice(5)));
    }
    return max;
  }
}
