import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EmulatorServer, startEmulatorServer } from "@doffin/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ndjsonFileIds, runCli } from "./run-cli";

// A strict upstream: 5 requests per second, then 429 with Retry-After: 1.
const COUNT = 1500;
let emu: EmulatorServer;
let dir: string;

beforeAll(async () => {
  emu = await startEmulatorServer({
    port: 0,
    seed: 11,
    count: COUNT,
    fixtures: false,
    from: "2026-08-01",
    to: "2026-08-10",
    now: "2026-09-01T00:00:00Z",
    hotDays: { days: ["2026-08-05"], share: 0.75 },
    rateLimit: { enabled: true, limit: 5, windowMs: 1000, retryAfterSeconds: 1 },
  });
  dir = mkdtempSync(join(tmpdir(), "doffin-cli-polite-"));
});
afterAll(() => emu.close());

const stats = async () => {
  const res = await fetch(`${emu.url}/_emulator/stats`);
  return (await res.json()) as { total: number; rateLimited: number };
};
const reset = () => fetch(`${emu.url}/_emulator/stats/reset`, { method: "POST" });

async function exportAll(rate: string): Promise<string[]> {
  const out = join(dir, `rate-${rate}.ndjson`);
  const r = await runCli([
    "--direct",
    "--upstream-url",
    emu.url,
    "--rate",
    rate,
    "export",
    "--published-from",
    "2026-08-01",
    "--published-to",
    "2026-08-10",
    "-o",
    out,
    "-q",
  ]);
  expect(r.code, r.stderr).toBe(0);
  return ndjsonFileIds(out);
}

describe("politeness towards a rate-limited upstream", () => {
  it("stays under the limit with --rate below it: no 429 at all", async () => {
    await reset();
    const ids = await exportAll("4");
    expect(new Set(ids).size).toBe(COUNT);
    expect(ids).toHaveLength(COUNT);
    const s = await stats();
    expect(s.total).toBeGreaterThan(5);
    expect(s.rateLimited).toBe(0);
  });

  it("still completes when bursting into 429s (Retry-After honoured by core's client)", async () => {
    await reset();
    const ids = await exportAll("1000");
    expect(new Set(ids).size).toBe(COUNT);
    expect(ids).toHaveLength(COUNT);
    expect((await stats()).rateLimited).toBeGreaterThan(0);
  });
});

describe("an upstream outage during an export", () => {
  it("waits and retries the failed page instead of giving up, then completes", async () => {
    await fetch(`${emu.url}/_emulator/rate-limit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ enabled: false }),
    });
    const out = join(dir, "outage.ndjson");
    const args = [
      "--direct",
      "--upstream-url",
      emu.url,
      "--rate",
      "1000",
      "export",
      "--published-from",
      "2026-08-01",
    ];
    // Start the export, then break search for more attempts than core's client makes per request.
    const fault = () =>
      fetch(`${emu.url}/_emulator/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ route: "webclient.search", kind: "status", status: 503, times: 4 }),
      });
    await fault();
    const r = await runCli([...args, "--published-to", "2026-08-10", "-o", out]);
    await fetch(`${emu.url}/_emulator/faults`, { method: "DELETE" });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/retrying in \d+ s/);
    const ids = ndjsonFileIds(out);
    expect(new Set(ids).size).toBe(COUNT);
  });
});
