import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorServer, startEmulatorServer } from "../src/index";

let server: EmulatorServer;
beforeAll(async () => {
  server = await startEmulatorServer({
    port: 0,
    seed: 42,
    count: 500,
    rateLimit: false,
    now: "2026-08-03T12:00:00Z",
  });
});
afterAll(async () => {
  await server.close();
});

describe("startEmulatorServer (real HTTP on 127.0.0.1)", () => {
  it("listens on a random port and serves both surfaces", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
    const pub = await fetch(`${server.url}/public/v2/search?numHitsPerPage=3`, {
      headers: { "Ocp-Apim-Subscription-Key": "test-key" },
    });
    expect(pub.status).toBe(200);
    expect(((await pub.json()) as { hits: unknown[] }).hits).toHaveLength(3);
    const web = await fetch(`${server.url}/webclient/api/v2/search-api/search`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ numHitsPerPage: 2 }),
    });
    expect(((await web.json()) as { hits: unknown[] }).hits).toHaveLength(2);
    const xml = await fetch(`${server.url}/public/v2/download/2025-112709?subscription-key=test-key`);
    expect(xml.headers.get("content-type")).toBe("application/octet-stream");
    expect(await xml.text()).toContain("ContractNotice");
  });

  it("exposes the emulator for in-process control", async () => {
    server.emulator.resetStats();
    await fetch(`${server.url}/webclient/api/v2/notices-api/notices/2026-107918`);
    expect(server.emulator.stats().byRoute["webclient.notice"]).toBe(1);
    const stats = await (await fetch(`${server.url}/_emulator/stats`)).json();
    expect(stats).toEqual(server.emulator.stats());
  });

  it("a timeout fault makes a client time out; the connection is cut afterwards", async () => {
    server.emulator.addFault({ route: "webclient.cpv", kind: "timeout", latencyMs: 300, times: 2 });
    await expect(
      fetch(`${server.url}/webclient/api/v2/notices-api/codes/cpvCodes`, {
        signal: AbortSignal.timeout(100),
      }),
    ).rejects.toThrow();
    await expect(
      fetch(`${server.url}/webclient/api/v2/notices-api/codes/cpvCodes`).then((r) => r.text()),
    ).rejects.toThrow();
    const ok = await fetch(`${server.url}/webclient/api/v2/notices-api/codes/cpvCodes`);
    expect(ok.status).toBe(200);
  });

  it("close() returns promptly even with a pending timeout fault", async () => {
    const other = await startEmulatorServer({ port: 0, count: 20, rateLimit: false });
    other.emulator.addFault({ route: "*", kind: "timeout", latencyMs: 60_000 });
    const pending = fetch(`${other.url}/webclient/api/v2/notices-api/codes/cpvCodes`).then(
      (r) => r.text(),
      (e: Error) => e.message,
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = performance.now();
    await other.close();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(typeof (await pending.catch((e: Error) => e.message))).toBe("string");
  });
});
