import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EmulatorServer, startEmulatorServer } from "@doffin/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openUpperBound } from "../src/export/run-export";
import { csvColumns } from "../src/output/csv";
import { parseCsv } from "./csv-parse";
import { type FakeGateway, makeCorpus, startFakeGateway } from "./fake-gateway";
import { ndjsonFileIds, oneErrorLine, runCli } from "./run-cli";

// Both clocks (the emulator's and the CLI's) stand at 23:45 UTC on 30 November = 00:45 on 1 December
// in Oslo (UTC+1). Two notices straddle the Oslo midnight: 23:30 on 30 November and 00:30 on
// 1 December, Oslo time — the same UTC day, so an export that cuts days in UTC ends a day early.
const NOW = "2026-11-30T23:45:00Z";
const EMU_NOW = NOW;
const CLI_NOW = NOW;
const LATE = { publishedAt: "2026-11-30T22:30:00Z" };
const EARLY = { publishedAt: "2026-11-30T23:30:00Z" };

/** An emulator with only the generated corpus (no captured fixtures) and no rate limit. */
const bareEmulator = (corpus: { seed: number; count: number; from: string; to: string; now: string }) =>
  startEmulatorServer({ port: 0, fixtures: false, rateLimit: false, ...corpus });

let emu: EmulatorServer;
let dir: string;
let late: string;
let early: string;
const d = (...args: string[]) => ["--direct", "--upstream-url", emu.url, "--rate", "1000", ...args];

beforeAll(async () => {
  emu = await bareEmulator({ seed: 11, count: 200, from: "2026-11-20", to: "2026-11-29", now: EMU_NOW });
  late = emu.emulator.publish({ ...LATE, heading: "Kveldskunngjøring" }).id;
  early = emu.emulator.publish({ ...EARLY, heading: "Nattkunngjøring" }).id;
  dir = mkdtempSync(join(tmpdir(), "doffin-cli-complete-"));
});
afterAll(() => emu.close());

describe("export day boundaries are Oslo days", () => {
  it("takes today in Oslo as the open upper bound, or the newest notice's day if later", () => {
    expect(openUpperBound("2026-01-01", Date.parse(CLI_NOW), "2026-11-20")).toBe("2026-12-01");
    expect(openUpperBound("2026-01-01", Date.parse("2026-06-30T21:59:00Z"), null)).toBe("2026-06-30");
    expect(openUpperBound("2026-01-01", Date.parse("2026-06-30T22:00:00Z"), null)).toBe("2026-07-01");
    expect(openUpperBound("2026-01-01", Date.parse(CLI_NOW), "2026-12-03")).toBe("2026-12-03");
    expect(openUpperBound("2027-01-01", Date.parse(CLI_NOW), null)).toBe("2027-01-01");
  });

  it("delivers the notices at 23:30 and 00:30 Oslo time exactly once each", async () => {
    const out = join(dir, "boundary.ndjson");
    const r = await runCli(
      d("export", "--now", CLI_NOW, "--published-from", "2026-11-29", "-o", out, "--json", "-q"),
    );
    expect(r.code, r.stderr).toBe(0);
    const ids = ndjsonFileIds(out);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id === late)).toHaveLength(1);
    expect(ids.filter((id) => id === early)).toHaveLength(1);
    const summary = JSON.parse(r.stdout) as {
      total: number;
      written: number;
      complete: boolean;
      range: unknown;
    };
    expect(summary).toMatchObject({ complete: true, written: summary.total });
    expect(summary.range).toEqual({ from: "2026-11-29", to: "2026-12-01" });
  });

  it("puts each notice in its own Oslo day", async () => {
    const day = async (from: string, to: string) => {
      const out = join(dir, `day-${from}.ndjson`);
      const r = await runCli(d("export", "--published-from", from, "--published-to", to, "-o", out, "-q"));
      expect(r.code, r.stderr).toBe(0);
      return ndjsonFileIds(out);
    };
    const nov30 = await day("2026-11-30", "2026-11-30");
    const dec1 = await day("2026-12-01", "2026-12-01");
    expect(nov30).toContain(late);
    expect(nov30).not.toContain(early);
    expect(dec1).toEqual([early]);
  });
});

describe("an export that cannot be completed", () => {
  let full: EmulatorServer;
  beforeAll(async () => {
    // 1,001 award notices on one day: one (day, type) window over the cap, and awards carry no status
    // to split by, so one of them is out of Doffin's reach.
    full = await bareEmulator({
      seed: 3,
      count: 5,
      from: "2026-11-02",
      to: "2026-11-02",
      now: "2026-11-10T12:00:00Z",
    });
    for (let i = 0; i < 1001; i++) {
      full.emulator.publish({
        type: "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT",
        issueDate: "2026-11-03T09:00:00Z",
        publicationDate: "2026-11-03",
      });
    }
  });
  afterAll(() => full.close());

  it("exits 5 naming the window it could not finish", async () => {
    const out = join(dir, "overfull.ndjson");
    // Both runs export the one overfull day, 3 November.
    const exportNov3 = (to: string, ...more: string[]) =>
      runCli([
        ...["--direct", "--upstream-url", full.url, "--rate", "1000", "export"],
        ...["--published-from", "2026-11-03", "--published-to", "2026-11-03", "-o", to, ...more],
      ]);
    const r = await exportNov3(out);
    expect(r.code).toBe(5);
    const line = oneErrorLine(
      r.stderr
        .split("\n")
        .filter((l) => !l.startsWith("doffin: exported"))
        .join("\n"),
    );
    expect(line).toMatch(/export incomplete: wrote 1000 of 1001 counted notices \(1 missing\)/);
    expect(line).toContain("2026-11-03 ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT");
    expect(ndjsonFileIds(out)).toHaveLength(1000);
    const json = await exportNov3(join(dir, "overfull2.ndjson"), "--json");
    expect(json.code).toBe(5);
    const summary = JSON.parse(json.stdout) as {
      complete: boolean;
      missing: { count: number; windows: unknown[]; ids: string[] };
    };
    expect(summary.complete).toBe(false);
    expect(summary.missing.count).toBe(1);
    // The probe (newest first, another page size) walks the day in another order and finds the one
    // notice the harvest could not reach; it is not in the output.
    expect(summary.missing.ids).toHaveLength(1);
    expect(ndjsonFileIds(join(dir, "overfull2.ndjson"))).not.toContain(summary.missing.ids[0]);
    expect(line).toContain(`missing ids: ${summary.missing.ids[0]}`);
    expect(summary.missing.windows).toEqual([
      {
        from: "2026-11-03",
        to: "2026-11-03",
        type: "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT",
        reason: "over_cap",
      },
    ]);
  });
});

describe("an export whose upper bound falls short of the data", () => {
  // Five days in October; the CLI's clock says 3 October while the gateway already serves 4 and 5
  // October (an upstream clock ahead of ours). The fake gateway ignores the sort, so the count query's
  // one hit is the oldest and only the look past the upper bound finds the rest.
  const corpus = makeCorpus([20, 30, 40, 50, 60]);
  let gw: FakeGateway;
  beforeAll(async () => {
    gw = await startFakeGateway(corpus);
  });
  afterAll(() => gw.close());

  it("looks past it and delivers every counted notice once", async () => {
    const out = join(dir, "ahead.ndjson");
    const r = await runCli([
      "--base-url",
      gw.url,
      "--rate",
      "1000",
      "export",
      "--now",
      "2026-10-03T12:00:00Z",
      "--published-from",
      "2026-10-01",
      "-o",
      out,
      "--json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const ids = ndjsonFileIds(out);
    expect(ids).toHaveLength(corpus.length);
    expect(new Set(ids).size).toBe(corpus.length);
    expect(JSON.parse(r.stdout)).toMatchObject({ complete: true, range: { to: "2026-10-05" } });
  });
});

describe("--details", () => {
  let gw: FakeGateway;
  const corpus = makeCorpus([7]);
  beforeAll(async () => {
    gw = await startFakeGateway(corpus);
  });
  afterAll(() => gw.close());
  const g = (...args: string[]) => ["--base-url", gw.url, "--rate", "1000", ...args];

  it("adds a cpv column filled from each notice's detail, and leaves it out without", async () => {
    const withDetails = join(dir, "details.csv");
    const r = await runCli(g("export", "--format", "csv", "--details", "-o", withDetails, "-q"));
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(readFileSync(withDetails, "utf8"));
    expect(rows[0]).toEqual(csvColumns(true));
    const cpv = csvColumns(true).indexOf("cpv");
    expect(rows.slice(1).map((row) => row[cpv])).toEqual(corpus.map(() => "72200000"));
    const plain = join(dir, "plain.csv");
    expect((await runCli(g("export", "--format", "csv", "-o", plain, "-q"))).code).toBe(0);
    const header = parseCsv(readFileSync(plain, "utf8"))[0];
    expect(header).toEqual(csvColumns(false));
    expect(header).not.toContain("cpv");
  });

  it("fills cpvCodes in NDJSON and counts the detail requests", async () => {
    const out = join(dir, "details.ndjson");
    const r = await runCli(g("export", "--details", "-o", out, "--json"));
    expect(r.code, r.stderr).toBe(0);
    const records = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(corpus.length);
    for (const rec of records) {
      expect(rec.cpvCodes).toEqual(["72000000", "72200000"]);
      expect(rec).not.toHaveProperty("cpvDirect");
    }
    // count query + one page + one detail per notice
    expect(JSON.parse(r.stdout)).toMatchObject({ requests: 2 + corpus.length, detailsMissing: [] });
  });
});
