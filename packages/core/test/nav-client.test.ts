import { type NavEmulatorServer, startNavEmulatorServer } from "@doffin/emulator-nav";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isNotFoundError, isUpstreamError, NotFoundError, UpstreamError } from "../src/errors";
import { createNavClient, type NavClientOptions } from "../src/nav/client";
import { type ResolvedJobSearch, resolveJobSearchQuery } from "../src/nav/resolve";
import { parseJobSearchQuery } from "../src/nav/search-query";

/**
 * The NAV client against the NAV emulator over real HTTP on 127.0.0.1: paging NAV cannot serve directly,
 * the public-token lifecycle, the WAF's 429, the feed's overlapping pages and INACTIVE lines.
 */

let emu: NavEmulatorServer;
const NOW = "2026-12-01T10:00:00Z";

beforeAll(async () => {
  emu = await startNavEmulatorServer({ port: 0, seed: 11, count: 400, now: NOW, waf: false });
});
afterAll(async () => {
  await emu?.close();
});
afterEach(async () => {
  await control("DELETE", "/faults");
});

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${emu.url}/_emulator${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${path}: ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
};

const client = (extra: Partial<NavClientOptions> = {}) =>
  createNavClient({
    feedBaseUrl: emu.url,
    searchBaseUrl: emu.url,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  });

const resolved = (qs: string): ResolvedJobSearch => {
  const p = parseJobSearchQuery(new URLSearchParams(qs));
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  const r = resolveJobSearchQuery(p.query);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.search;
};

/** The emulator's full ordered answer for the same NAV query. */
const truth = async (search: ResolvedJobSearch) => {
  const { navSearchParams } = await import("../src/nav/resolve");
  const qs = navSearchParams(search, { from: 0, size: 25 });
  const res = await fetch(`${emu.url}/_emulator/truth/search?${qs}`);
  return (await res.json()) as { total: number; uuids: string[] };
};

describe("search paging NAV cannot serve directly", () => {
  it.each([
    ["limit=1"],
    ["limit=7&page=3"],
    ["limit=30&page=2"],
    ["limit=40&offset=13"],
    ["limit=99&page=2"],
    ["limit=100&offset=150"],
    ["limit=26&offset=370"],
    ["sector=public&limit=10&page=4"],
    ["county=Oslo,Vestland&sort=expires&limit=33&page=2"],
  ])("%s returns exactly the right jobs", async (qs) => {
    const search = resolved(qs);
    const [page, all] = await Promise.all([client().search(search), truth(search)]);
    expect(page.total).toBe(all.total);
    expect(page.jobs.map((j) => j.uuid)).toEqual(
      all.uuids.slice(search.offset, search.offset + search.limit),
    );
  });

  it("asks NAV only for size 25 or 100", async () => {
    const seen: string[] = [];
    const c = client({ onAttempt: ({ url }) => seen.push(new URL(url).searchParams.get("size") ?? "") });
    await c.search(resolved("limit=3"));
    await c.search(resolved("limit=60"));
    expect(seen).toEqual(["25", "100"]);
  });

  it("filters by municipality (with its county added) and returns facets", async () => {
    const page = await client().search(resolved("municipality=Bergen&facets=true&limit=100"));
    expect(page.total).toBeGreaterThan(0);
    for (const job of page.jobs)
      expect(job.locations.some((l) => l.municipality === "BERGEN" && l.county === "VESTLAND")).toBe(true);
    // The county facet ignores the location filter itself, as NAV's aggregations do.
    expect(page.facets?.counties.length).toBeGreaterThan(1);
    const vestland = page.facets?.counties.find((c) => c.value === "VESTLAND");
    expect(vestland?.municipalities.find((m) => m.value === "BERGEN")?.count).toBe(page.total);
  });
});

describe("public token lifecycle", () => {
  it("fetches the token once, refreshes exactly once after a rotation, then reuses it", async () => {
    const c = client();
    const { uuids } = await truth(resolved("limit=1"));
    const feedOnly = (await client().feedPage({ pageSize: 50 })).lines.find((l) => l.status === "ACTIVE");
    const uuid = feedOnly?.uuid ?? uuids[0] ?? "";
    await control("POST", "/stats/reset");
    await c.getJob(uuid);
    await c.getJob(uuid);
    expect(c.tokenFetches).toBe(1);
    await control("POST", "/token/rotate");
    const job = await c.getJob(uuid);
    expect(job.uuid).toBe(uuid);
    expect(c.tokenFetches).toBe(2);
    const stats = (await control("GET", "/stats")) as { byStatus: Record<string, number> };
    expect(stats.byStatus["feedentry 401"]).toBe(1);
    expect(stats.byStatus["token 200"]).toBe(2);
  });

  it("shares one refresh between concurrent 401s", async () => {
    const c = client();
    const lines = (await c.feedPage({ pageSize: 50 })).lines.filter((l) => l.status === "ACTIVE").slice(0, 5);
    expect(c.tokenFetches).toBe(1);
    await control("POST", "/token/rotate");
    const jobs = await Promise.all(lines.map((l) => c.getJob(l.uuid)));
    expect(jobs.map((j) => j.uuid)).toEqual(lines.map((l) => l.uuid));
    expect(c.tokenFetches).toBe(2);
  });

  it("gives a typed 401 error when the refreshed token is refused too", async () => {
    const c = client();
    await c.feedPage({ pageSize: 2 });
    await control("POST", "/token/rotate");
    await control("POST", "/faults", { route: "feed", kind: "status", status: 401, times: 2 });
    const err = await c.feedPage({ pageSize: 2 }).catch((e: unknown) => e);
    expect(isUpstreamError(err)).toBe(true);
    expect(err).toMatchObject({ kind: "http", status: 401, retryable: false });
    expect((err as UpstreamError).message).toContain("NAV");
    expect(c.tokenFetches).toBe(2);
  });

  it("uses a private token as given and never fetches the public one", async () => {
    const c = client({ token: "private-token-not-valid" });
    await expect(c.feedPage()).rejects.toMatchObject({ kind: "http", status: 401 });
    expect(c.tokenFetches).toBe(0);
  });
});

describe("feed", () => {
  it("dedupes the one-line overlap across 10 pages", async () => {
    const c = client();
    const read = await c.readFeed({ pageSize: 6 }, 10);
    expect(read.pages).toBe(10);
    // Page 1 shows 6 lines, every further page 5 new ones (its first line repeats the last).
    expect(read.lines).toHaveLength(6 + 9 * 5);
    const truthLines = emu.emulator.world.lines.slice(0, read.lines.length);
    expect(read.lines.map((l) => l.uuid)).toEqual(truthLines.map((l) => l.adUuid));
    expect(new Set(read.lines.map((l) => l.lineKey)).size).toBe(read.lines.length);
    expect(read.atTip).toBe(false);
    expect(read.cursor).toBe(emu.emulator.world.lines[read.lines.length - 1]?.pageItemId);
  });

  it("shows an expiry as an INACTIVE line and the entry without content", async () => {
    const c = client();
    const ad = [...emu.emulator.world.ads.values()].find(
      (a) => a.status === "ACTIVE" && a.source !== "FINN" && a.privacy === "SHOW_ALL",
    );
    if (!ad) throw new Error("no active ad");
    const before = await c.getJob(ad.uuid);
    expect(before.status).toBe("ACTIVE");
    expect(before.employer.name.length).toBeGreaterThan(0);
    await control("POST", `/ads/${ad.uuid}/expire`);
    const tip = await c.feedPage({ last: true });
    expect(tip.nextPageId).toBeNull();
    expect(tip.lines.at(-1)).toMatchObject({ uuid: ad.uuid, status: "INACTIVE", masked: false });
    const after = await c.getJob(ad.uuid);
    expect(after).toMatchObject({ uuid: ad.uuid, status: "INACTIVE", title: "", descriptionHtml: "" });
  });

  it("masks a withdrawn ad's line; the tip grows until a next page appears", async () => {
    const c = client();
    const tip = await c.feedPage({ last: true });
    const { uuid } = (await control("POST", "/ads", { title: "Tømrer søkes" })) as { uuid: string };
    await control("POST", `/ads/${uuid}/withdraw`);
    const grown = await c.feedPage({ pageId: tip.pageId });
    expect(grown.pageId).toBe(tip.pageId);
    expect(grown.nextPageId).not.toBeNull();
    const rest = await c.readFeed({ pageId: tip.pageId }, 5);
    const mine = rest.lines.filter((l) => l.uuid === uuid);
    expect(mine.map((l) => [l.status, l.masked, l.title])).toEqual([
      ["ACTIVE", false, "Tømrer søkes"],
      ["INACTIVE", true, null],
    ]);
    expect(rest.atTip).toBe(true);
  });

  it("never serves FINN ads in the feed (404 → NotFoundError)", async () => {
    const finn = [...emu.emulator.world.ads.values()].find((a) => a.source === "FINN");
    if (!finn) throw new Error("seed has a FINN ad");
    await expect(client().getJob(finn.uuid)).rejects.toBeInstanceOf(NotFoundError);
    expect(emu.emulator.world.lines.some((l) => l.adUuid === finn.uuid)).toBe(false);
  });

  it("maps bad ids, unknown ids, 5xx and malformed bodies to typed errors", async () => {
    const c = client();
    await expect(c.getJob("not-a-uuid")).rejects.toSatisfy(isNotFoundError);
    await expect(c.getJob("00000000-0000-4000-8000-000000000000")).rejects.toSatisfy(isNotFoundError);
    await expect(c.feedPage({ pageId: "00000000-0000-4000-8000-000000000000" })).rejects.toSatisfy(
      isNotFoundError,
    );
    await control("POST", "/faults", { route: "search", kind: "status", status: 503, times: 3 });
    await expect(c.search(resolved("limit=5"))).rejects.toMatchObject({
      kind: "http",
      status: 503,
      attempts: 3,
    });
    await control("POST", "/faults", { route: "search", kind: "malformed", times: 1 });
    await expect(c.search(resolved("limit=5"))).rejects.toMatchObject({ kind: "parse" });
  });

  it("times out a hanging feed", async () => {
    await control("POST", "/faults", { route: "feed", kind: "timeout", latencyMs: 2000, times: 1 });
    const c = client({ timeoutMs: 200, retry: { attempts: 1 } });
    await expect(c.feedPage()).rejects.toMatchObject({ kind: "timeout" });
  });
});

describe("the search WAF", () => {
  let waf: NavEmulatorServer;
  beforeAll(async () => {
    waf = await startNavEmulatorServer({
      port: 0,
      seed: 3,
      count: 50,
      now: NOW,
      waf: { burst: 2, windowMs: 60_000, blockMs: 1000 },
    });
  });
  afterAll(async () => {
    await waf?.close();
  });

  it("honours Retry-After on 429 and then succeeds", async () => {
    const sleeps: number[] = [];
    const c = createNavClient({
      feedBaseUrl: waf.url,
      searchBaseUrl: waf.url,
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5000 },
      sleep: (ms) => {
        sleeps.push(ms);
        return new Promise((r) => setTimeout(r, ms));
      },
    });
    await c.search(resolved("limit=5"));
    await c.search(resolved("limit=5"));
    const third = await c.search(resolved("limit=5"));
    expect(third.jobs).toHaveLength(5);
    expect(sleeps).toEqual([1000]);
    const stats = waf.emulator.stats.snapshot();
    expect(stats.byStatus["search 429"]).toBe(1);
  });

  it("surfaces a lasting block as a typed 429 with retryAfterSeconds", async () => {
    waf.emulator.waf.configure({ blockMs: 60_000 });
    waf.emulator.waf.reset();
    const c = createNavClient({
      searchBaseUrl: waf.url,
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 10 },
      sleep: async () => {},
    });
    await c.search(resolved("limit=5"));
    await c.search(resolved("limit=5"));
    const err = await c.search(resolved("limit=5")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ kind: "http", status: 429, retryAfterSeconds: 60, attempts: 2 });
    waf.emulator.waf.configure({ blockMs: 1000 });
    waf.emulator.waf.reset();
  });
});
