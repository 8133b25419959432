/**
 * The repeatable suite (issue 13, item 7): `pnpm --dir bench exec tsx suite/run.ts [fuzz faults contention load]`.
 * One demo stack (scripts/demo.sh on free ports, churn off; starting it takes ~2 minutes on 2 cores, so the
 * parts share it) with the tracker's backfill configured, so contention has one to run; parts run in the
 * order given and each leaves the emulator without faults. Prints one table per part.
 */
import { fuzz } from "./fuzz";
import { type Urls, withStack } from "./lib";

const parts: Record<string, (urls: Urls) => Promise<string>> = { fuzz };
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(parts);
for (const name of chosen) if (!parts[name]) throw new Error(`unknown part ${name}; parts: ${Object.keys(parts).join(", ")}`);
const backfillFrom = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
await withStack(
  async (urls) => {
    for (const name of chosen) {
      console.log(`\n=== suite: ${name}`);
      await parts[name]?.(urls);
    }
  },
  { BACKFILL_FROM: backfillFrom },
);
