import { env } from "cloudflare:workers";
import { createDoffinClient, type DoffinSource, type NoticeSummary } from "@doffin/core";
import { inject } from "vitest";
import type { SweepResult } from "../src/sweep";

export const emulatorUrl = () => inject("emulatorUrl");

async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulatorUrl()}/_emulator${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const emulator = {
  reset: (opts: Record<string, unknown>) => control<unknown>("POST", "/reset", opts),
  clock: () => control<{ now: string }>("GET", "/clock"),
  advance: (advanceMs: number) => control<{ now: string }>("POST", "/clock", { advanceMs }),
  mutate: (id: string, mutation: Record<string, unknown>) =>
    control<{ id: string; notice: Record<string, unknown> }>("POST", `/notices/${id}/mutations`, mutation),
  record: (id: string) => control<Record<string, unknown>>("GET", `/notices/${id}`),
  health: () => control<{ ok: boolean; notices: number; now: string }>("GET", "/health"),
  stats: () => control<{ total: number; byRoute: Record<string, number> }>("GET", "/stats"),
  resetStats: () => control<unknown>("POST", "/stats/reset"),
};

export const source = (): DoffinSource =>
  createDoffinClient({ baseUrl: emulatorUrl(), retry: { attempts: 1 }, timeoutMs: 10_000 });

/** A source that fails (like a crashed invocation) after `k` upstream calls. */
export function failingAfter(inner: DoffinSource, k: number): DoffinSource & { calls: () => number } {
  let calls = 0;
  const gate = () => {
    if (calls >= k) throw new Error(`injected crash after ${k} upstream calls`);
    calls++;
  };
  return {
    kind: inner.kind,
    hasXml: inner.hasXml,
    calls: () => calls,
    search: async (f) => {
      gate();
      return inner.search(f);
    },
    getNotice: async (id) => {
      gate();
      return inner.getNotice(id);
    },
    getCpvTree: async () => {
      gate();
      return inner.getCpvTree();
    },
    downloadXml: async (id) => {
      gate();
      return inner.downloadXml(id);
    },
  };
}

export async function clearDb(db: D1Database = env.DB) {
  await db.batch(
    [
      "notices",
      "snapshots",
      "events",
      "sweeps",
      "backfill",
      "contract_notices",
      "contract_lots",
      "contract_results",
      "contract_tenders",
      "contract_parties",
      "ocds_releases",
      "ocds_records",
      "ocds_facets",
    ].map((t) => db.prepare(`DELETE FROM ${t}`)),
  );
}

export type WriteLog = { sql: string; args: unknown[] }[];

/**
 * A D1Database that logs every statement it runs through `run()` or `batch()` and sums the rows D1
 * reports written, so tests can assert what a sweep wrote (and that unchanged notices cost nothing).
 */
export function countingDb(db: D1Database = env.DB) {
  const log: WriteLog = [];
  let rowsWritten = 0;
  const bound = new WeakMap<D1PreparedStatement, { sql: string; args: unknown[] }>();
  const wrap = (stmt: D1PreparedStatement, sql: string, args: unknown[]): D1PreparedStatement => {
    const proxied: D1PreparedStatement = new Proxy(stmt, {
      get(target, prop) {
        if (prop === "bind") return (...a: unknown[]) => wrap(target.bind(...a), sql, a);
        if (prop === "run")
          return async () => {
            const r = await target.run();
            log.push({ sql, args });
            rowsWritten += r.meta.rows_written ?? 0;
            return r;
          };
        const v = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    bound.set(proxied, { sql, args });
    return proxied;
  };
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrap(target.prepare(sql), sql, []);
      if (prop === "batch")
        return async (stmts: D1PreparedStatement[]) => {
          // The proxied statements are not real ones; hand D1 the originals.
          const real = stmts.map((s) => {
            const info = bound.get(s);
            return info ? target.prepare(info.sql).bind(...info.args) : s;
          });
          const results = await target.batch(real);
          stmts.forEach((s) => {
            const info = bound.get(s);
            if (info) log.push(info);
          });
          for (const r of results) rowsWritten += r.meta.rows_written ?? 0;
          return results;
        };
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  const writes = () => log.filter((w) => /^\s*(INSERT|UPDATE|DELETE)/i.test(w.sql));
  return {
    db: proxy,
    writes,
    rowsWritten: () => rowsWritten,
    /** Notice ids touched by writes to the notice/snapshot/event tables. */
    noticeIdsWritten: () =>
      new Set(
        writes()
          .filter((w) => /INTO (notices|snapshots|events)/i.test(w.sql))
          .map((w) => String(/INTO events/i.test(w.sql) ? w.args[1] : w.args[0])),
      ),
    reset: () => {
      log.length = 0;
      rowsWritten = 0;
    },
  };
}

export type EventRow = { notice_id: string; kind: string; changes: string; meta: string | null; id: string };

export async function allEvents(db: D1Database = env.DB): Promise<EventRow[]> {
  const { results } = await db
    .prepare("SELECT id, notice_id, kind, changes, meta FROM events ORDER BY seq")
    .all<EventRow>();
  return results;
}

/** Order-independent identity of an event set (what a re-run must reproduce). */
export const eventSet = (rows: EventRow[]) =>
  rows.map((r) => `${r.id}|${r.notice_id}|${r.kind}|${r.changes}|${r.meta ?? ""}`).sort();

/** Active competitions published 2026-11-14..20 whose deadline is after `after` (targets for mutations). */
export async function activeCompetitionsInWindow(after: string): Promise<NoticeSummary[]> {
  const res = await source().search({
    statuses: ["ACTIVE"],
    types: ["ANNOUNCEMENT_OF_COMPETITION"],
    publishedFrom: "2026-11-14",
    publishedTo: "2026-11-20",
    limit: 100,
    sort: "published_asc",
  });
  return res.items.filter((h) => h.deadline !== null && h.deadline > after);
}

/** Runs sweeps until one is done (what the next cron ticks do). */
export async function untilDone(sweep: () => Promise<SweepResult>): Promise<SweepResult> {
  for (let i = 0; i < 50; i++) {
    const r = await sweep();
    if (r.status === "done") return r;
  }
  throw new Error("sweep never finished");
}
