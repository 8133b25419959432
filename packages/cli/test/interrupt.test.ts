import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGateway, makeCorpus, startFakeGateway } from "./fake-gateway";
import { ndjsonFileIds, runCli } from "./run-cli";

const corpus = makeCorpus([500, 1100, 600, 800]);
let gw: FakeGateway;
let dir: string;

beforeAll(async () => {
  gw = await startFakeGateway(corpus);
  dir = mkdtempSync(join(tmpdir(), "doffin-cli-int-"));
});
afterAll(() => gw.close());

/** Sends `signal` once the export has written records and saved its state at least once. */
function killWhenStarted(out: string, signal: NodeJS.Signals) {
  return (child: ChildProcess) => {
    const timer = setInterval(() => {
      if (existsSync(`${out}.state.json`) && existsSync(out) && statSync(out).size > 0) {
        clearInterval(timer);
        child.kill(signal);
      }
    }, 20);
    child.on("close", () => clearInterval(timer));
  };
}

describe("an interrupted export", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`stops on ${signal} with exit 130 and resumes to a complete file without duplicates`, async () => {
      const out = join(dir, `${signal}.ndjson`);
      // A low --rate keeps the export running long enough to be interrupted half-way.
      const args = ["--base-url", gw.url, "export", "--published-from", "2026-10-01", "-o", out, "--quiet"];
      const first = await runCli(["--rate", "15", ...args], { onSpawn: killWhenStarted(out, signal) });
      expect(first.code).toBe(130);
      expect(first.stderr.trim()).toMatch(
        /^doffin: interrupted after \d+ of 3000 notices; run the same command with --resume/,
      );
      const partial = ndjsonFileIds(out).length;
      expect(partial).toBeLessThan(corpus.length);

      const second = await runCli(["--rate", "1000", ...args, "--resume"]);
      expect(second.code, second.stderr).toBe(0);
      const ids = ndjsonFileIds(out);
      expect(ids).toHaveLength(corpus.length);
      expect(new Set(ids).size).toBe(corpus.length);
      expect(existsSync(`${out}.state.json`)).toBe(false);
    });
  }

  it("drops a half-written last record before resuming", async () => {
    const out = join(dir, "torn.ndjson");
    const args = [
      "--base-url",
      gw.url,
      "--rate",
      "1000",
      "export",
      "--published-from",
      "2026-10-01",
      "-o",
      out,
      "-q",
    ];
    const first = await runCli([...args, "--max-requests", "6"]);
    expect(first.code).toBe(130);
    // Simulate dying mid-write: a record cut in half at the end of the file.
    const { appendFileSync } = await import("node:fs");
    appendFileSync(out, '{"id":"2026-1000');
    const second = await runCli([...args, "--resume"]);
    expect(second.code, second.stderr).toBe(0);
    const ids = ndjsonFileIds(out);
    expect(new Set(ids).size).toBe(corpus.length);
    expect(ids).toHaveLength(corpus.length);
  });
});
