import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
});
