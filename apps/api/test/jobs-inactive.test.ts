import { env } from "cloudflare:workers";
import { createNavClient, ErrorEnvelope, JobDetail, JobSearchResult } from "@doffin/core";
import { createNavEmulator, type NavEmulator } from "@doffin/emulator-nav/core";
import { describe, expect, it } from "vitest";
import { JOB_MAX_TTL_SECONDS, readConfig } from "../src/config";
import { emulatorApp, toolCallers } from "./helpers";

/**
 * NAV's terms: an INACTIVE ad (expired, or withdrawn = stopped) must leave search results. NAV's search
 * drops it at once; the gateway's bound is its job cache's freshness (JOB_SEARCH_TTL_SECONDS /
 * JOB_TTL_SECONDS, at most JOB_MAX_TTL_SECONDS), because job answers are never served stale. Each test
 * has its own in-process NAV emulator (the shared one over HTTP serves other files' tests, which these
 * mutations would disturb) and its own clock for the gateway.
 */

const NAV_NOW = "2026-11-20T10:00:00Z";
const config = readConfig(env);

function setUp(seed: number) {
  const emu: NavEmulator = createNavEmulator({ seed, count: 120, now: NAV_NOW, waf: false });
  let clock = Date.parse(NAV_NOW);
  const { call } = emulatorApp({
    now: () => clock,
    nav: () =>
      createNavClient({
        feedBaseUrl: "http://nav.test",
        searchBaseUrl: "http://nav.test",
        timeoutMs: 1500,
        retry: { attempts: 1 },
        fetch: (input, init) => emu.fetch(new Request(input, init)),
      }),
  });
  return {
    emu,
    call,
    advance: (seconds: number) => {
      clock += seconds * 1000;
    },
  };
}

const uuidsOf = async (res: Response) => JobSearchResult.parse(await res.json()).jobs.map((j) => j.uuid);

describe("INACTIVE NAV ads", () => {
  it("the wrangler config keeps the job cache within the bound", () => {
    expect(config.JOB_SEARCH_TTL_SECONDS).toBeLessThanOrEqual(JOB_MAX_TTL_SECONDS);
    expect(config.JOB_TTL_SECONDS).toBeLessThanOrEqual(JOB_MAX_TTL_SECONDS);
    expect(() => readConfig({ ...env, JOB_SEARCH_TTL_SECONDS: "301" })).toThrow(/at most 300 seconds/);
    expect(() => readConfig({ ...env, JOB_TTL_SECONDS: "900" })).toThrow(/INACTIVE NAV ad may linger/);
  });

  it("leave a cached search page within JOB_SEARCH_TTL_SECONDS, and are never served stale", async () => {
    const { emu, call, advance } = setUp(21);
    const url = "/v1/jobs?county=Oslo&sort=published&limit=40";
    const first = await call(url);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe(
      `public, max-age=${config.JOB_SEARCH_TTL_SECONDS}, stale-while-revalidate=0, stale-if-error=0`,
    );
    const before = await uuidsOf(first);
    const gone = before[1] ?? "";
    const withdrawn = before[2] ?? "";
    expect(emu.world.expire(gone)).not.toBeNull();
    expect(emu.world.withdraw(withdrawn)).not.toBeNull();

    // Within the bound the cached page is what it was (this is the documented bound, not a promise of less).
    advance(config.JOB_SEARCH_TTL_SECONDS - 1);
    const cached = await call(url);
    expect(cached.headers.get("cache-status")).toMatch(/; hit; ttl=1$/);
    expect(await uuidsOf(cached)).toEqual(before);

    // At the bound the page is fetched again: both ads are gone, the rest keeps its order.
    advance(1);
    const fresh = await call(url);
    expect(fresh.headers.get("cache-status")).toBe("doffin-gateway; fwd=miss; stored");
    const after = await uuidsOf(fresh);
    expect(after).not.toContain(gone);
    expect(after).not.toContain(withdrawn);
    expect(after.slice(0, 1)).toEqual(before.slice(0, 1));
    expect(after.slice(1, 37)).toEqual(before.slice(3, 39));

    // A stale page does not stand in for a failing NAV: it could still list an INACTIVE ad.
    advance(config.JOB_SEARCH_TTL_SECONDS);
    emu.faults.add({ route: "search", kind: "status", status: 500 });
    const failing = await call(url);
    expect(failing.status).toBe(502);
    expect(ErrorEnvelope.parse(await failing.json()).error.code).toBe("upstream_error");
  });

  it("are a 404 on the detail route and the tools once the cached detail runs out", async () => {
    const { emu, call, advance } = setUp(22);
    const { tool, mcp } = toolCallers(call);
    const [uuid = "", other = ""] = await uuidsOf(await call("/v1/jobs?sort=published&limit=2"));
    const ok = await call(`/v1/jobs/${uuid}`);
    expect(ok.status).toBe(200);
    expect(JobDetail.parse(await ok.json()).status).toBe("ACTIVE");

    emu.world.expire(uuid);
    emu.world.withdraw(other);
    advance(config.JOB_TTL_SECONDS);
    for (const id of [uuid, other]) {
      const res = await call(`/v1/jobs/${id}`);
      expect(res.status, id).toBe(404);
      const body = ErrorEnvelope.parse(await res.json());
      expect(body.error.code).toBe("not_found");
      expect(body.error.message).toBe(
        `Job ${id} is no longer active on NAV (expired or withdrawn); inactive ads are not served.`,
      );
    }
    const bridged = await tool("get_job_detail", { uuid });
    expect(bridged.status).toBe(404);
    expect(ErrorEnvelope.parse(bridged.body).error.message).toMatch(/no longer active on NAV/);
    const viaMcp = await mcp("get_job_detail", { uuid: other });
    expect(viaMcp.isError).toBe(true);
    expect(viaMcp.text).toMatch(/no longer active on NAV/);
    // An unknown uuid keeps its own message.
    const unknown = await call("/v1/jobs/00000000-0000-4000-8000-000000000000");
    expect(ErrorEnvelope.parse(await unknown.json()).error.message).toMatch(/^No job /);
  });
});
