import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { emulatorApp } from "./helpers";
import { createKey, OPERATOR } from "./keys-helpers";

const { call } = emulatorApp();

afterEach(() => vi.restoreAllMocks());

/** Every line written to the console while `run` runs. */
async function captureLogs(run: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  for (const level of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
  await run();
  vi.restoreAllMocks();
  return lines;
}

describe("structured logs", () => {
  it("one JSON line per request with id, route, status, duration and cache status; never keys, tokens or bodies", async () => {
    const secretBody = "feedback-body-secret-text";
    let key = "";
    const lines = await captureLogs(async () => {
      ({ key } = await createKey(call, { owner: "logs", label: "label-in-body" }));
      await call("/v1/codes/locations", { headers: { authorization: `Bearer ${key}` } });
      await call("/v1/codes/locations", { headers: { "x-api-key": key } });
      await call("/v1/codes/locations", { headers: { "gnist-api-key": `dgw_${"D".repeat(43)}` } });
      await call("/v1/admin/keys", { headers: { authorization: "Bearer wrong-token-value" } });
      await call("/v1/feedback", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ feedback: secretBody }),
      });
    });
    const all = lines.join("\n");
    for (const secret of [
      key,
      key.slice(4),
      env.OPERATOR_TOKEN,
      env.KEY_PEPPER,
      "wrong-token-value",
      "D".repeat(43),
      secretBody,
      "label-in-body",
    ])
      expect(all, secret).not.toContain(secret);
    const requests = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === "request");
    expect(requests.length).toBe(6);
    for (const r of requests) {
      expect(r).toMatchObject({
        requestId: expect.any(String),
        route: expect.any(String),
        status: expect.any(Number),
      });
      expect(r.durationMs).toEqual(expect.any(Number));
      expect(r).toHaveProperty("cacheStatus");
      expect(r).toHaveProperty("upstreamCalls");
    }
    expect(requests.some((r) => String(r.caller).startsWith("key_"))).toBe(true);
    expect(OPERATOR.authorization).toContain(env.OPERATOR_TOKEN);
  });

  it("a search logs its route pattern and cache status, not the query string", async () => {
    const lines = await captureLogs(async () => {
      await call("/v1/notices?q=hemmelig-sok&limit=1");
    });
    const line = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === "request");
    expect(line?.route).toBe("/v1/notices");
    expect(String(line?.cacheStatus)).toContain("doffin-gateway");
    expect(lines.join("\n")).not.toContain("hemmelig-sok");
  });
});
