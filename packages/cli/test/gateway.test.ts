import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Notice, SearchResult } from "@doffin/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_COLUMNS } from "../src/output/csv";
import { parseCsv } from "./csv-parse";
import { type FakeGateway, makeCorpus, startFakeGateway } from "./fake-gateway";
import { ndjsonFileIds, ndjsonIds, oneErrorLine, runCli } from "./run-cli";

// 3,000 notices over five days; 2026-10-02 alone holds 1,200 (> the 1000-hit cap, split by type).
const PER_DAY = [300, 1200, 400, 700, 400];
const corpus = makeCorpus(PER_DAY);
let gw: FakeGateway;
let dir: string;
const g = (...args: string[]) => ["--base-url", gw.url, "--rate", "1000", ...args];

beforeAll(async () => {
  gw = await startFakeGateway(corpus);
  dir = mkdtempSync(join(tmpdir(), "doffin-cli-gw-"));
});
afterAll(() => gw.close());

describe("search through a gateway", () => {
  it("prints an aligned table with a heading column cut to the terminal width", async () => {
    const r = await runCli(g("search", "--limit", "5"), { env: { COLUMNS: "120" } });
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toMatch(/^ID\s+PUBLISHED\s+TYPE\s+STATUS\s+DEADLINE\s+BUYER\s+HEADING$/);
    const rows = lines.slice(1, 6);
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(Array.from(row).length).toBeLessThanOrEqual(120);
    expect(r.stdout).toContain(`1–5 of ${corpus.length.toLocaleString("en-US")} notices`);
    // 80 columns (also the default off a terminal): BUYER and PUBLISHED go so the heading keeps its
    // room, and the output says so.
    const narrow = await runCli(g("search", "--limit", "5"));
    const narrowLines = narrow.stdout.split("\n");
    expect(narrowLines[0]).toMatch(/^ID\s+TYPE\s+STATUS\s+DEADLINE\s+HEADING$/);
    for (const row of narrowLines.slice(1, 6)) expect(Array.from(row).length).toBeLessThanOrEqual(80);
    expect(narrow.stdout).toContain("(BUYER, PUBLISHED left out to fit: --wide shows every column)");
  });

  it("sends the filters and prints the API's result as JSON", async () => {
    const r = await runCli(
      g(
        "search",
        "--json",
        "--type",
        "COMPETITION",
        "--status",
        "active",
        "--published-from",
        "2026-10-03",
        "--limit",
        "7",
      ),
    );
    expect(r.code).toBe(0);
    const res = SearchResult.parse(JSON.parse(r.stdout));
    const expected = corpus.filter((n) => n.status === "ACTIVE" && (n.publishedOn ?? "") >= "2026-10-03");
    expect(res.total).toBe(expected.length);
    expect(res.items).toHaveLength(7);
    expect(res.items.every((n) => n.status === "ACTIVE")).toBe(true);
  });

  it("rejects bad input before any request, with exit 2 and one line", async () => {
    const before = gw.requests();
    for (const args of [
      ["search", "--published-from", "2026-02-30"],
      ["search", "--limit", "101"],
      ["search", "--page", "11", "--limit", "100"],
      ["search", "--sort", "cheapest"],
      ["search", "--type", "TENDER"],
      ["search", "--published-from", "2026-10-05", "--published-to", "2026-10-01"],
      ["notice", "not-an-id"],
      ["changes"],
      ["changes", "--since", "yesterday"],
      ["changes", "--since", "2026-11-20", "--kind", "moved"],
      ["changes", "--since", "2026-11-20", "--notice-id", "42"],
      ["frobnicate"],
    ]) {
      const r = await runCli(g(...args));
      expect(r.code, args.join(" ")).toBe(2);
      oneErrorLine(r.stderr);
    }
    expect(gw.requests()).toBe(before);
  });

  it("passes the gateway's 400 envelope message on with exit 2, naming the CLI's flag", async () => {
    // 45000000-7 passes core's contract (check digit allowed); this fake gateway rejects it.
    const r = await runCli(g("search", "--cpv", "45000000-7"));
    expect(r.code).toBe(2);
    expect(oneErrorLine(r.stderr)).toBe("doffin: Invalid query — --cpv: unknown CPV code");
  });

  it("rejects an unknown CPV code itself, before any request, with the contract's message", async () => {
    const before = gw.requests();
    const r = await runCli(g("search", "--cpv", "7x"));
    expect(r.code).toBe(2);
    expect(oneErrorLine(r.stderr)).toMatch(/^doffin: --cpv: /);
    expect(r.stderr).not.toMatch(/GET \/v1|query\./);
    expect(gw.requests()).toBe(before);
  });
});

describe("notice, changes and codes through a gateway", () => {
  it("shows a notice, as a view and as JSON", async () => {
    const id = corpus[3]?.id ?? "";
    const view = await runCli(g("notice", id));
    expect(view.code).toBe(0);
    expect(view.stdout).toMatch(new RegExp(`^Id\\s+${id}$`, "m"));
    expect(view.stdout).toMatch(/^Buyers\s+Kommune \d \(974760673\)$/m);
    const json = await runCli(g("--json", "notice", id));
    expect(Notice.parse(JSON.parse(json.stdout)).id).toBe(id);
  });

  it("exits 3 for an unknown notice", async () => {
    const r = await runCli(g("notice", "2026-999999"));
    expect(r.code).toBe(3);
    expect(oneErrorLine(r.stderr)).toBe("doffin: notice 2026-999999 was not found");
  });

  it("lists changes with typed before/after, and pages with the cursor", async () => {
    const r = await runCli(g("changes", "--since", "2026-11-20"));
    expect(r.code).toBe(0);
    // Kinds and values for people: Oslo wall-clock times (12:00Z = 13:00 in winter), status labels.
    expect(r.stdout).toMatch(
      /2026-100002\s+Deadline moved\s+Skoleskyss 2027\n\s+deadline 2026-12-01 13:00 → 2026-12-15 13:00/,
    );
    expect(r.stdout).toMatch(/2026-100004\s+Status changed\s+status Active → Cancelled/);
    const nb = await runCli(g("--lang", "nb", "changes", "--since", "2026-11-20"));
    expect(nb.stdout).toMatch(/2026-100004\s+Status endret\s+status Aktiv → Avlyst/);
    const p1 = await runCli(g("changes", "--since", "2026-11-20", "--limit", "2", "--json"));
    const page1 = JSON.parse(p1.stdout) as { items: { id: string }[]; nextCursor: string | null };
    expect(page1.items.map((i) => i.id)).toEqual(["1", "2"]);
    expect(page1.nextCursor).toBe("2");
    const p2 = await runCli(g("changes", "--since", "2026-11-20", "--limit", "2", "--cursor", "2", "--json"));
    expect((JSON.parse(p2.stdout) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual(["3"]);
  });

  it("orders, filters by several kinds and excludes kinds; shows the notice's heading when sent", async () => {
    const ids = async (...args: string[]) => {
      const r = await runCli(g("changes", "--since", "2026-11-20", "--json", ...args));
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { items: { id: string }[] }).items.map((i) => i.id);
    };
    expect(await ids("--order", "desc")).toEqual(["3", "2", "1"]);
    expect(await ids("--kind", "created", "--kind", "status_changed")).toEqual(["1", "3"]);
    expect(await ids("--kind", "created,status_changed")).toEqual(["1", "3"]);
    expect(await ids("--exclude-kind", "created")).toEqual(["2", "3"]);
    const table = await runCli(g("changes", "--since", "2026-11-20"));
    expect(table.stdout).toMatch(/^2026-11-20 10:00\s+2026-100002\s+Deadline moved\s+Skoleskyss 2027$/m);
    // An event without a notice summary (an older tracker) still prints, with an empty heading.
    expect(table.stdout).toMatch(/^2026-11-20 09:00\s+2026-100001\s+New$/m);
    const bad = await runCli(g("changes", "--since", "2026-11-20", "--order", "sideways"));
    expect(bad.code).toBe(2);
    expect(oneErrorLine(bad.stderr)).toMatch(/^doffin: --order: /);
    const follow = await runCli(g("changes", "--since", "2026-11-20", "--follow", "--order", "desc"));
    expect(follow.code).toBe(2);
    expect(oneErrorLine(follow.stderr)).toMatch(/--follow reads the feed oldest first/);
  });

  it("follows the feed, printing each change once across polls, until interrupted", async () => {
    const before = gw.requests();
    const r = await runCli(g("changes", "--since", "2026-11-20", "--follow", "--interval", "1", "--json"), {
      onSpawn: (child) => {
        // Interrupt after the first page and two more polls that return the newest change again.
        const timer = setInterval(() => {
          if (gw.requests() >= before + 3) {
            clearInterval(timer);
            child.kill("SIGINT");
          }
        }, 50);
        child.on("close", () => clearInterval(timer));
      },
    });
    expect(r.code).toBe(130);
    const ids = ndjsonIds(r.stdout);
    expect(ids).toEqual(["1", "2", "3"]);
  });

  it("says clearly that the change feed needs a gateway in direct mode", async () => {
    const r = await runCli(["--direct", "changes", "--since", "2026-11-20"]);
    expect(r.code).toBe(2);
    expect(oneErrorLine(r.stderr)).toMatch(/needs a gateway/);
  });

  it("prints the CPV tree indented and flags legacy locations", async () => {
    const cpv = await runCli(g("codes", "cpv"));
    expect(cpv.code).toBe(0);
    expect(cpv.stdout).toMatch(/^72000000\s+IT-tjenester$/m);
    expect(cpv.stdout).toMatch(/^ {2}72200000\s+Programmering$/m);
    const loc = await runCli(g("codes", "locations"));
    expect(loc.stdout).toMatch(/^NO082\s+Viken \(legacy → NO083, NO084, NO085\)$/m);
    const json = await runCli(g("codes", "locations", "--json"));
    expect(JSON.parse(json.stdout)).toHaveLength(2);
  });
});

describe("unreachable or failing gateways", () => {
  it("exits 4 naming the URL and suggesting npm run demo", async () => {
    const r = await runCli(["--base-url", "http://127.0.0.1:9", "search"]);
    expect(r.code).toBe(4);
    const line = oneErrorLine(r.stderr);
    expect(line).toContain("http://127.0.0.1:9");
    expect(line).toContain("npm run demo");
  });

  it("exits 4 when the gateway answers 5xx", async () => {
    const failing = await startFakeGateway([], { failWith: 503 });
    try {
      const r = await runCli(["--base-url", failing.url, "search"]);
      expect(r.code).toBe(4);
      expect(oneErrorLine(r.stderr)).toContain("HTTP 503");
    } finally {
      await failing.close();
    }
  });
});

describe("export through a gateway", () => {
  const ids = new Set(corpus.map((n) => n.id));

  it("writes every notice past the 1000-hit cap exactly once as NDJSON", async () => {
    const out = join(dir, "all.ndjson");
    const r = await runCli(
      g("export", "--published-from", "2026-10-01", "--published-to", "2026-10-05", "-o", out),
    );
    expect(r.code, r.stderr).toBe(0);
    const got = ndjsonFileIds(out);
    expect(got).toHaveLength(corpus.length);
    expect(new Set(got).size).toBe(corpus.length);
    expect(got.every((id) => ids.has(id))).toBe(true);
    expect(existsSync(`${out}.state.json`)).toBe(false);
    // Not a TTY: plain progress lines and a closing summary.
    expect(r.stderr).toMatch(/^doffin: exported 3000 of 3000 notices to /m);
  });

  it("writes RFC 4180 CSV with the fixed header and the formula guard", async () => {
    const out = join(dir, "all.csv");
    const r = await runCli(
      g("export", "--format", "csv", "--published-from", "2026-10-01", "-o", out, "--quiet"),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const rows = parseCsv(readFileSync(out, "utf8"));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const body = rows.slice(1);
    expect(body).toHaveLength(corpus.length);
    expect(new Set(body.map((row) => row[0])).size).toBe(corpus.length);
    for (const row of body) expect(row).toHaveLength(CSV_COLUMNS.length);
    const headings = body.map((row) => row[2] ?? "");
    expect(headings).toContain('\'=HYPERLINK("http://x")');
    expect(headings).toContain("'+47 drift");
    expect(headings).toContain("'@kontor");
    expect(headings).toContain('Vei, bro og "tunnel"');
    expect(headings).toContain("Linje 1\nLinje 2");
    expect(headings.some((h) => /^[=+\-@]/.test(h))).toBe(false);
  });

  it("resumes an export stopped by --max-requests without duplicates", async () => {
    const out = join(dir, "resumed.csv");
    const base = g(
      "export",
      "--format",
      "csv",
      "--published-from",
      "2026-10-01",
      "--published-to",
      "2026-10-05",
      "-o",
      out,
    );
    const first = await runCli([...base, "--max-requests", "9"]);
    expect(first.code).toBe(130);
    expect(first.stderr.trim().split("\n").at(-1)).toMatch(/^doffin: .*--resume/);
    expect(existsSync(`${out}.state.json`)).toBe(true);
    const partial = parseCsv(readFileSync(out, "utf8")).length - 1;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(corpus.length);

    const again = await runCli(base);
    expect(again.code).toBe(2);
    expect(oneErrorLine(again.stderr)).toMatch(/--resume/);

    const second = await runCli([...base, "--resume"]);
    expect(second.code, second.stderr).toBe(0);
    const rows = parseCsv(readFileSync(out, "utf8"));
    expect(rows.filter((r) => r[0] === "id")).toHaveLength(1);
    const got = rows.slice(1).map((r) => r[0]);
    expect(got).toHaveLength(corpus.length);
    expect(new Set(got).size).toBe(corpus.length);
    expect(existsSync(`${out}.state.json`)).toBe(false);
  });
});
