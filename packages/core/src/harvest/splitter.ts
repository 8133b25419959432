import { z } from "zod";
import type { DoffinSource } from "../client/types";
import { ACCESSIBLE_HITS_CAP, MAX_PAGE_SIZE, type SearchFilters } from "../domain/filters";
import type { NoticeSummary } from "../domain/notice";
import { NOTICE_STATUSES, NOTICE_TYPES, NoticeStatus, NoticeType, ROLL_UP_TYPES } from "../domain/vocabulary";
import { addDays } from "../util/oslo";

/**
 * Harvest past Doffin's 1000-hit cap: split publication-date windows until each holds ≤ 1000 hits,
 * page through each (≤ 100 per page), de-duplicate by id, stop at a request budget and resume later
 * from a serializable state. Transport-agnostic: the tracker's backfill and the CLI's `export` both
 * drive it, through `harvestSourceFromDoffin` or any `HarvestSource`.
 */

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const HarvestWindow = z.object({
  /** Inclusive publication-date bounds, YYYY-MM-DD. */
  from: isoDay,
  to: isoDay,
  /** Set when one day alone held > 1000 hits and was split by concrete notice type. */
  type: z.string().optional(),
  /** Several concrete types in one window (packed by their facet counts to stay ≤ 1000). */
  types: z.array(z.string()).optional(),
  /** Set when one day and one type still held > 1000 hits and was split by status (competitions). */
  status: z.string().optional(),
});
export type HarvestWindow = z.infer<typeof HarvestWindow>;

/** A window whose pages gave fewer distinct ids than its total: `total - seen` of its hits were never served. */
export const ShortWindow = z.object({ window: HarvestWindow, total: z.number(), seen: z.number() });
export type ShortWindow = z.infer<typeof ShortWindow>;

export const HarvestState = z.object({
  v: z.literal(1),
  /** Windows still to visit (a stack: the last one is visited next). */
  pending: z.array(HarvestWindow),
  /** The window being paged, with the ids seen in it so far (≤ 1000, so the state stays small). */
  current: z
    .object({ window: HarvestWindow, total: z.number(), nextPage: z.number(), seen: z.array(z.string()) })
    .nullable(),
  harvested: z.number(),
  requests: z.number(),
  /** Windows that still held > 1000 hits after every possible split: only their first 1000 were harvested. */
  truncated: z.array(HarvestWindow),
  /** Windows whose pages yielded fewer distinct ids than their total (upstream tie-order shifts). */
  short: z.number(),
  /**
   * The short windows themselves, so a consumer can say which hits it could not deliver. Defaulted: a
   * state saved before this field existed still parses.
   */
  shortWindows: z.array(ShortWindow).default([]),
  done: z.boolean(),
});
export type HarvestState = z.infer<typeof HarvestState>;

export type HarvestPage = {
  items: NoticeSummary[];
  total: number;
  /** Hits per concrete type in this window, when the upstream reports facets: lets an over-full day skip empty types. */
  typeCounts?: Record<string, number>;
  /** Hits per status (facets), to split an over-full (day, type) only when every hit has a status. */
  statusCounts?: Record<string, number>;
  /** True when the answer needed no upstream request (a window empty by definition). */
  free?: boolean;
};

/** What the splitter needs from an upstream: one page of a window, with the window's total. */
export interface HarvestSource {
  fetchPage(window: HarvestWindow, page: number, pageSize: number): Promise<HarvestPage>;
}

export type HarvestOptions = {
  /** Hits per page (≤ 100, default 100). */
  pageSize?: number;
  /** Most hits one query serves (default 1000). */
  cap?: number;
  /** Aim for windows of about this many hits when splitting by days (default 0.9 × cap). */
  targetPerWindow?: number;
  /** Concrete types a single over-full day is split by (default: the ten concrete Doffin types). */
  splitTypes?: readonly string[];
  /** Statuses an over-full (day, type) is split by (default: the four Doffin statuses). */
  splitStatuses?: readonly string[];
};

export type HarvestRun = {
  state: HarvestState;
  /** Upstream requests made by this call. */
  requests: number;
  /** Distinct new items handed to `onItems` by this call. */
  harvested: number;
  /** Set when the source threw; the state is the last consistent one, so the next call retries. */
  error?: unknown;
};

// Window bounds are Doffin calendar days (Europe/Oslo dates, as its date filters take them). They are
// only counted and shifted here, never turned into instants, so plain calendar arithmetic is exact; the
// caller picks the days in Oslo (osloDate) — e.g. "today" for an open upper bound.
const DAY_MS = 86_400_000;
const daysIn = (w: HarvestWindow): number =>
  Math.round((Date.parse(`${w.to}T00:00:00Z`) - Date.parse(`${w.from}T00:00:00Z`)) / DAY_MS) + 1;

const CONCRETE_TYPES: readonly string[] = NOTICE_TYPES.filter(
  (t) => !(ROLL_UP_TYPES as readonly string[]).includes(t),
);

/**
 * A fresh state for harvesting publication dates `from`..`to` (inclusive).
 *
 * @example
 * let state = initialHarvestState("2017-01-01", "2026-11-23");
 */
export function initialHarvestState(from: string, to: string): HarvestState {
  return {
    v: 1,
    pending: [{ from, to }],
    current: null,
    harvested: 0,
    requests: 0,
    truncated: [],
    short: 0,
    shortWindows: [],
    done: false,
  };
}

/** Splits an over-full window into about `ceil(total / target)` equal day ranges (at least two). */
export function splitWindowByDays(w: HarvestWindow, total: number, target: number): HarvestWindow[] {
  const days = daysIn(w);
  const parts = Math.min(days, Math.max(2, Math.ceil(total / target)));
  const out: HarvestWindow[] = [];
  for (let i = 0; i < parts; i++) {
    const a = addDays(w.from, Math.floor((i * days) / parts));
    const b = addDays(w.from, Math.floor(((i + 1) * days) / parts) - 1);
    out.push({ ...w, from: a, to: b });
  }
  return out;
}

const statusSplittable = (page: HarvestPage, statuses: readonly string[]): boolean => {
  const counts = page.statusCounts;
  if (!counts || statuses.length === 0) return false;
  return statuses.reduce((sum, st) => sum + (counts[st] ?? 0), 0) >= page.total;
};

/** The concrete types a window is restricted to (undefined: all). */
const typesOf = (w: HarvestWindow): string[] | undefined => w.types ?? (w.type ? [w.type] : undefined);

/**
 * Splits an over-full single day by concrete type. With facet counts, types are packed first-fit
 * decreasing into as few windows of ≤ cap hits as possible (empty types dropped); a window holding
 * several types that still overflows is split into single types next time round. Without counts,
 * one window per type.
 */
export function splitByType(
  w: HarvestWindow,
  splitTypes: readonly string[],
  counts: Record<string, number> | undefined,
  cap: number,
): HarvestWindow[] {
  const base = { from: w.from, to: w.to };
  const packed = w.types === undefined && counts !== undefined;
  const types = (w.types ?? splitTypes).filter((t) => !counts || (counts[t] ?? 0) > 0);
  if (!packed) return types.map((type) => ({ ...base, type }));
  const bins: { types: string[]; load: number }[] = [];
  for (const t of [...types].sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0))) {
    const n = counts[t] ?? 0;
    const bin = bins.find((b) => b.load + n <= cap);
    if (bin) {
      bin.types.push(t);
      bin.load += n;
    } else bins.push({ types: [t], load: n });
  }
  return bins.map((b) =>
    b.types.length === 1 ? { ...base, type: b.types[0] as string } : { ...base, types: b.types },
  );
}

/**
 * Runs the splitter until the budget is spent, the corpus is done, or the source throws.
 * `onItems` receives each page's not-yet-seen items and is awaited before the state advances, so
 * a crash between the two re-delivers that page (the consumer de-duplicates, e.g. INSERT OR IGNORE).
 *
 * @example
 * const run = await runHarvest({ source, state, budget: 45, onItems: (items) => save(items) });
 * await persist(run.state); // next invocation: runHarvest({ source, state: run.state, ... })
 */
export async function runHarvest(args: {
  source: HarvestSource;
  state: HarvestState;
  budget: number;
  onItems: (items: NoticeSummary[]) => Promise<void> | void;
  options?: HarvestOptions;
}): Promise<HarvestRun> {
  const pageSize = Math.min(args.options?.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const cap = args.options?.cap ?? ACCESSIBLE_HITS_CAP;
  const target = args.options?.targetPerWindow ?? Math.floor(cap * 0.9);
  const splitTypes = args.options?.splitTypes ?? CONCRETE_TYPES;
  const splitStatuses = args.options?.splitStatuses ?? NOTICE_STATUSES;
  const cost = (p: HarvestPage) => (p.free ? 0 : 1);
  const lastPage = (total: number) => Math.ceil(Math.min(total, cap) / pageSize);
  // Work on a copy: `state` only ever holds completed steps, whatever throws.
  let state: HarvestState = structuredClone(args.state);
  let requests = 0;
  let harvested = 0;

  const fetch = async (w: HarvestWindow, page: number): Promise<HarvestPage> => {
    const res = await args.source.fetchPage(w, page, pageSize);
    if (!res.free) requests++;
    return res;
  };
  /** Hands over the not-yet-seen items; returns the ids newly seen and how many were delivered. */
  const deliver = async (w: HarvestWindow, items: NoticeSummary[], seen: Set<string>) => {
    const fresh: NoticeSummary[] = [];
    const ids: string[] = [];
    for (const it of items) {
      if (seen.has(it.id)) continue;
      seen.add(it.id);
      ids.push(it.id);
      // The type filter matches `allTypes`, and a notice may list several concrete types: deliver it
      // only from the window of its own type, so type windows of one day never overlap.
      const own = typesOf(w);
      const ownType = own === undefined || own.includes(String(it.type));
      if (ownType && (w.status === undefined || it.status === w.status)) fresh.push(it);
    }
    if (fresh.length > 0) await args.onItems(fresh);
    harvested += fresh.length;
    return { ids, delivered: fresh.length };
  };

  try {
    while (!state.done && requests < args.budget) {
      const cur = state.current;
      if (cur) {
        if (cur.nextPage > lastPage(cur.total)) {
          const isShort = cur.seen.length < Math.min(cur.total, cap);
          state = {
            ...state,
            current: null,
            short: state.short + (isShort ? 1 : 0),
            shortWindows: isShort
              ? [...state.shortWindows, { window: cur.window, total: cur.total, seen: cur.seen.length }]
              : state.shortWindows,
          };
          continue;
        }
        const page = await fetch(cur.window, cur.nextPage);
        const { ids, delivered } = await deliver(cur.window, page.items, new Set(cur.seen));
        state = {
          ...state,
          requests: state.requests + cost(page),
          harvested: state.harvested + delivered,
          current: { ...cur, nextPage: cur.nextPage + 1, seen: [...cur.seen, ...ids] },
        };
        continue;
      }
      const next = state.pending.at(-1);
      if (!next) {
        state = { ...state, done: true };
        break;
      }
      const rest = state.pending.slice(0, -1);
      const first = await fetch(next, 1);
      const split = (parts: HarvestWindow[]) => {
        // Reversed so the earliest sub-window is on top of the stack and dates are visited in order.
        state = { ...state, pending: [...rest, ...parts.reverse()], requests: state.requests + cost(first) };
      };
      const counts = first.statusCounts ?? {};
      if (first.total > cap && daysIn(next) > 1) split(splitWindowByDays(next, first.total, target));
      else if (first.total > cap && next.type === undefined)
        split(splitByType(next, splitTypes, first.typeCounts, cap));
      else if (first.total > cap && next.status === undefined && statusSplittable(first, splitStatuses))
        // Only competition notices carry a status: split by it only when every hit has one.
        split(splitStatuses.filter((st) => (counts[st] ?? 0) > 0).map((status) => ({ ...next, status })));
      else {
        // Page through this window; if it is still > cap (one day, type and status), only its first
        // 1000 are reachable: harvest those and record the window as truncated.
        const { ids, delivered } = await deliver(next, first.items, new Set());
        state = {
          ...state,
          pending: rest,
          requests: state.requests + cost(first),
          harvested: state.harvested + delivered,
          truncated: first.total > cap ? [...state.truncated, next] : state.truncated,
          current: { window: next, total: first.total, nextPage: 2, seen: ids },
        };
      }
    }
    if (!state.current && state.pending.length === 0) state = { ...state, done: true };
    return { state, requests, harvested };
  } catch (error) {
    return { state, requests, harvested, error };
  }
}

/**
 * Adapts a `DoffinSource` to the splitter: publication-date window (+ type) on top of `base` filters,
 * sorted by publication date ascending.
 *
 * @example
 * const source = harvestSourceFromDoffin(createDoffinClient({ baseUrl }), { statuses: ["ACTIVE"] });
 */
export function harvestSourceFromDoffin(source: DoffinSource, base: SearchFilters = {}): HarvestSource {
  return {
    async fetchPage(w, page, pageSize) {
      // A status window outside the base statuses is empty by definition: no request needed.
      if (w.status && base.statuses && !base.statuses.includes(NoticeStatus.parse(w.status)))
        return { items: [], total: 0, free: true };
      const res = await source.search({
        ...base,
        ...(w.status ? { statuses: [NoticeStatus.parse(w.status)] } : {}),
        publishedFrom: w.from,
        publishedTo: w.to,
        ...(typesOf(w) ? { types: (typesOf(w) ?? []).map((t) => NoticeType.parse(t)) } : {}),
        sort: "published_asc",
        page,
        limit: pageSize,
      });
      const counts = (name: string) => {
        const facet = res.facets[name];
        return facet ? Object.fromEntries(facet.map((f) => [f.id, f.count])) : undefined;
      };
      const typeCounts = counts("type");
      const statusCounts = counts("status");
      return {
        items: res.items,
        total: res.total,
        ...(typeCounts ? { typeCounts } : {}),
        ...(statusCounts ? { statusCounts } : {}),
      };
    },
  };
}
