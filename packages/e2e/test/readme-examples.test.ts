import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { type Example, type ExampleBlock, extractExamples, rewritePorts } from "../src/examples";
import { judge, type Run } from "../src/verdict";

/**
 * Every README example marked `<!-- example: demo -->` runs against the offline stack (scripts/demo.sh)
 * and must return what its text promises: data where it promises data, the named status where it names
 * one. A reader who runs the README tour top to bottom sees what the README says.
 */

const root = fileURLToPath(new URL("../../..", import.meta.url));
const cli = join(root, "packages/cli/dist/doffin.js");
const readmes = execFileSync("git", ["ls-files", "*README.md"], { cwd: root, encoding: "utf8" })
  .split("\n")
  .filter((f) => f && !f.startsWith("fixtures/"));
const blocks: ExampleBlock[] = readmes.flatMap((f) =>
  extractExamples(f, readFileSync(join(root, f), "utf8")),
);
const runnable = blocks.flatMap((b) => b.examples.filter((e) => !e.skip));

/** `npm run [-s] doffin --` is the CLI; the examples call it the way the README's reader would. */
const asRun = (e: Example, ports: { api: number; tracker: number; emulator: number }) =>
  rewritePorts(e.command, ports).replace(/\bnpm run (?:-s )?doffin --/g, "doffin");

/** Paths a command writes (`-o x`, `--output x`, `> x`), resolved against its working directory. */
function writtenFiles(command: string, cwd: string): string[] {
  const names = [
    ...command.matchAll(/(?:^|\s)(?:-o|--output)\s+(\S+)/g),
    ...command.matchAll(/(?:^|[^\d&>])>\s*([^\s&|>]+)/g),
  ].map((m) => m[1] as string);
  return names.map((n) => (isAbsolute(n) ? n : join(cwd, n)));
}

function runBlock(block: ExampleBlock, ports: { api: number; tracker: number; emulator: number }) {
  const cwd = mkdtempSync(join(tmpdir(), "doffin-readme-"));
  const out = join(cwd, ".out");
  mkdirSync(out);
  const lines = [
    `doffin() { node ${JSON.stringify(cli)} "$@"; }`,
    `export DOFFIN_GATEWAY_URL=http://127.0.0.1:${ports.api}`,
    `export API=http://127.0.0.1:${ports.api}`,
    `cd ${JSON.stringify(cwd)}`,
  ];
  block.examples.forEach((e, i) => {
    if (e.skip) return;
    lines.push(
      `{ ${asRun(e, ports)}\n} >"${out}/${i}.out" 2>"${out}/${i}.err" </dev/null; echo $? >"${out}/${i}.rc"`,
    );
  });
  execFileSync("bash", ["-c", lines.join("\n")], { cwd, timeout: 840_000, stdio: "ignore" });
  return block.examples.map((e, i): Run | null => {
    if (e.skip) return null;
    const read = (ext: string) =>
      existsSync(`${out}/${i}.${ext}`) ? readFileSync(`${out}/${i}.${ext}`, "utf8") : "";
    const files: Record<string, string | null> = {};
    for (const f of writtenFiles(asRun(e, ports), cwd))
      files[f] = existsSync(f) ? readFileSync(f, "utf8") : null;
    return { stdout: read("out"), stderr: read("err"), exitCode: Number(read("rc").trim() || 1), files };
  });
}

describe("README examples", () => {
  it("are there to run (a marker lost in an edit would silently test nothing)", () => {
    expect(readmes.length).toBeGreaterThan(3);
    expect(runnable.length).toBeGreaterThanOrEqual(25);
  });

  it("have the tools they use (scripts/setup.sh installs curl and jq)", () => {
    for (const tool of ["curl", "jq"])
      expect(
        () => execFileSync("bash", ["-c", `command -v ${tool}`], { stdio: "ignore" }),
        tool,
      ).not.toThrow();
  });

  it("skip only what cannot finish on its own or needs a browser", () => {
    const skipped = blocks.flatMap((b) => b.examples.filter((e) => e.skip));
    for (const e of skipped) expect(["opens a browser", "runs until stopped"]).toContain(e.skip);
  });

  for (const block of blocks) {
    describe(`${block.file}:${block.line}`, () => {
      let runs: Array<Run | null> = [];
      beforeAll(() => {
        runs = runBlock(block, inject("stackPorts"));
      });
      block.examples.forEach((e, i) => {
        if (e.skip) return;
        it(`line ${e.line}: ${e.command.slice(0, 90)}`, () => {
          const run = runs[i];
          expect(run).toBeTruthy();
          expect(judge(run as Run, e.expect)).toEqual([]);
        });
      });
    });
  }
});
