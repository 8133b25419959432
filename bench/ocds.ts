/**
 * OCDS record compilation throughput of @doffin/core: the incremental path (`extendCompiledRelease`, one new
 * release onto the stored compiled release) against the full merge (`compileRelease` over every release of the
 * ocid), measured in the same run on the same releases.
 *
 * Run from the repository root:
 *   . scripts/env.sh && pnpm --dir bench exec tsx ocds.ts
 * Optional: BENCH_VERSIONS=20 (releases per procedure), BENCH_ROUNDS=5.
 *
 * Inputs: the releases mapped from the 14 real Doffin eForms notices (fixtures/doffin/public-api/download), each
 * grown into a procedure of BENCH_VERSIONS releases of the same ocid, one a day, every later one a change notice
 * (its own amendment, a changed title, lot values moved) — the shape a tracked procedure's releases take.
 * "after each release" is what a tracker does when a notice arrives: the full merge re-merges all releases so far,
 * the incremental path extends the previous compiled release; the record rows do the same for compiled and
 * versioned release together (`buildRecord` vs `extendRecord`). Results are compared for equality.
 */
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import {
  buildRecord,
  compileRelease,
  EFORMS_MERGE_RULES,
  extendCompiledRelease,
  extendRecord,
  type JsonObject,
  mapEformsNotice,
  type OcdsRelease,
  parseEformsNotice,
  versionRelease,
} from "@doffin/core";

const VERSIONS = Number(process.env.BENCH_VERSIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DOWNLOADS = new URL("../fixtures/doffin/public-api/download/", import.meta.url);

const base: OcdsRelease[] = readdirSync(DOWNLOADS)
  .filter((f) => f.endsWith(".xml"))
  .sort()
  .flatMap((f) =>
    mapEformsNotice(
      parseEformsNotice(readFileSync(new URL(f, DOWNLOADS), "utf8"), { doffinId: f.replace(/\.xml$/, "") }),
    ),
  );

const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().replace(".000Z", "Z");

/** One procedure: the real release, then VERSIONS − 1 change releases of the same ocid. */
const procedureOf = (r: OcdsRelease, p: number): OcdsRelease[] =>
  Array.from({ length: VERSIONS }, (_, v) => {
    const next = structuredClone(r) as OcdsRelease & { tender?: JsonObject };
    next.ocid = `ocds-xxxxxx-bench-${p}`;
    next.id = `${r.id}-v${v}`;
    next.date = day(v);
    if (v > 0 && next.tender) {
      next.tender.title = `${String(next.tender.title ?? "")} (endring ${v})`;
      next.tender.amendments = [{ id: `${r.id}-v${v}`, date: next.date, description: `endring ${v}` }];
      for (const lot of (next.tender.lots as JsonObject[] | undefined) ?? [])
        if (lot.value && typeof lot.value === "object") (lot.value as JsonObject).amount = 1000 * v;
    }
    return next;
  });
const procedures = base.map(procedureOf);
const total = procedures.length * VERSIONS;

const time = (fn: () => void): number => {
  const best: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    fn();
    best.push(performance.now() - t);
  }
  return Math.min(...best);
};

let sink = 0;
const fullAfterEach = time(() => {
  for (const releases of procedures)
    for (let n = 1; n <= releases.length; n++)
      sink += Object.keys(compileRelease(releases.slice(0, n), EFORMS_MERGE_RULES)).length;
});
const incrementalAfterEach = time(() => {
  for (const releases of procedures) {
    let compiled = compileRelease(releases.slice(0, 1), EFORMS_MERGE_RULES);
    for (const r of releases.slice(1)) compiled = extendCompiledRelease(compiled, r, EFORMS_MERGE_RULES);
    sink += Object.keys(compiled).length;
  }
});
const recordFullAfterEach = time(() => {
  for (const releases of procedures)
    for (let n = 1; n <= releases.length; n++) sink += buildRecord(releases.slice(0, n)).releases.length;
});
const recordIncrementalAfterEach = time(() => {
  for (const releases of procedures) {
    let record = buildRecord(releases.slice(0, 1));
    for (const r of releases.slice(1)) record = extendRecord(record, r);
    sink += record.releases.length;
  }
});
const fullOnce = time(() => {
  for (const releases of procedures) sink += Object.keys(compileRelease(releases, EFORMS_MERGE_RULES)).length;
});
const versionedOnce = time(() => {
  for (const releases of procedures) sink += Object.keys(versionRelease(releases, EFORMS_MERGE_RULES)).length;
});
if (sink < 0) console.log(sink); // keeps the results observable

// The incremental result must be the full merge's, or the speed means nothing.
for (const releases of procedures) {
  let compiled = compileRelease(releases.slice(0, 1), EFORMS_MERGE_RULES);
  for (const r of releases.slice(1)) compiled = extendCompiledRelease(compiled, r, EFORMS_MERGE_RULES);
  if (JSON.stringify(compiled) !== JSON.stringify(compileRelease(releases, EFORMS_MERGE_RULES)))
    throw new Error("incremental compiled release differs from the full merge");
  let record = buildRecord(releases.slice(0, 1));
  for (const r of releases.slice(1)) record = extendRecord(record, r);
  if (JSON.stringify(record) !== JSON.stringify(buildRecord(releases)))
    throw new Error("incremental record differs from buildRecord");
}

const kb = Math.round(base.reduce((s, r) => s + JSON.stringify(r).length, 0) / base.length / 1024);
console.log(
  `${procedures.length} procedures × ${VERSIONS} releases (mean release ${kb} KB), best of ${ROUNDS}, Node ${process.version}, load ${loadavg()[0]?.toFixed(1)}`,
);
const row = (mode: string, ms: number, releases: number, vsFull?: number) => ({
  mode,
  releases,
  ms: ms.toFixed(1),
  "releases/s": Math.round((releases / ms) * 1000),
  "× full merge": vsFull === undefined ? "" : (vsFull / ms).toFixed(1),
});
console.table([
  row("full merge after each release", fullAfterEach, total, fullAfterEach),
  row("incremental after each release", incrementalAfterEach, total, fullAfterEach),
  row("record (compiled + versioned), full after each", recordFullAfterEach, total, recordFullAfterEach),
  row("record (compiled + versioned), incremental", recordIncrementalAfterEach, total, recordFullAfterEach),
  row("full merge once (compiled)", fullOnce, total),
  row("full merge once (versioned)", versionedOnce, total),
]);
