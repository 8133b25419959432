import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OCDS_FILTER_PARAMS, OcdsRecordsQuery, OcdsReleasesQuery } from "@doffin/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess } from "./run-cli";

/**
 * `doffin ocds …` against a stand-in gateway on 127.0.0.1 that pages three releases two at a time
 * (links.next) and answers bad filters with the gateway's error envelope.
 */
let server: Server;
let base = "";
const seen: string[] = [];
const releases = [1, 2, 3].map((i) => ({
  ocid: `ocds-xxxxxx-p${i}`,
  id: `r${i}`,
  date: "2026-11-01T00:00:00Z",
  tag: ["tender"],
}));

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    seen.push(url.pathname + url.search);
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (url.searchParams.get("contract_type") === "food")
      return json(400, {
        error: {
          code: "invalid_request",
          message: "The request is not valid; see issues.",
          requestId: "req-1",
          issues: [{ path: "query.contract_type", message: "use goods, works or services" }],
        },
      });
    const start = Number(url.searchParams.get("cursor") ?? 0);
    const page = releases.slice(start, start + 2);
    const next = start + 2 < releases.length ? `${base}${url.pathname}?cursor=${start + 2}` : undefined;
    const key = url.pathname.startsWith("/ocds/records") ? "records" : "releases";
    const items = key === "records" ? page.map((r) => ({ ocid: r.ocid, releases: [r] })) : page;
    return json(200, { version: "1.1", [key]: items, ...(next ? { links: { next } } : {}) });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const cli = (argv: string[]) => runInProcess(["--base-url", base, ...argv]);

describe("doffin ocds", () => {
  it("releases: one page, filters passed by their contract names", async () => {
    seen.length = 0;
    const r = await cli([
      "ocds",
      "releases",
      "--buyer",
      "974760673",
      "--contract-type",
      "works",
      "--page-size",
      "2",
    ]);
    expect(r.code).toBe(0);
    expect(seen).toEqual(["/ocds/releases?buyer=974760673&contract_type=works&page_size=2"]);
    expect(JSON.parse(r.stdout).releases.map((x: { id: string }) => x.id)).toEqual(["r1", "r2"]);
  });

  it("records --no-embed asks for linked releases", async () => {
    seen.length = 0;
    expect((await cli(["ocds", "records", "--no-embed"])).code).toBe(0);
    expect(seen).toEqual(["/ocds/records?embed=false"]);
  });

  it("export follows links.next to the end and writes NDJSON, to stdout or a file", async () => {
    const r = await cli(["ocds", "export", "--year", "2026"]);
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l).id),
    ).toEqual(["r1", "r2", "r3"]);
    expect(r.stderr).toContain("3 releases written");
    const file = join(tmpdir(), `doffin-ocds-${process.pid}.ndjson`);
    expect((await cli(["ocds", "export", "--records", "-o", file])).code).toBe(0);
    expect(readFileSync(file, "utf8").trimEnd().split("\n")).toHaveLength(3);
  });

  it("a value the gateway refuses is a usage error (exit 2) naming the issue", async () => {
    const bad = await cli(["ocds", "releases", "--contract-type", "food"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("use goods, works or services");
    expect((await cli(["ocds", "releases", "--item", "72"])).code).toBe(2);
    expect((await cli(["--direct", "ocds", "releases"])).stderr).toContain("needs a gateway");
  });

  it("every field of core's OCDS query contract is a flag of each command, with its help", async () => {
    const help = async (sub: string) => (await cli(["ocds", sub, "--help"])).stdout;
    const [releases, records, exp] = [await help("releases"), await help("records"), await help("export")];
    expect(OCDS_FILTER_PARAMS).toHaveLength(13);
    for (const p of OCDS_FILTER_PARAMS) {
      const flag = `--${p.replace(/_/g, "-")} <value>`;
      for (const text of [releases, records, exp]) expect(text, p).toContain(flag);
    }
    for (const p of Object.keys(OcdsReleasesQuery.shape).filter(
      (k) => !OCDS_FILTER_PARAMS.includes(k as never),
    ))
      expect(releases, p).toContain(`--${p.replace(/_/g, "-")} <value>`);
    expect(records).toContain("--no-embed");
    expect(Object.keys(OcdsRecordsQuery.shape)).toEqual([...Object.keys(OcdsReleasesQuery.shape), "embed"]);
    // help comes from the contract: description and allowed values
    expect(releases).toMatch(
      /--contract-type <value>\s+Main procurement category[^\n]*\n?[^\n]*one of goods, works, services/,
    );
  });

  /** Bad values: the CLI says what the contract (and so the REST 400, see the tracker's ocds-api test) says. */
  const BAD: [string, string, string][] = [
    ["year", "26", "--year"],
    ["cpv", "abc", "--cpv"],
    ["tag", "tendr", "--tag"],
    ["contract_type", "food", "--contract-type"],
    ["award_criteria", "cheap", "--award-criteria"],
    ["buyer_country", "NOR", "--buyer-country"],
    ["date_from", "yesterday", "--date-from"],
    ["buyer", "x", "--buyer"],
    ["page_size", "1001", "--page-size"],
  ];
  it.each(BAD)(
    "%s=%s: exit 2 before any request, with the contract's message",
    async (param, value, flag) => {
      const parsed = OcdsReleasesQuery.safeParse({ [param]: value });
      expect(parsed.success).toBe(false);
      const message = parsed.error?.issues[0]?.message ?? "";
      expect(message.length).toBeGreaterThan(0);
      seen.length = 0;
      const r = await cli(["ocds", "releases", flag, value]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`doffin: ${flag}: ${message}\n`);
      expect(seen).toEqual([]);
    },
  );
});
