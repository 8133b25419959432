import { env, exports } from "cloudflare:workers";
import {
  ChangesFeed,
  canonicalSnapshot,
  ErrorEnvelope,
  NoticeHistory,
  snapshotHash,
  TrackerStatus,
} from "@doffin/core";
import { beforeEach, describe, expect, it } from "vitest";
import { noticeWriteStatements } from "../src/db/notices";
import { expectBadRequest, get, hit, insertEvents } from "./feed-helpers";
import { clearDb } from "./helpers";

describe("GET /v1/changes", () => {
  beforeEach(() => clearDb());

  it("pages in order and neither skips nor repeats events inserted between page fetches", async () => {
    await insertEvents(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get(`/v1/changes?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status).toBe(200);
      const page = ChangesFeed.parse(await res.json());
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
      // New events arrive while the client is paging (earlier detectedAt than the ones already read, too).
      if (pages === 1) await insertEvents(3, "2026-11-20T11:00:00.000Z");
      if (pages === 2) await insertEvents(2);
    } while (cursor);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    expect(seen).toEqual([...seen].sort());
  });

  it("filters by since, notice_id, kind and field", async () => {
    await insertEvents(2, "2026-11-01T00:00:00.000Z", "created");
    await insertEvents(3, "2026-11-10T00:00:00.000Z");
    const since = ChangesFeed.parse(await (await get("/v1/changes?since=2026-11-05T00:00:00Z")).json());
    expect(since.items).toHaveLength(3);
    const kind = ChangesFeed.parse(await (await get("/v1/changes?kind=created")).json());
    expect(kind.items.map((i) => i.kind)).toEqual(["created", "created"]);
    const field = ChangesFeed.parse(await (await get("/v1/changes?field=deadline")).json());
    expect(field.items).toHaveLength(5);
    const none = ChangesFeed.parse(await (await get("/v1/changes?field=heading")).json());
    expect(none).toEqual({ items: [], nextCursor: null });
    const byNotice = ChangesFeed.parse(await (await get("/v1/changes?notice_id=2026-999999")).json());
    expect(byNotice.items).toEqual([]);
    expect(since.items[0]).toMatchObject({
      noticeId: "2026-100001",
      kind: "deadline_changed",
      shiftSeconds: 86_400,
    });
  });

  it("answers 304 to a matching If-None-Match or If-Modified-Since, and 200 once something changed", async () => {
    await insertEvents(2);
    const first = await get("/v1/changes");
    const etag = first.headers.get("etag") ?? "";
    const lastModified = first.headers.get("last-modified") ?? "";
    expect(etag).toMatch(/^W\/".+"$/);
    expect(new Date(lastModified).toISOString()).toBe("2026-11-20T12:00:00.000Z");
    expect((await get("/v1/changes", { "if-none-match": etag })).status).toBe(304);
    expect((await get("/v1/changes", { "if-modified-since": lastModified })).status).toBe(304);
    await insertEvents(1, "2026-11-20T13:00:00.000Z");
    const after = await get("/v1/changes", { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    expect((await get("/v1/changes", { "if-modified-since": lastModified })).status).toBe(200);
  });

  it.each([
    ["/v1/changes?since=yesterday", "query.since"],
    ["/v1/changes?limit=0", "query.limit"],
    ["/v1/changes?limit=101", "query.limit"],
    ["/v1/changes?limit=ten", "query.limit"],
    ["/v1/changes?kind=exploded", "query.kind"],
    ["/v1/changes?notice_id=42", "query.notice_id"],
    ["/v1/changes?cursor=not-a-cursor", "query.cursor"],
  ])("rejects %s with 400", async (path, issue) => {
    await expectBadRequest(path, issue);
  });

  it("rejects forged, edited and foreign cursors with 400", async () => {
    await insertEvents(3);
    const page = ChangesFeed.parse(await (await get("/v1/changes?limit=1")).json());
    const cursor = page.nextCursor ?? "";
    expect(cursor).not.toBe("");
    const [payload, sig] = cursor.split(".");
    const forged = `${btoa(JSON.stringify({ s: 0, t: "x", q: "y" })).replace(/=+$/, "")}.${sig}`;
    await expectBadRequest(`/v1/changes?limit=1&cursor=${encodeURIComponent(forged)}`, "query.cursor");
    const edited = `${payload}.${(sig ?? "").split("").reverse().join("")}`;
    await expectBadRequest(`/v1/changes?limit=1&cursor=${encodeURIComponent(edited)}`, "query.cursor");
    await expectBadRequest(
      `/v1/changes?limit=1&kind=created&cursor=${encodeURIComponent(cursor)}`,
      "query.cursor",
    );
    expect((await get(`/v1/changes?limit=1&cursor=${encodeURIComponent(cursor)}`)).status).toBe(200);
  });
});

describe("GET /v1/notices/{id}/history, /v1/tracker/status, /health", () => {
  beforeEach(() => clearDb());

  it("returns a notice's snapshots and events oldest first", async () => {
    const v1 = canonicalSnapshot(hit("2026-100001"));
    const v2 = canonicalSnapshot(hit("2026-100001", { deadline: "2026-12-08T12:00:00Z" }));
    const h1 = await snapshotHash(v1);
    const h2 = await snapshotHash(v2);
    const write = (snapshot: typeof v1, hash: string, kind: "created" | "deadline_changed", at: string) =>
      env.DB.batch(
        noticeWriteStatements(
          env.DB,
          {
            id: "2026-100001",
            snapshot,
            hash,
            summaryHash: hash,
            state: "active",
            changed: true,
            events: [{ id: `ev_${kind}`, noticeId: "2026-100001", dedupeKey: kind, kind, changes: [] }],
          },
          at,
        ),
      );
    await write(v1, h1, "created", "2026-11-20T12:00:00.000Z");
    await write(v2, h2, "deadline_changed", "2026-11-20T12:15:00.000Z");
    const res = await get("/v1/notices/2026-100001/history");
    expect(res.status).toBe(200);
    const body = NoticeHistory.parse(await res.json());
    expect(body.snapshots.map((s) => s.hash)).toEqual([h1, h2]);
    expect(body.events.map((e) => e.kind)).toEqual(["created", "deadline_changed"]);
    expect(body).toMatchObject({
      state: "active",
      firstSeenAt: "2026-11-20T12:00:00.000Z",
      lastChangedAt: "2026-11-20T12:15:00.000Z",
    });
  });

  it("answers 404 for an untracked notice and 400 for a malformed id", async () => {
    const missing = await get("/v1/notices/2026-999999/history");
    expect(missing.status).toBe(404);
    expect(ErrorEnvelope.parse(await missing.json()).error.code).toBe("not_found");
    await expectBadRequest("/v1/notices/nope/history", "param.id");
  });

  it("reports the last sweep, backfill progress and totals", async () => {
    const res = await get("/v1/tracker/status");
    expect(res.status).toBe(200);
    const body = TrackerStatus.parse(await res.json());
    expect(body).toEqual({
      lastSweep: null,
      backfill: {
        status: "idle",
        harvested: 0,
        upstreamRequests: 0,
        windowsPending: 0,
        truncatedWindows: 0,
        updatedAt: null,
      },
      totals: { notices: 0, active: 0, withdrawn: 0, events: 0 },
      contractData: { mode: "webclient", stored: 0, pending: 0, parseErrors: 0, notFound: 0 },
      // The shared upstream budget (the pool's doffin-api Worker hosts it; vitest.config.ts sets its size).
      budget: expect.objectContaining({
        "doffin-webclient": expect.objectContaining({ limit: 100_000, reserve: 0 }),
        nav: expect.objectContaining({ limit: 1 }),
      }),
    });
  });

  it("answers /health, 405 for writes and 404 envelopes for unknown paths", async () => {
    const health = await get("/health");
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", service: "doffin-tracker" });
    const post = await exports.default.fetch("http://tracker/v1/changes", { method: "POST" });
    expect(post.status).toBe(405);
    const nope = await get("/v2/nothing");
    expect(nope.status).toBe(404);
    expect(ErrorEnvelope.parse(await nope.json()).error.code).toBe("not_found");
  });
});
