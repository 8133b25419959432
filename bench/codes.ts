/**
 * Code-list look-up cost and data size.
 *
 *   cd /work/main && . scripts/env.sh && cd bench && pnpm exec tsx codes.ts
 *
 * Prints the gzipped size of the generated data modules, the cold load time of the CPV data module
 * (parse + evaluate in fresh Node processes, median of 7) and of the lazily built indexes, then the
 * throughput of the hot look-ups as ops/s and µs/op. Figures, not assertions: nothing here fails a build.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(here, "../packages/core/src/codes/data");

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
const pad = (cells: string[], widths: number[]): string =>
  cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
const printTable = (title: string, header: string[], rows: string[][]): void => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  console.log(`\n${title}`);
  console.log(pad(header, widths));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(pad(row, widths));
};

// 1. Size of what a Worker bundle carries.
const sizeRows = ["cpv.ts", "locations.ts"].map((name) => {
  const bytes = readFileSync(join(dataDir, name));
  return [name, kib(bytes.length), kib(gzipSync(bytes, { level: 9 }).length)];
});
printTable("Generated data modules", ["file", "raw", "gzip -9"], sizeRows);

// 2. Cold load of the data module as a Worker would see it: plain JS (the module has no types), in fresh
// processes, minus the cost of importing an empty module (process and loader start-up).
const scratch = mkdtempSync(join(tmpdir(), "doffin-codes-bench-"));
writeFileSync(join(scratch, "cpv.mjs"), readFileSync(join(dataDir, "cpv.ts")));
writeFileSync(join(scratch, "empty.mjs"), "export {};\n");
const importMs = (file: string): number => {
  const url = pathToFileURL(join(scratch, file)).href;
  const script = `const t = performance.now(); await import(${JSON.stringify(url)}); console.log(performance.now() - t);`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  return Number.parseFloat(child.stdout.trim());
};
const coldRuns: number[] = [];
for (let run = 0; run < 7; run++) coldRuns.push(importMs("cpv.mjs") - importMs("empty.mjs"));
rmSync(scratch, { recursive: true, force: true });

// 3. First use in this process: import of the code-list module, then the lazily built indexes.
const t0 = performance.now();
const codes = await import("../packages/core/src/codes/index");
const cpvInternals = await import("../packages/core/src/codes/cpv");
const codesImportMs = performance.now() - t0;
const t1 = performance.now();
codes.getCpv("72000000");
const storeMs = performance.now() - t1;
const t2 = performance.now();
codes.searchCpvPage("programvare");
const searchIndexMs = performance.now() - t2;
const t3 = performance.now();
codes.resolveLocation("Oslo");
const locationIndexMs = performance.now() - t3;
const t4 = performance.now();
codes.cpvTree();
const treeMs = performance.now() - t4;
const rebuilds: number[] = [];
for (let i = 0; i < 10; i++) {
  const t = performance.now();
  cpvInternals.buildCpvStore();
  rebuilds.push(performance.now() - t);
}

printTable(
  "Cold start (ms)",
  ["step", "ms"],
  [
    [`CPV data module as JS, fresh process (median of ${coldRuns.length})`, median(coldRuns).toFixed(2)],
    ["import codes/index (tsx, this process)", codesImportMs.toFixed(2)],
    ["first getCpv: build CPV store (parents, levels, index)", storeMs.toFixed(2)],
    ["first searchCpvPage: fold all nb + en labels", searchIndexMs.toFixed(2)],
    ["first resolveLocation: build location store", locationIndexMs.toFixed(2)],
    ["first cpvTree: nested tree of 9,454 nodes", treeMs.toFixed(2)],
    ["rebuild CPV store, warm (median of 10)", median(rebuilds).toFixed(2)],
  ],
);

// 4. Hot look-ups.
const bench = (name: string, inputs: readonly string[], fn: (input: string) => unknown): string[] => {
  let sink = 0;
  for (let i = 0; i < 200; i++) sink += fn(inputs[i % inputs.length] as string) ? 1 : 0;
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < 400) {
    for (let i = 0; i < 50; i++) sink += fn(inputs[(ops + i) % inputs.length] as string) ? 1 : 0;
    ops += 50;
    elapsed = performance.now() - start;
  }
  if (sink < 0) console.log(sink); // keeps the calls observable so they are not optimised away
  const perOpUs = (elapsed * 1000) / ops;
  return [name, Math.round(1e6 / perOpUs).toLocaleString("en"), perOpUs.toFixed(2)];
};

const cpvCodes = codes.cpvList().map((c) => c.code);
const sample = cpvCodes.filter((_, i) => i % 97 === 0);
// 40 distinct label words: more than the 16 rankings the paged search keeps, so every call ranks afresh.
const freshWords = [
  ...new Set(
    codes
      .cpvList()
      .filter((_, i) => i % 211 === 0)
      .flatMap((c) => codes.foldText(c.nameNb).split(" "))
      .filter((w) => w.length >= 6),
  ),
].slice(0, 40);
const secondPage = (q: string) => codes.searchCpvPage(q, { limit: 20 }).nextCursor ?? undefined;
const cursors = new Map(["programvare", "tjenester", "skole"].map((q) => [q, secondPage(q)]));
printTable(
  "Look-ups",
  ["operation", "ops/s", "µs/op"],
  [
    bench("getCpv (8 digits)", sample, (c) => codes.getCpv(c)),
    bench("getCpv (with check digit)", ["45000000-7", "72000000-5"], (c) => codes.getCpv(c)),
    bench("cpvAncestors", sample, (c) => codes.cpvAncestors(c)),
    bench("cpvChildren", sample, (c) => codes.cpvChildren(c)),
    bench("expandCpvPattern (72*, 7221*, code)", ["72*", "7221*", "45000000-7"], (c) =>
      codes.expandCpvPattern(c),
    ),
    bench(
      "searchCpv (4 words, nb/en, limit 20; rankings kept)",
      ["programvare", "cleaning", "asfalt", "skole"],
      (q) => codes.searchCpv(q),
    ),
    bench("searchCpv (code prefix)", ["7221", "45", "0311"], (q) => codes.searchCpv(q)),
    bench(`searchCpvPage (first page, ${freshWords.length} distinct words, ranked afresh)`, freshWords, (q) =>
      codes.searchCpvPage(q),
    ),
    bench("searchCpvPage (next page by cursor, ranking kept)", [...cursors.keys()], (q) =>
      codes.searchCpvPage(q, { cursor: cursors.get(q) }),
    ),
    bench("searchCpvPage (code prefix, limit 100)", ["7221", "45", "0311"], (q) =>
      codes.searchCpvPage(q, { limit: 100 }),
    ),
    bench("searchLocationsPage (code / name / typo)", ["NO08", "Oslo", "Vestland", "Osloo"], (q) =>
      codes.searchLocationsPage(q),
    ),
    bench("suggestCpv (digit typo)", ["7200000", "72000001"], (q) => codes.suggestCpv(q)),
    bench("suggestCpv (word typo)", ["programvre", "renhlod"], (q) => codes.suggestCpv(q)),
    bench("resolveLocation (code)", ["NO081", "no0a2", "NO082"], (q) => codes.resolveLocation(q)),
    bench("resolveLocation (name)", ["Oslo", "Vestland fylke", "Viken", "More og Romsdal"], (q) =>
      codes.resolveLocation(q),
    ),
    bench("resolveLocation (typo → suggestions)", ["Osloo", "Vestlan"], (q) => codes.resolveLocation(q)),
    bench("facetLabel (type / location / cpv)", ["type", "location", "cpv"], (f) =>
      codes.facetLabel(
        f as "type" | "location" | "cpv",
        f === "type" ? "RESULT" : f === "location" ? "NO0A2" : "72000000",
      ),
    ),
  ],
);
