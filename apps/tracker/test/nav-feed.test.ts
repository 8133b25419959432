import { env } from "cloudflare:workers";
import { JobChangesFeed } from "@doffin/contracts/jobs";
import { createNavClient, type NavSource } from "@doffin/core";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { createApp } from "../src/app";
import { type NavFeedRun, runNavFeed } from "../src/nav/follow";

/** The job feed follower against the NAV emulator over real HTTP (no stand-ins). */

const liveUrl = () => inject("navUrl");
const staticUrl = () => inject("navStaticUrl");
const NOW = new Date("2026-11-23T12:00:00Z");

async function control<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}/_emulator${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`nav emulator ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const client = (base: string): NavSource =>
  createNavClient({ feedBaseUrl: base, searchBaseUrl: base, retry: { attempts: 1 }, timeoutMs: 10_000 });

/** A NAV source that fails (like a crashed invocation) after `k` feed page reads. */
function crashingAfter(inner: NavSource, k: number): NavSource {
  let calls = 0;
  return {
    ...inner,
    kind: "nav",
    get tokenFetches() {
      return inner.tokenFetches;
    },
    feedPage: async (cursor) => {
      if (calls >= k) throw new Error(`injected crash after ${k} feed pages`);
      calls++;
      return inner.feedPage(cursor);
    },
  };
}

async function clear() {
  await env.DB.batch([
    env.DB.prepare("DELETE FROM jobs"),
    env.DB.prepare("DELETE FROM job_events"),
    env.DB.prepare("DELETE FROM job_feed"),
  ]);
}

const args = (nav: NavSource, pageSize = 60, maxRequests = 1000) => ({
  nav,
  db: env.DB,
  now: NOW,
  maxRequests,
  pageSize,
  catchUpDays: 183,
});

/** Runs until the tip; returns every run. */
async function catchUp(nav: NavSource, pageSize = 60, maxRequests = 1000): Promise<NavFeedRun[]> {
  const runs: NavFeedRun[] = [];
  for (let i = 0; i < 200; i++) {
    const run = await runNavFeed(args(nav, pageSize, maxRequests));
    runs.push(run);
    if (run.atTip) return runs;
  }
  throw new Error("never reached the tip");
}

type EventRow = { uuid: string; kind: string; dedupe_key: string; changes: string };
const allEvents = async () =>
  (
    await env.DB.prepare(
      "SELECT uuid, kind, dedupe_key, changes FROM job_events ORDER BY seq",
    ).all<EventRow>()
  ).results;
const eventSet = (rows: EventRow[]) =>
  rows.map((r) => `${r.uuid}|${r.kind}|${r.dedupe_key}|${r.changes}`).sort();

beforeEach(clear);

describe("following NAV's job feed", () => {
  it("catches up over many pages: every line once, overlap deduped, no duplicate events", async () => {
    const state = await control<{ lines: number; ads: number }>(staticUrl(), "GET", "/state");
    const runs = await catchUp(client(staticUrl()), 40, 4);
    const pages = runs.reduce((n, r) => n + r.pages, 0);
    expect(pages).toBeGreaterThanOrEqual(10);
    // Each run stays within its budget (4 requests, the first one also fetching the token).
    for (const r of runs) expect(r.requests).toBeLessThanOrEqual(4);
    const lines = runs.reduce((n, r) => n + r.lines, 0);
    // The tip page is read again by nothing here (one catch-up), so lines read = the emulator's lines.
    expect(lines).toBe(state.lines);
    const events = await allEvents();
    expect(new Set(events.map((e) => e.dedupe_key)).size).toBe(events.length);
    const created = events.filter((e) => e.kind === "created");
    expect(new Set(created.map((e) => e.uuid)).size).toBe(created.length);
    const jobs = await env.DB.prepare("SELECT COUNT(*) AS n FROM jobs").first<{ n: number }>();
    expect(jobs?.n).toBeGreaterThan(0);
    expect(jobs?.n).toBeLessThanOrEqual(state.ads);
    // At the tip a further run reads the tip page again and writes nothing.
    const again = await runNavFeed(args(client(staticUrl())));
    expect(again.atTip).toBe(true);
    expect(again.applied).toBe(0);
    expect((await allEvents()).length).toBe(events.length);
  });

  it("a crash at every page converges to the same events, none lost or duplicated", async () => {
    const nav = client(staticUrl());
    await catchUp(nav, 100);
    const reference = eventSet(await allEvents());
    const pages = (await env.DB.prepare("SELECT pages FROM job_feed").first<{ pages: number }>())?.pages ?? 0;
    expect(pages).toBeGreaterThanOrEqual(5);
    for (let k = 0; k < pages; k++) {
      await clear();
      await expect(runNavFeed(args(crashingAfter(nav, k), 100))).rejects.toThrow(/injected crash/);
      await catchUp(nav, 100);
      expect(eventSet(await allEvents()), `crash after ${k} pages`).toEqual(reference);
    }
  });

  it("INACTIVE lines expire or withdraw the ad; updates carry field diffs", async () => {
    const nav = client(liveUrl());
    await catchUp(nav, 500);
    const truth = await control<{ uuids: string[] }>(liveUrl(), "GET", "/truth/search?v=6&sort=published");
    const [a, b, c] = truth.uuids;
    if (!a || !b || !c) throw new Error("too few ads");
    await control(liveUrl(), "POST", `/ads/${a}/expire`);
    await control(liveUrl(), "POST", `/ads/${b}/withdraw`);
    await control(liveUrl(), "POST", `/ads/${c}/update`, { title: "Kokk søkes (oppdatert)" });
    await catchUp(nav, 500);
    const stateOf = async (uuid: string) =>
      (await env.DB.prepare("SELECT state, status, title FROM jobs WHERE uuid = ?").bind(uuid).first<{
        state: string;
        status: string;
        title: string;
      }>()) ?? null;
    expect(await stateOf(a)).toMatchObject({ state: "expired", status: "INACTIVE" });
    // A withdrawn ad's line is masked ("..."): the title we knew stays.
    expect(await stateOf(b)).toMatchObject({ state: "withdrawn", status: "INACTIVE" });
    expect((await stateOf(b))?.title).not.toBe("...");
    const after = await control<{ uuids: string[] }>(liveUrl(), "GET", "/truth/search?v=6&sort=published");
    expect(after.uuids).not.toContain(a);
    expect(after.uuids).not.toContain(b);
    const kinds = async (uuid: string) =>
      (
        await env.DB.prepare("SELECT kind, changes FROM job_events WHERE uuid = ? ORDER BY seq")
          .bind(uuid)
          .all<{
            kind: string;
            changes: string;
          }>()
      ).results;
    expect((await kinds(a)).at(-1)?.kind).toBe("expired");
    expect((await kinds(b)).at(-1)?.kind).toBe("withdrawn");
    const update = (await kinds(c)).at(-1);
    expect(update?.kind).toBe("updated");
    expect(JSON.parse(update?.changes ?? "[]")).toContainEqual(
      expect.objectContaining({ field: "title", after: "Kokk søkes (oppdatert)" }),
    );
  });

  it("refreshes the public token exactly once on 401, then carries on", async () => {
    const nav = client(liveUrl());
    await catchUp(nav, 500);
    await control(liveUrl(), "POST", "/stats/reset");
    await control(liveUrl(), "POST", "/token/rotate");
    const [uuid] = (await control<{ uuids: string[] }>(liveUrl(), "GET", "/truth/search?v=6&sort=published"))
      .uuids;
    await control(liveUrl(), "POST", `/ads/${uuid}/update`, { title: "Etter tokenbytte" });
    const run = await runNavFeed(args(nav, 500));
    expect(run.atTip).toBe(true);
    expect(run.events).toBe(1);
    const stats = await control<{ byRoute: Record<string, number> }>(liveUrl(), "GET", "/stats");
    expect(stats.byRoute.token).toBe(1);
  });
});

describe("GET /v1/jobs/changes", () => {
  it("pages with the /v1/changes conventions: cursor, order, ETag/304, filters, 400s", async () => {
    await catchUp(client(staticUrl()), 500);
    const app = createApp();
    const get = (q: string, init?: RequestInit) => app.request(`/v1/jobs/changes${q}`, init, env);
    const total =
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM job_events").first<{ n: number }>())?.n ?? 0;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await get(`?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status).toBe(200);
      const page = JobChangesFeed.parse(await res.json());
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);

    const first = await get("?order=desc&limit=3&kind=created");
    const body = JobChangesFeed.parse(await first.json());
    expect(body.items.every((e) => e.kind === "created" && e.job)).toBe(true);
    const etag = first.headers.get("etag") ?? "";
    expect(
      (await get("?order=desc&limit=3&kind=created", { headers: { "if-none-match": etag } })).status,
    ).toBe(304);
    expect(first.headers.get("last-modified")).toBeTruthy();

    for (const bad of ["?kind=deleted", "?limit=0", "?colour=red", "?uuid=nope", "?cursor=forged.sig"]) {
      const res = await get(bad);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    }
    // A cursor of one filter set is refused for another.
    const withKind = JobChangesFeed.parse(await (await get("?limit=1&kind=created")).json());
    const res = await get(`?limit=1&cursor=${encodeURIComponent(withKind.nextCursor ?? "")}`);
    expect(res.status).toBe(400);
  });
});
