import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliWording } from "../src/errors";
import { createProgress } from "../src/export/progress";
import { scanExistingOutput } from "../src/export/scan";
import { parseSearchOptions, SEARCH_FIELDS } from "../src/filters";
import { CSV_COLUMNS, csvRecord, guardFormula, quoteCsv } from "../src/output/csv";
import { renderTable, truncate } from "../src/output/table";
import { throttle } from "../src/transport/rate-limit";
import { parseCsv } from "./csv-parse";
import { makeCorpus } from "./fake-gateway";

describe("CSV cells", () => {
  it("prefixes formula starters with a quote and leaves other text alone", () => {
    for (const s of ["=1+1", "+47", "-5", "@SUM(A1)", "\tx", "\rx"]) expect(guardFormula(s)).toBe(`'${s}`);
    for (const s of ["Skole", "2026-100001", "", "a=b", "'quoted"]) expect(guardFormula(s)).toBe(s);
  });

  it("quotes only fields that need it, doubling inner quotes (RFC 4180)", () => {
    expect(quoteCsv("plain")).toBe("plain");
    expect(quoteCsv("a,b")).toBe('"a,b"');
    expect(quoteCsv('say "hi"')).toBe('"say ""hi"""');
    expect(quoteCsv("two\nlines")).toBe('"two\nlines"');
  });

  it("writes one record per notice with every column, readable by an RFC 4180 parser", () => {
    const [n] = makeCorpus([1]);
    if (!n) throw new Error("corpus is empty");
    const tricky = { ...n, heading: '=cmd|" /C calc"!A0, and more', locations: ["NO081", "NO0A2"] };
    const rows = parseCsv(`${csvRecord(tricky)}\r\n`);
    expect(rows).toHaveLength(1);
    const row = rows[0] ?? [];
    expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(row[CSV_COLUMNS.indexOf("heading")]).toBe(`'${tricky.heading}`);
    expect(row[CSV_COLUMNS.indexOf("locations")]).toBe("NO081; NO0A2");
    expect(row[CSV_COLUMNS.indexOf("org_numbers")]).toBe("974760673");
  });
});

describe("tables", () => {
  it("truncates with an ellipsis and keeps rows within the width", () => {
    expect(truncate("abcdefgh", 5)).toBe("abcd…");
    expect(truncate("æøå", 3)).toBe("æøå");
    const rows = [{ a: "1", b: "x".repeat(200) }];
    const out = renderTable(
      rows,
      [
        { header: "A", value: (r) => r.a },
        { header: "B", value: (r) => r.b, flex: true },
      ],
      40,
    );
    for (const line of out.split("\n")) expect(Array.from(line).length).toBeLessThanOrEqual(40);
    expect(out.split("\n")[1]?.endsWith("…")).toBe(true);
  });
});

describe("filters", () => {
  it("normalizes repeatable, comma-separated, case-insensitive values through the contract", () => {
    const f = parseSearchOptions(SEARCH_FIELDS, ["  skole  "], {
      type: ["result", "COMPETITION"],
      status: ["active"],
      limit: "50",
    });
    expect(f).toEqual({
      q: "skole",
      type: ["RESULT", "COMPETITION"],
      status: ["ACTIVE"],
      page: 1,
      limit: 50,
      facets: true,
    });
  });

  it("rejects impossible dates and pages past the cap, naming the flag", () => {
    const bad = (o: Record<string, unknown>) => () => parseSearchOptions(SEARCH_FIELDS, [], o);
    expect(bad({ publishedFrom: "2026-13-01" })).toThrow(/^--published-from: use a real date as YYYY-MM-DD$/);
    expect(bad({ page: "6", limit: "200" })).toThrow(/^--limit: must be between 1 and 100(;|$)/);
    expect(bad({ page: "21", limit: "50" })).toThrow(/^--page: --page × --limit must be ≤ 1000/);
    expect(bad({ page: "0" })).toThrow(/^--page: must be at least 1$/);
    expect(bad({ cpv: ["9999*"] })).toThrow(/^--cpv: /);
  });

  it("words hints for the command line: no HTTP paths, the CLI's commands and flags", () => {
    expect(cliWording("unknown code; search the list with GET /v1/codes/cpv?q=…")).toBe(
      "unknown code; search the list with `doffin codes cpv <words>`",
    );
    expect(cliWording("use a NUTS code (see GET /v1/codes/locations)")).toBe(
      "use a NUTS code (see `doffin codes locations`)",
    );
    expect(cliWording("must not be after published_to")).toBe("must not be after --published-to");
    expect(cliWording("created given in both kind and exclude_kind")).toBe(
      "created given in both --kind and --exclude-kind",
    );
    expect(cliWording("The search query is not valid; see issues.")).toBe("The search query is not valid");
  });
});

describe("resume scanning", () => {
  const dir = mkdtempSync(join(tmpdir(), "doffin-cli-scan-"));

  it("reads CSV ids across quoted line breaks and cuts a torn last record", () => {
    const p = join(dir, "a.csv");
    writeFileSync(p, 'id,heading\r\n2026-1,"two\r\nlines"\r\n2026-2,ok\r\n2026-3,"torn');
    const scan = scanExistingOutput(p, "csv");
    expect([...scan.ids]).toEqual(["2026-1", "2026-2"]);
    expect(scan.hasHeader).toBe(true);
    expect(readFileSync(p, "utf8")).toBe('id,heading\r\n2026-1,"two\r\nlines"\r\n2026-2,ok\r\n');
  });

  it("reads NDJSON ids and cuts a torn last line", () => {
    const p = join(dir, "a.ndjson");
    writeFileSync(p, '{"id":"2026-1","heading":"Æ"}\n{"id":"2026-2"}\n{"id":"20');
    const scan = scanExistingOutput(p, "ndjson");
    expect([...scan.ids]).toEqual(["2026-1", "2026-2"]);
    expect(scan.truncatedBytes).toBe(Buffer.byteLength('{"id":"20'));
  });
});

describe("progress", () => {
  it("draws a bar on a TTY and nothing when quiet", () => {
    let out = "";
    const p = createProgress({ mode: "bar", total: 200, start: 0, write: (s) => (out += s), now: () => 0 });
    p.update(200);
    p.finish();
    expect(out).toMatch(/^\r\[#+\] 200\/200 100%/);
    let quiet = "";
    createProgress({ mode: "quiet", total: 10, start: 0, write: (s) => (quiet += s) }).update(5);
    expect(quiet).toBe("");
  });
});

describe("rate cap", () => {
  it("spaces request starts at least 1/rate apart", async () => {
    const waits: number[] = [];
    let calls = 0;
    const fake = (async () => {
      calls++;
      return new Response("{}");
    }) as typeof fetch;
    // A frozen clock: three requests at once must wait 0, 250 and 500 ms at 4 requests/s.
    const limited = throttle(4, fake, {
      now: () => 0,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await Promise.all([limited("a"), limited("b"), limited("c")]);
    expect(waits).toEqual([250, 500]);
    expect(calls).toBe(3);
  });
});
