/**
 * The repeatable suite (issue 13, item 7): `pnpm --dir bench exec tsx suite/run.ts [fuzz faults contention load]`.
 * One demo stack (scripts/demo.sh on free ports, churn off; starting it takes ~2 minutes on 2 cores, so the
 * parts share it); with contention chosen, the tracker gets a backfill to run (BACKFILL_FROM). Parts run in
 * the order given, each leaves the emulator without faults. Prints one table per part.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { contention } from "./contention";
import { faults } from "./faults";
import { fuzz } from "./fuzz";
import { type Urls, withStack } from "./lib";
import { load } from "./load";

const parts: Record<string, (urls: Urls) => Promise<string>> = { fuzz, faults, contention, load };
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(parts);
for (const name of chosen)
  if (!parts[name]) throw new Error(`unknown part ${name}; parts: ${Object.keys(parts).join(", ")}`);
// The emulator's whole year (SUITE_BACKFILL_DAYS): 60 days were harvested during demo.sh's priming
// ticks already, so the backfill was done before contention started.
const days = Number(process.env.SUITE_BACKFILL_DAYS ?? 365);
const backfillFrom = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
// The stack's local state (D1, KV, the Rate Limiting binding's counters) on tmpfs, as in bench/api-auth.ts:
// Miniflare commits every limiter count to SQLite, and on a disk shared with other jobs that commit
// (≈14 ms) is what the load part measured. `SUITE_STATE_DIR=/tmp` keeps it on disk.
const stateRoot = process.env.SUITE_STATE_DIR ?? (existsSync("/dev/shm") ? "/dev/shm" : undefined);
const stateDir = stateRoot ? mkdtempSync(join(stateRoot, "doffin-suite-")) : undefined;
if (stateDir) process.env.TMPDIR = stateDir;
console.log(`suite: local state under ${stateDir ?? "the default tmpdir"}`);
await withStack(
  async (urls) => {
    for (const name of chosen) {
      console.log(`\n=== suite: ${name}`);
      await parts[name]?.(urls);
    }
  },
  chosen.includes("contention") ? { BACKFILL_FROM: backfillFrom } : {},
);
if (stateDir) rmSync(stateDir, { recursive: true, force: true });
