/**
 * Bench-only Worker (bundled by tracker-bench.ts, run in Miniflare): times the tracker's diff + write
 * path against a raw D1 batch insert of the same rows, in the same runtime and the same database.
 */
import { canonicalSnapshot, type NoticeSummary, snapshotHash, summaryPart } from "@doffin/core";
import {
  baselineStatements,
  loadNotices,
  type NoticeWrite,
  noticeWriteStatements,
} from "../apps/tracker/src/db/notices";
import { planWrite } from "../apps/tracker/src/sweep";

type BenchEnv = { DB: D1Database };
const PAGE = 100;

const hit = (i: number, deadlineDay: number): NoticeSummary => ({
  id: `2026-${String(100000 + i)}`,
  url: `https://www.doffin.no/notices/2026-${100000 + i}`,
  heading: `Rammeavtale om renhold, bygg ${i}`,
  description: `Oppdragsgiver ønsker å inngå rammeavtale om renhold av ${i % 40} bygg. `.repeat(6),
  type: "ANNOUNCEMENT_OF_COMPETITION",
  allTypes: ["ANNOUNCEMENT_OF_COMPETITION", "COMPETITION"],
  status: "ACTIVE",
  buyers: [{ name: `Kommune ${i % 356}`, orgNumber: String(900000000 + (i % 356)), rawOrganizationId: null }],
  locations: [`NO0${(i % 9) + 1}1`],
  placeOfPerformance: [],
  issuedAt: "2026-11-01T08:00:00Z",
  publishedOn: "2026-11-01",
  deadline: `2026-12-${String(deadlineDay).padStart(2, "0")}T12:00:00Z`,
  estimatedValue: { amount: 1_000_000 + i, currency: "NOK" },
  cpvCodes: null,
  sentToTed: false,
  lots: [],
  strategicLabels: [],
  receivedTenders: null,
});

async function reset(db: D1Database) {
  await db.batch(
    ["notices", "snapshots", "events", "sweeps", "backfill"].map((t) => db.prepare(`DELETE FROM ${t}`)),
  );
}

async function seed(db: D1Database, n: number) {
  for (let start = 0; start < n; start += PAGE) {
    const rows = [];
    for (let i = start; i < Math.min(n, start + PAGE); i++) {
      const snapshot = canonicalSnapshot(hit(i, 1));
      rows.push({ snapshot, hash: await snapshotHash(snapshot) });
    }
    await db.batch(baselineStatements(db, rows, "2026-11-20T12:00:00.000Z"));
  }
}

/** The sweep's path for a page of changed hits: load stored, canonicalize, hash, diff, classify, one batch. */
async function diffAndWrite(db: D1Database, n: number): Promise<{ ms: number; statements: number }> {
  const t0 = Date.now();
  let statements = 0;
  for (let start = 0; start < n; start += PAGE) {
    const hits = [];
    for (let i = start; i < Math.min(n, start + PAGE); i++) hits.push(hit(i, 8));
    const stored = await loadNotices(
      db,
      hits.map((h) => h.id),
    );
    const writes: NoticeWrite[] = [];
    for (const h of hits) {
      const w = await planWrite(db, stored.get(h.id), canonicalSnapshot(h));
      if (w) writes.push(w);
    }
    const stmts = writes.flatMap((w) => noticeWriteStatements(db, w, "2026-11-20T12:15:00.000Z"));
    statements += stmts.length;
    await db.batch(stmts);
  }
  return { ms: Date.now() - t0, statements };
}

/** The same rows (notice row, snapshot row, one event row per notice), precomputed, batch-inserted raw. */
async function rawInsert(db: D1Database, n: number): Promise<{ ms: number; statements: number }> {
  const pages: D1PreparedStatement[][] = [];
  for (let start = 0; start < n; start += PAGE) {
    const stmts: D1PreparedStatement[] = [];
    for (let i = start; i < Math.min(n, start + PAGE); i++) {
      const snap = canonicalSnapshot(hit(i, 8));
      const json = JSON.stringify(snap);
      const hash = await snapshotHash(snap);
      const sHash = await snapshotHash(summaryPart(snap));
      const id = `2027-${100000 + i}`;
      stmts.push(
        db
          .prepare(
            "INSERT INTO notices (id, snapshot, hash, summary_hash, status, published_on, state, first_seen_at, last_seen_at, last_changed_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)",
          )
          .bind(id, json, hash, sHash, "ACTIVE", "2026-11-01", "t", "t", "t"),
        db
          .prepare("INSERT INTO snapshots (notice_id, hash, captured_at, snapshot) VALUES (?, ?, ?, ?)")
          .bind(id, hash, "t", json),
        db
          .prepare(
            "INSERT INTO events (id, notice_id, dedupe_key, detected_at, kind, changes, fields, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          )
          .bind(
            `raw_${i}`,
            id,
            `k${i}`,
            "t",
            "deadline_changed",
            '[{"field":"deadline"}]',
            ",deadline,",
            '{"shiftSeconds":604800}',
          ),
      );
    }
    pages.push(stmts);
  }
  const t0 = Date.now();
  let statements = 0;
  for (const stmts of pages) {
    statements += stmts.length;
    await db.batch(stmts);
  }
  return { ms: Date.now() - t0, statements };
}

export default {
  async fetch(req: Request, env: BenchEnv): Promise<Response> {
    const url = new URL(req.url);
    const n = Number(url.searchParams.get("n") ?? "1000");
    if (url.pathname === "/reset") {
      await reset(env.DB);
      return Response.json({ ok: true });
    }
    if (url.pathname === "/seed") {
      await seed(env.DB, n);
      return Response.json({ ok: true });
    }
    if (url.pathname === "/diff") return Response.json(await diffAndWrite(env.DB, n));
    if (url.pathname === "/raw") return Response.json(await rawInsert(env.DB, n));
    return new Response("not found", { status: 404 });
  },
};
