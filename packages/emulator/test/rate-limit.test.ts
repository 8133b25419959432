import { describe, expect, it } from "vitest";
import { control, makeEmulator, publicGet, webPost } from "./helpers";

describe("rate limit (APIM-like, real time)", () => {
  it("is on by default: 30 requests per 10 s, then 429 with Retry-After and the APIM body", async () => {
    const emu = makeEmulator({ count: 50, rateLimit: undefined });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await publicGet(emu)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await publicGet(emu);
    expect(limited.status).toBe(429);
    const retry = Number(limited.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(10);
    expect(await limited.json()).toEqual({
      statusCode: 429,
      message: `Rate limit is exceeded. Try again in ${retry} seconds.`,
    });
    expect(emu.stats().rateLimited).toBe(1);
  });

  it("limits each surface separately", async () => {
    const emu = makeEmulator({ count: 50, rateLimit: { limit: 2 } });
    expect((await publicGet(emu)).status).toBe(200);
    expect((await publicGet(emu)).status).toBe(200);
    expect((await publicGet(emu)).status).toBe(429);
    expect((await webPost(emu, {})).status).toBe(200);
  });

  it("lets a client through again once the window has passed", async () => {
    const emu = makeEmulator({ count: 50, rateLimit: { limit: 1, windowMs: 200 } });
    expect((await webPost(emu, {})).status).toBe(200);
    const limited = await webPost(emu, {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    await new Promise((r) => setTimeout(r, 250));
    expect((await webPost(emu, {})).status).toBe(200);
  });

  it("is tunable and switchable through the control API", async () => {
    const emu = makeEmulator({ count: 50, rateLimit: false });
    for (let i = 0; i < 40; i++) expect((await webPost(emu, {})).status).toBe(200);
    const res = await control(emu, "POST", "/rate-limit", { enabled: true, limit: 1, retryAfterSeconds: 7 });
    expect(await res.json()).toEqual({ enabled: true, limit: 1, windowMs: 10_000, retryAfterSeconds: 7 });
    expect((await webPost(emu, {})).status).toBe(200);
    const limited = await webPost(emu, {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    await control(emu, "POST", "/rate-limit", { enabled: false });
    expect((await webPost(emu, {})).status).toBe(200);
  });

  it("never limits the control API and keeps x-emulator-client callers apart", async () => {
    const emu = makeEmulator({ count: 50, rateLimit: { limit: 1 } });
    for (let i = 0; i < 5; i++) expect((await control(emu, "GET", "/health")).status).toBe(200);
    const as = (client: string) =>
      emu.fetch(
        new Request("http://emu/webclient/api/v2/search-api/search", {
          method: "POST",
          body: "{}",
          headers: { "x-emulator-client": client },
        }),
      );
    expect((await as("a")).status).toBe(200);
    expect((await as("b")).status).toBe(200);
    expect((await as("a")).status).toBe(429);
  });
});
