import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { type ClientIpSource, clientIp, clientIpSource, SHARED_BUCKET } from "@doffin/http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../src/app";
import { BASE, expectEnvelope, freshIp } from "./helpers";

afterEach(() => vi.restoreAllMocks());

describe("clientIp", () => {
  const headers = new Headers({
    "cf-connecting-ip": "203.0.113.1",
    "x-forwarded-for": " 198.51.100.7 , 10.0.0.1, 10.0.0.2",
    "x-real-ip": "2001:DB8::5",
  });

  it.each([
    ["cf-connecting-ip", "203.0.113.1"],
    ["x-forwarded-for", "198.51.100.7"],
    ["x-real-ip", "2001:db8::5"],
    ["none", SHARED_BUCKET],
  ] as const)("%s → %s", (source, ip) => {
    expect(clientIp(headers, source)).toBe(ip);
  });

  it("falls back to the shared bucket when the header is missing or not an address", () => {
    expect(clientIp(new Headers(), "cf-connecting-ip")).toBe(SHARED_BUCKET);
    expect(clientIp(new Headers({ "x-real-ip": "<script>" }), "x-real-ip")).toBe(SHARED_BUCKET);
    expect(clientIp(new Headers({ "x-forwarded-for": "x".repeat(500) }), "x-forwarded-for")).toBe(
      SHARED_BUCKET,
    );
    expect(clientIp(new Headers({ "x-forwarded-for": ",10.0.0.1" }), "x-forwarded-for")).toBe(SHARED_BUCKET);
  });

  it("reads CLIENT_IP_SOURCE: unset → none, known values case-insensitively, anything else → none with a warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(clientIpSource(undefined)).toBe("none");
    expect(clientIpSource("")).toBe("none");
    expect(clientIpSource(" X-Forwarded-For ")).toBe("x-forwarded-for");
    expect(warn).not.toHaveBeenCalled();
    expect(clientIpSource("true-client-ip")).toBe("none");
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

const windowOf = (now: number) => Math.floor(now / 60_000);

/** POST /v1/feedback straight into the app with CLIENT_IP_SOURCE set as given. */
const submit = (source: ClientIpSource, headers: Record<string, string>) =>
  createApp().fetch(
    new Request(`${BASE}/v1/feedback`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ feedback: `client ip ${source}` }),
    }),
    { ...env, CLIENT_IP_SOURCE: source },
    createExecutionContext(),
  );

/** All three candidate headers, each with a fresh address; `fixed` overrides one of them. */
const spoofed = (fixed: Record<string, string> = {}) => ({
  "cf-connecting-ip": freshIp(),
  "x-forwarded-for": `${freshIp()}, 10.255.0.1`,
  "x-real-ip": freshIp(),
  ...fixed,
});

/** Runs `body` until it finishes inside one limiter window (the windows follow the wall clock). */
async function inOneWindow(body: () => Promise<void>): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const started = windowOf(Date.now());
    try {
      await body();
      return;
    } catch (err) {
      if (windowOf(Date.now()) === started) throw err;
    }
  }
  throw new Error("the rate-limit window rolled over twice");
}

describe("the rate-limit key follows CLIENT_IP_SOURCE", () => {
  it.each([
    ["cf-connecting-ip", (ip: string) => ({ "cf-connecting-ip": ip })],
    // First hop: what the proxy appended after it must not matter.
    ["x-forwarded-for", (ip: string) => ({ "x-forwarded-for": `${ip}, ${freshIp()}` })],
    ["x-real-ip", (ip: string) => ({ "x-real-ip": ip })],
  ] as const)(
    "%s: one client is limited whatever the other headers say; another is not",
    async (source, set) => {
      await inOneWindow(async () => {
        const ip = freshIp();
        const statuses: number[] = [];
        for (let i = 0; i < env.TEST_RATE_LIMIT; i++)
          statuses.push((await submit(source, spoofed(set(ip)))).status);
        expect(statuses).toEqual(Array(env.TEST_RATE_LIMIT).fill(201));
        const over = await submit(source, spoofed(set(ip)));
        await expectEnvelope(over, 429, "rate_limited");
        expect(over.headers.get("retry-after")).toBe(env.RATE_LIMIT_PERIOD_SECONDS);
        expect((await submit(source, spoofed(set(freshIp())))).status).toBe(201);
      });
    },
  );

  it("none: every client shares one bucket, so fresh addresses do not get past the limit", async () => {
    await inOneWindow(async () => {
      const statuses: number[] = [];
      for (let i = 0; i <= env.TEST_RATE_LIMIT; i++) statuses.push((await submit("none", spoofed())).status);
      // The shared bucket may already hold requests from elsewhere in this file's run: the limit is
      // reached at the latest with request limit+1, and stays reached.
      const first429 = statuses.indexOf(429);
      expect(first429).toBeGreaterThanOrEqual(0);
      expect(statuses.slice(first429).every((s) => s === 429)).toBe(true);
      expect(statuses.slice(0, first429).every((s) => s === 201)).toBe(true);
    });
  });

  it("the same fresh addresses with cf-connecting-ip are all let through (the contrast to none)", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= env.TEST_RATE_LIMIT; i++)
      statuses.push((await submit("cf-connecting-ip", spoofed())).status);
    expect(statuses).toEqual(Array(env.TEST_RATE_LIMIT + 1).fill(201));
  });
});
