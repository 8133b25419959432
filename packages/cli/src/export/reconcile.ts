import { ACCESSIBLE_HITS_CAP, type HarvestState, type HarvestWindow, type SearchQuery } from "@doffin/core";
import type { Transport } from "../transport/types";
import { windowQuery } from "./window-query";

/** Why the hits of a window were not all delivered. */
export type MissingReason =
  /** One day (and type, and status) still held more than Doffin's 1000-hit cap. */
  | "over_cap"
  /** Its pages served fewer distinct notices than its total (ties reordered between pages). */
  | "short";

export type MissingWindow = HarvestWindow & { reason: MissingReason; total?: number; served?: number };

/** What an export could not deliver, as far as it can tell. */
export type MissingReport = {
  /** Counted hits that were not written: the count query's total minus the notices in the output. */
  count: number;
  windows: MissingWindow[];
  /** Ids of undelivered notices found by probing the windows above (at most 100 per window). */
  ids: string[];
};

/** Probing costs up to `PROBE_PAGES` requests per window; windows past `MAX_PROBED_WINDOWS` are reported without ids. */
const MAX_PROBED_WINDOWS = 3;
const PROBE_PAGES = 10;
/**
 * Doffin orders ties (a whole day shares one publication date) differently for another page size, so
 * a probe paged at 99 — not the harvest's 100 — walks the window in another order and reaches hits the
 * harvest's 1000 could not.
 */
const PROBE_PAGE_SIZE = 99;

/** The windows the harvest itself knows it could not finish. */
export function incompleteWindows(h: HarvestState): MissingWindow[] {
  return [
    ...h.truncated.map((w): MissingWindow => ({ ...w, reason: "over_cap" })),
    ...h.shortWindows.map(
      (s): MissingWindow => ({ ...s.window, reason: "short", total: s.total, served: s.seen }),
    ),
  ];
}

/**
 * Looks for the undelivered notices of incomplete windows: newest first and at another page size, so
 * the capped pages run through the window in another order and reach hits the harvest could not. Best
 * effort, and it stops as soon as `missing` ids are found — ids that still hide are counted, not named.
 */
export async function probeMissingIds(
  transport: Transport,
  base: SearchQuery,
  windows: MissingWindow[],
  written: ReadonlySet<string>,
  missing: number,
): Promise<{ ids: string[]; requests: number }> {
  const ids = new Set<string>();
  let requests = 0;
  for (const w of windows.slice(0, MAX_PROBED_WINDOWS)) {
    for (let page = 1; page <= PROBE_PAGES && ids.size < missing; page++) {
      const res = await transport.search(
        windowQuery(base, w, { sort: "published_desc", page, limit: PROBE_PAGE_SIZE }),
      );
      requests++;
      for (const n of res.items) if (!written.has(n.id)) ids.add(n.id);
      if (page * PROBE_PAGE_SIZE >= Math.min(res.total, ACCESSIBLE_HITS_CAP)) break;
    }
  }
  return { ids: [...ids], requests };
}

const windowName = (w: MissingWindow): string => {
  const days = w.from === w.to ? w.from : `${w.from}..${w.to}`;
  const kinds = [w.type, ...(w.types ?? []), w.status].filter(Boolean).join(" ");
  return kinds ? `${days} ${kinds}` : days;
};

/** One line for stderr: how many are missing, where, and the ids found (the first ten). */
export function describeMissing(m: MissingReport, written: number, total: number): string {
  const parts = [`export incomplete: wrote ${written} of ${total} counted notices (${m.count} missing)`];
  const overCap = m.windows.filter((w) => w.reason === "over_cap");
  const short = m.windows.filter((w) => w.reason === "short");
  if (overCap.length) {
    parts.push(
      `over Doffin's 1000-hit cap even for one day and type, so only 1000 each were reachable: ${overCap.map(windowName).join(", ")}`,
    );
  }
  if (short.length) {
    parts.push(
      `served fewer notices than counted: ${short.map((w) => `${windowName(w)} (${w.served} of ${w.total})`).join(", ")}`,
    );
  }
  if (m.ids.length) {
    const shown = m.ids.slice(0, 10).join(", ");
    parts.push(
      `missing ids: ${shown}${m.ids.length > 10 ? ` and ${m.ids.length - 10} more (see --json)` : ""}`,
    );
  }
  if (!m.windows.length) {
    parts.push(
      "no window came back short: the upstream's count changed during the export (notices withdrawn?); run it again",
    );
  }
  return parts.join("; ");
}
