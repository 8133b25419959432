import { describe, expect, it } from "vitest";
import { control, detail, makeEmulator, publicGet, webPost } from "./helpers";

const search = (emu: ReturnType<typeof makeEmulator>) => webPost(emu, { numHitsPerPage: 2 });

describe("fault injection", () => {
  it("status: answers the given status with an upstream-ish body, for `times` requests only", async () => {
    const emu = makeEmulator({ count: 100 });
    const res = await control(emu, "POST", "/faults", {
      route: "webclient.search",
      kind: "status",
      status: 503,
      times: 2,
    });
    expect(((await res.json()) as { id: string }).id).toMatch(/^fault-/);
    for (let i = 0; i < 2; i++) {
      const r = await search(emu);
      expect(r.status).toBe(503);
      expect(await r.json()).toEqual({ statusCode: 503, message: "Service Unavailable" });
    }
    expect((await search(emu)).status).toBe(200);
  });

  it("status 429: Retry-After 1 by default, or retryAfterSeconds in the header and the message", async () => {
    const emu = makeEmulator({ count: 100 });
    emu.addFault({ route: "webclient.search", kind: "status", status: 429, times: 1 });
    const short = await search(emu);
    expect(short.status).toBe(429);
    expect(short.headers.get("retry-after")).toBe("1");
    expect(await short.json()).toEqual({
      statusCode: 429,
      message: "Rate limit is exceeded. Try again in 1 seconds.",
    });
    await control(emu, "POST", "/faults", {
      route: "*",
      kind: "status",
      status: 429,
      retryAfterSeconds: 3600,
    });
    const long = await search(emu);
    expect(long.status).toBe(429);
    expect(long.headers.get("retry-after")).toBe("3600");
    expect(await long.json()).toEqual({
      statusCode: 429,
      message: "Rate limit is exceeded. Try again in 3600 seconds.",
    });
    emu.clearFaults();
    emu.addFault({ route: "*", kind: "status", status: 503, retryAfterSeconds: 30 });
    expect((await search(emu)).headers.get("retry-after")).toBe("30");
    emu.clearFaults();
    emu.addFault({ route: "*", kind: "status", status: 503 });
    expect((await search(emu)).headers.get("retry-after")).toBeNull();
    const bad = await control(emu, "POST", "/faults", { route: "*", kind: "status", retryAfterSeconds: -1 });
    expect(bad.status).toBe(400);
  });

  it("defaults to 500 and applies only to its route; '*' hits every route", async () => {
    const emu = makeEmulator({ count: 100 });
    emu.addFault({ route: "webclient.notice", kind: "status" });
    expect((await detail(emu, "2026-107918")).status).toBe(500);
    expect((await search(emu)).status).toBe(200);
    emu.clearFaults();
    emu.addFault({ route: "*", kind: "status", status: 502 });
    expect((await search(emu)).status).toBe(502);
    expect((await publicGet(emu)).status).toBe(502);
    expect((await control(emu, "GET", "/health")).status).toBe(200);
    expect((await control(emu, "DELETE", "/faults")).status).toBe(200);
    expect((await search(emu)).status).toBe(200);
  });

  it("latency: delays, then answers normally", async () => {
    const emu = makeEmulator({ count: 100 });
    emu.addFault({ route: "webclient.search", kind: "latency", latencyMs: 150, times: 1 });
    const started = performance.now();
    const res = await search(emu);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("timeout: never answers until the connection is cut (here: the latency elapses, the body errors)", async () => {
    const emu = makeEmulator({ count: 100 });
    emu.addFault({ route: "webclient.search", kind: "timeout", latencyMs: 50 });
    const res = await search(emu);
    await expect(res.text()).rejects.toThrow();
  });

  it("timeout: the client's own abort wins long before the fault's latency", async () => {
    const emu = makeEmulator({ count: 100 });
    emu.addFault({ route: "webclient.search", kind: "timeout" });
    const req = new Request("http://emu/webclient/api/v2/search-api/search", {
      method: "POST",
      body: "{}",
      signal: AbortSignal.timeout(100),
    });
    const res = await emu.fetch(req);
    await expect(res.text()).rejects.toThrow();
  });

  it("truncate: cuts the JSON body in half", async () => {
    const emu = makeEmulator({ count: 100 });
    const full = await (await search(emu)).text();
    emu.addFault({ route: "webclient.search", kind: "truncate", times: 1 });
    const cut = await (await search(emu)).text();
    expect(cut).toBe(full.slice(0, Math.floor(full.length / 2)));
    expect(() => JSON.parse(cut)).toThrow();
  });

  it("malformed: invalid JSON with a 200", async () => {
    const emu = makeEmulator({ count: 100 });
    emu.addFault({ route: "public.search", kind: "malformed", times: 1 });
    const res = await publicGet(emu);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it("drift: renames hits → results and drops heading", async () => {
    const emu = makeEmulator({ count: 100 });
    emu.addFault({ route: "public.search", kind: "drift" });
    const body = (await (await publicGet(emu)).json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty("hits");
    const results = body.results as Record<string, unknown>[];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r).not.toHaveProperty("heading");
    emu.addFault({ route: "webclient.notice", kind: "drift" });
    const d = (await (await detail(emu, "2026-107918")).json()) as Record<string, unknown>;
    expect(d).toHaveProperty("type");
    expect(d).not.toHaveProperty("noticeType");
  });

  it("probability: hits a deterministic share of requests", async () => {
    const emu = makeEmulator({ count: 50 });
    emu.addFault({ route: "webclient.cpv", kind: "status", probability: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push(
        (await emu.fetch(new Request("http://emu/webclient/api/v2/notices-api/codes/cpvCodes"))).status,
      );
    }
    const failed = statuses.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(35);
  });

  it("counts faulted requests in the stats", async () => {
    const emu = makeEmulator({ count: 50 });
    emu.addFault({ route: "webclient.search", kind: "status", times: 1 });
    await search(emu);
    expect(emu.stats().byRoute["webclient.search"]).toBe(1);
  });
});
