import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Notice, SearchResult } from "@doffin/core";
import { type EmulatorServer, startEmulatorServer } from "@doffin/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_COLUMNS } from "../src/output/csv";
import { parseCsv } from "./csv-parse";
import { ndjsonFileIds, ndjsonIds, oneErrorLine, runCli } from "./run-cli";

// 3,000 generated notices in September 2026, 45 % of them on one day: that day alone is past the cap.
const COUNT = 3000;
const FROM = "2026-09-01";
const TO = "2026-09-30";
let emu: EmulatorServer;
let dir: string;
const d = (...args: string[]) => ["--direct", "--upstream-url", emu.url, "--rate", "1000", ...args];
const json = <T>(s: string): T => JSON.parse(s) as T;

beforeAll(async () => {
  emu = await startEmulatorServer({
    port: 0,
    seed: 7,
    count: COUNT,
    fixtures: false,
    from: FROM,
    to: TO,
    now: "2026-10-01T12:00:00Z",
    hotDays: { days: ["2026-09-10"], share: 0.45 },
    rateLimit: false,
  });
  dir = mkdtempSync(join(tmpdir(), "doffin-cli-emu-"));
});
afterAll(() => emu.close());

describe("direct mode against the emulator", () => {
  it("searches with filters and prints JSON in the public shape", async () => {
    const all = SearchResult.parse(
      json(await runCli(d("search", "--json", "--limit", "1")).then((r) => r.stdout)),
    );
    expect(all.total).toBe(COUNT);
    expect(all.accessible).toBe(1000);
    const r = await runCli(d("search", "--json", "--type", "RESULT", "--limit", "25"));
    expect(r.code, r.stderr).toBe(0);
    const res = SearchResult.parse(json(r.stdout));
    expect(res.total).toBeGreaterThan(0);
    expect(res.total).toBeLessThan(COUNT);
    expect(res.items).toHaveLength(25);
    for (const n of res.items) expect(n.allTypes).toContain("RESULT");
  });

  it("hands the hot day's total on: more than the cap, so one query cannot list it", async () => {
    const r = await runCli(d("search", "--published-from", "2026-09-10", "--published-to", "2026-09-10"));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Doffin serves only the first 1000/);
  });

  it("resolves CPV prefixes and location names with core's code lists", async () => {
    const cpv = SearchResult.parse(json((await runCli(d("search", "--json", "--cpv", "72*"))).stdout));
    expect(cpv.total).toBeGreaterThan(0);
    expect(cpv.total).toBeLessThan(COUNT);
    const oslo = await runCli(d("search", "--json", "--location", "Oslo"));
    expect(oslo.code, oslo.stderr).toBe(0);
    const res = SearchResult.parse(json(oslo.stdout));
    expect(res.total).toBeGreaterThan(0);
    expect(res.total).toBeLessThan(COUNT);
    const typo = await runCli(d("search", "--location", "Osloo"));
    expect(typo.code).toBe(2);
    expect(oneErrorLine(typo.stderr)).toMatch(/Osloo.*NO081/);
  });

  it("shows a notice and exits 3 for an unknown one", async () => {
    const first = SearchResult.parse(json((await runCli(d("search", "--json", "--limit", "1"))).stdout))
      .items[0];
    if (!first) throw new Error("empty corpus");
    const view = await runCli(d("notice", first.id));
    expect(view.code, view.stderr).toBe(0);
    expect(view.stdout).toMatch(new RegExp(`^Id\\s+${first.id}$`, "m"));
    const full = Notice.parse(json((await runCli(d("--json", "notice", first.id))).stdout));
    expect(full.id).toBe(first.id);
    expect(full.heading).toBe(first.heading);
    const missing = await runCli(d("notice", "2019-000001"));
    expect(missing.code).toBe(3);
    oneErrorLine(missing.stderr);
  });

  it("searches through the Public API with a key, and refuses without one", async () => {
    const withKey = await runCli(
      d("--upstream-kind", "public-api", "search", "--json", "--type", "COMPETITION"),
      {
        env: { DOFFIN_API_KEY: "test-key" },
      },
    );
    expect(withKey.code, withKey.stderr).toBe(0);
    expect(SearchResult.parse(json(withKey.stdout)).total).toBeGreaterThan(0);
    const without = await runCli(d("--upstream-kind", "public-api", "search"));
    expect(without.code).toBe(2);
    expect(oneErrorLine(without.stderr)).toMatch(/DOFFIN_API_KEY/);
  });

  it("lists code lists offline", async () => {
    const cpv = await runCli(d("codes", "cpv", "programvare"));
    expect(cpv.code).toBe(0);
    expect(cpv.stdout).toMatch(/^48000000\s+Programvare/m);
    const loc = await runCli(d("codes", "locations"));
    expect(loc.stdout).toMatch(/NO081\s+Oslo/);
  });

  it("exits 4 with the URL when the upstream is unreachable", async () => {
    const r = await runCli(["--direct", "--upstream-url", "http://127.0.0.1:9", "search"]);
    expect(r.code).toBe(4);
    expect(oneErrorLine(r.stderr)).toContain("http://127.0.0.1:9");
  });
});

describe("export against the emulator, past the 1000-hit cap", () => {
  const range = ["--published-from", FROM, "--published-to", TO];

  it("writes all 3,000 notices exactly once as NDJSON", async () => {
    const out = join(dir, "all.ndjson");
    const r = await runCli(d("export", ...range, "-o", out, "--json"));
    expect(r.code, r.stderr).toBe(0);
    const ids = ndjsonFileIds(out);
    expect(ids).toHaveLength(COUNT);
    expect(new Set(ids).size).toBe(COUNT);
    const summary = json<{ total: number; written: number; truncatedWindows: unknown[] }>(r.stdout);
    expect(summary).toMatchObject({ total: COUNT, written: COUNT, truncatedWindows: [] });
  });

  it("writes all 3,000 notices exactly once as CSV", async () => {
    const out = join(dir, "all.csv");
    const r = await runCli(d("export", ...range, "--format", "csv", "-o", out, "-q"));
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(readFileSync(out, "utf8"));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(COUNT + 1);
    expect(new Set(rows.slice(1).map((row) => row[0])).size).toBe(COUNT);
    for (const row of rows.slice(1)) expect(row[2]?.startsWith("=")).toBe(false);
  });

  it("streams to stdout", async () => {
    const r = await runCli(d("export", "--published-from", "2026-09-20", "--published-to", TO, "-q"));
    expect(r.code, r.stderr).toBe(0);
    const ids = ndjsonIds(r.stdout);
    const expected = SearchResult.parse(
      json(
        (await runCli(d("search", "--json", "--published-from", "2026-09-20", "--published-to", TO))).stdout,
      ),
    ).total;
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
  });

  it("resumes an interrupted export to exactly the full set", async () => {
    const out = join(dir, "resumed.ndjson");
    const args = d("export", ...range, "-o", out, "-q");
    const first = await runCli([...args, "--max-requests", "12"]);
    expect(first.code).toBe(130);
    oneErrorLine(first.stderr);
    const partial = ndjsonFileIds(out).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(COUNT);
    const second = await runCli([...args, "--resume"]);
    expect(second.code, second.stderr).toBe(0);
    const ids = ndjsonFileIds(out);
    expect(ids).toHaveLength(COUNT);
    expect(new Set(ids).size).toBe(COUNT);
  });
});
