import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { JobSearchResult } from "@doffin/core";
import { type NavEmulatorServer, startNavEmulatorServer } from "@doffin/emulator-nav";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_CSV_COLUMNS } from "../src/commands/jobs-export";
import { parseCsv } from "./csv-parse";
import { runCli } from "./run-cli";

/** `doffin jobs …` against the NAV emulator over real HTTP (`--direct`: core's NAV client). */

let nav: NavEmulatorServer;
let dir: string;
const d = (...args: string[]) => [
  "--direct",
  "--nav-url",
  nav.url,
  "--nav-feed-url",
  nav.url,
  "--rate",
  "1000",
  "jobs",
  ...args,
];
const truth = async (q: string): Promise<{ total: number; uuids: string[] }> =>
  (await fetch(`${nav.url}/_emulator/truth/search?v=6&${q}`)).json() as never;

beforeAll(async () => {
  nav = await startNavEmulatorServer({
    port: 0,
    seed: 9,
    count: 400,
    now: "2026-11-23T12:00:00Z",
    waf: false,
  });
  dir = mkdtempSync(join(tmpdir(), "doffin-cli-jobs-"));
});
afterAll(() => nav.close());

describe("doffin jobs", () => {
  it("search: the page NAV's truth has, as JSON and as a table", async () => {
    const r = await runCli(
      d("search", "--county", "Oslo", "--sort", "published", "--limit", "7", "--page", "2", "--json"),
    );
    expect(r.code, r.stderr).toBe(0);
    const body = JobSearchResult.parse(JSON.parse(r.stdout));
    expect(body.jobs.map((j) => j.uuid)).toEqual(
      (await truth("county=OSLO&sort=published")).uuids.slice(7, 14),
    );
    const table = await runCli(d("search", "--limit", "3"), { env: { COLUMNS: "120" } });
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[0]).toMatch(/^UUID\s+PUBLISHED/);
  });

  it("refuses a bad flag with the contract's message, named by the flag (exit 2, no request)", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--county", "Osloo"], /--county: unknown county "Osloo"; did you mean OSLO/],
      [["--sector", "publik"], /--sector: unknown sector "publik"; did you mean public\?/],
      [["--limit", "0"], /--limit: limit must be at least 1/],
      [["--page", "2", "--offset", "3"], /--offset: give page or offset/],
      [["--page", "401"], /--page: NAV serves only the first 10000 hits/],
      [["--published", "yesterday"], /--published: unknown published/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(d("search", ...args));
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it("show and facets", async () => {
    const [uuid] = (await truth("sort=published")).uuids;
    const show = await runCli(d("show", uuid ?? "", "--json"));
    expect(show.code, show.stderr).toBe(0);
    expect(JSON.parse(show.stdout).uuid).toBe(uuid);
    const missing = await runCli(d("show", "00000000-0000-4000-8000-000000000000"));
    expect(missing.code).toBe(3); // EXIT.notFound
    const facets = await runCli(d("facets", "--county", "Oslo", "--json"));
    expect(facets.code, facets.stderr).toBe(0);
    expect(JSON.parse(facets.stdout).total).toBe((await truth("county=OSLO")).total);
  });

  it("export: past the result window by splitting on facets, every ad exactly once", async () => {
    const all = await truth("");
    const out = join(dir, "jobs.csv");
    // A 60-hit window stands in for NAV's 10000 (the emulator holds 400 ads): forces county splits.
    const r = await runCli(d("export", "--format", "csv", "-o", out, "--window", "60"));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`exported ${all.total} of ${all.total} ads in \\d+ slices`));
    const rows = parseCsv(readFileSync(out, "utf8"));
    expect(rows[0]).toEqual(JOB_CSV_COLUMNS);
    const uuids = rows.slice(1).map((row) => row[0]);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect([...uuids].sort()).toEqual([...all.uuids].sort());
    const ndjson = await runCli(d("export", "--county", "Oslo"));
    expect(ndjson.code).toBe(0);
    expect(ndjson.stdout.trim().split("\n").length).toBe((await truth("county=OSLO")).total);
  });

  it("changes needs the gateway", async () => {
    const r = await runCli(d("changes"));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/drop --direct/);
  });
});
