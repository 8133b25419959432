import { SearchResult } from "@doffin/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emulator, emulatorApp, expectEnvelope, testClock, uniqueKeys } from "./helpers";

const unique = uniqueKeys(2090);
const searches = async () => (await emulator.stats()).byRoute["webclient.search"] ?? 0;

beforeEach(async () => {
  await emulator.clearFaults();
  await emulator.resetStats();
});
afterEach(async () => {
  await emulator.clearFaults();
  await emulator.rateLimit({ enabled: false });
});

describe("search cache lifecycle", () => {
  it("goes miss → hit → stale (background refresh) → fresh again, one upstream call per refresh", async () => {
    const clock = testClock();
    const { call } = emulatorApp({ now: clock.now });
    const path = `/v1/notices?type=COMPETITION&${unique()}`;

    const miss = await call(path);
    expect(miss.status).toBe(200);
    expect(miss.headers.get("cache-status")).toBe("doffin-gateway; fwd=miss; stored");
    expect(miss.headers.get("age")).toBe("0");
    expect(miss.headers.get("cache-control")).toBe(
      "public, max-age=300, stale-while-revalidate=600, stale-if-error=86400",
    );
    const first = SearchResult.parse(await miss.json());
    expect(await searches()).toBe(1);

    clock.advance(100);
    const hit = await call(path);
    expect(hit.headers.get("cache-status")).toBe("doffin-gateway; hit; ttl=200");
    expect(hit.headers.get("age")).toBe("100");
    expect(hit.headers.get("cache-control")).toContain("max-age=200");
    expect(SearchResult.parse(await hit.json())).toEqual(first);
    expect(await searches()).toBe(1);

    clock.advance(250); // 350 s old: stale, inside the stale-while-revalidate window
    const stale = await call(path);
    expect(stale.headers.get("cache-status")).toBe(
      "doffin-gateway; fwd=stale; ttl=-50; detail=stale-while-revalidate",
    );
    expect(stale.headers.get("age")).toBe("350");
    expect(stale.headers.get("cache-control")).toContain("max-age=0");
    expect(await searches()).toBe(2); // the background refresh ran (waitUntil)

    const revalidated = await call(path);
    expect(revalidated.headers.get("cache-status")).toBe("doffin-gateway; hit; ttl=300");
    expect(revalidated.headers.get("age")).toBe("0");
    expect(await searches()).toBe(2);
  });

  it("refreshes before answering once the entry is past the stale-while-revalidate window", async () => {
    const clock = testClock();
    const path = `/v1/notices?type=RESULT&${unique()}`;
    await emulatorApp({ now: clock.now }).call(path);
    clock.advance(300 + 700);
    // A new app = a new isolate: no memory copy, so the KV entry decides.
    const res = await emulatorApp({ now: clock.now }).call(path);
    expect(res.headers.get("cache-status")).toBe("doffin-gateway; fwd=stale; stored");
    expect(res.headers.get("age")).toBe("0");
    expect(await searches()).toBe(2);
  });

  it("shares one entry between KV-backed isolates (the second isolate hits KV)", async () => {
    const clock = testClock();
    const path = `/v1/notices?status=ACTIVE&${unique()}`;
    await emulatorApp({ now: clock.now }).call(path);
    const res = await emulatorApp({ now: clock.now }).call(path);
    expect(res.headers.get("cache-status")).toMatch(/^doffin-gateway; hit; ttl=300$/);
    expect(await searches()).toBe(1);
  });

  it("treats parameter order, aliases, case and comma lists as the same query", async () => {
    const { call } = emulatorApp();
    const u = unique();
    const variants = [
      `/v1/notices?type=COMPETITION,RESULT&status=active&limit=10&${u}`,
      `/v1/notices?${u}&limit=10&status=ACTIVE&types=result&type=competition`,
      `/v1/notices?statuses=ACTIVE&type=RESULT&type=COMPETITION&limit=10&${u}&facets=true&page=1`,
    ];
    const etags = [];
    for (const v of variants) etags.push((await call(v)).headers.get("etag"));
    expect(new Set(etags).size).toBe(1);
    expect(await searches()).toBe(1);
  });

  it("coalesces 50 concurrent identical cold requests into one upstream call", async () => {
    const { app } = emulatorApp();
    const path = `/v1/notices?type=PLANNING&${unique()}`;
    const { createExecutionContext, waitOnExecutionContext } = await import("cloudflare:test");
    const { env } = await import("cloudflare:workers");
    const responses = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const ctx = createExecutionContext();
        const res = await app.request(path, {}, env, ctx);
        await waitOnExecutionContext(ctx);
        return res;
      }),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(new Set(responses.map((r) => r.headers.get("etag"))).size).toBe(1);
    const statuses = responses.map((r) => r.headers.get("cache-status"));
    expect(statuses.filter((s) => s === "doffin-gateway; fwd=miss; stored")).toHaveLength(1);
    expect(await searches()).toBe(1);
  });
});

describe("conditional requests", () => {
  it("answers 304 with the same validators when If-None-Match matches, 200 otherwise", async () => {
    const { call } = emulatorApp();
    const path = `/v1/notices?${unique()}`;
    const first = await call(path);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);

    const notModified = await call(path, { headers: { "if-none-match": etag ?? "" } });
    expect(notModified.status).toBe(304);
    expect(await notModified.text()).toBe("");
    expect(notModified.headers.get("etag")).toBe(etag);
    expect(notModified.headers.get("cache-status")).toMatch(/hit/);

    const listed = await call(path, { headers: { "if-none-match": `"nope", W/${etag}` } });
    expect(listed.status).toBe(304);

    const other = await call(path, { headers: { "if-none-match": '"something-else"' } });
    expect(other.status).toBe(200);
    SearchResult.parse(await other.json());
  });
});

describe("when Doffin fails", () => {
  it.each([
    ["a 5xx", { kind: "status", status: 500 }],
    ["a timeout", { kind: "timeout", latencyMs: 3000 }],
    ["a malformed body", { kind: "malformed" }],
  ])("serves the stale entry on %s and says so", async (_name, fault) => {
    const clock = testClock();
    const path = `/v1/notices?type=RESULT&${unique()}`;
    const first = await emulatorApp({ now: clock.now }).call(path);
    const body = await first.text();
    await emulator.fault({ route: "webclient.search", ...fault });
    clock.advance(2 * 3600); // far past stale-while-revalidate, inside stale-if-error
    const res = await emulatorApp({ now: clock.now, timeoutMs: 400 }).call(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-status")).toMatch(/fwd=stale; ttl=-\d+; detail=stale-if-error$/);
    expect(res.headers.get("age")).toBe(String(2 * 3600));
    expect(await res.text()).toBe(body);
  });

  it("keeps serving the stale entry when the background refresh fails", async () => {
    const clock = testClock();
    const path = `/v1/notices?${unique()}`;
    const { call } = emulatorApp({ now: clock.now });
    await call(path);
    await emulator.fault({ route: "webclient.search", kind: "status", status: 502 });
    clock.advance(400);
    const res = await call(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-status")).toMatch(/detail=stale-while-revalidate/);
    const again = await call(path);
    expect(again.headers.get("cache-status")).toMatch(/detail=stale-while-revalidate/);
  });

  it.each([
    ["502 upstream_error on a 5xx", { kind: "status", status: 500 }, 502, "upstream_error"],
    ["503 upstream_unavailable on a 503", { kind: "status", status: 503 }, 503, "upstream_unavailable"],
    ["504 upstream_timeout on a timeout", { kind: "timeout", latencyMs: 3000 }, 504, "upstream_timeout"],
  ])(
    "answers %s when nothing is cached, never echoing the upstream body",
    async (_n, fault, status, code) => {
      await emulator.fault({ route: "webclient.search", ...fault });
      const res = await emulatorApp({ timeoutMs: 400 }).call(`/v1/notices?${unique()}`);
      const body = await expectEnvelope(res, status, code);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(JSON.stringify(body)).not.toMatch(/statusCode|html|stack/i);
    },
  );

  it("answers 503 when Doffin cannot be reached at all", async () => {
    const res = await emulatorApp({ baseUrl: "http://127.0.0.1:9" }).call(`/v1/notices?${unique()}`);
    await expectEnvelope(res, 503, "upstream_unavailable");
  });

  it("turns an upstream 429 with nothing cached into our 429 with Retry-After", async () => {
    await emulator.rateLimit({ enabled: true, limit: 1, windowMs: 60_000, retryAfterSeconds: 7 });
    const { call } = emulatorApp();
    expect((await call(`/v1/notices?${unique()}`)).status).toBe(200);
    const res = await call(`/v1/notices?${unique()}`);
    await expectEnvelope(res, 429, "rate_limited");
    expect(res.headers.get("retry-after")).toBe("7");
  });

  it("never caches an error: the next request goes upstream again and succeeds", async () => {
    const path = `/v1/notices?${unique()}`;
    await emulator.fault({ route: "webclient.search", kind: "status", status: 500, times: 1 });
    const { call } = emulatorApp();
    expect((await call(path)).status).toBe(502);
    const ok = await call(path);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-status")).toBe("doffin-gateway; fwd=miss; stored");
  });
});
