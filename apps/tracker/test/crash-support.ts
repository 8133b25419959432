import { expect } from "vitest";

/**
 * What the crash-safety tests (crash.test.ts, crash-contract.test.ts) share: a first sweep at NOW, upstream
 * changes, a second sweep at LATER — cut off after every k upstream calls, each cut-off run compared with
 * the uninterrupted one.
 */

export const NOW = "2026-11-20T12:00:00.000Z";
export const LATER = "2026-11-20T12:15:00.000Z";

/** 250 notices from August up to NOW; each test picks its own seed. */
export const crashCorpus = (seed: number) => ({
  seed,
  count: 250,
  from: "2026-08-01",
  to: "2026-11-20",
  now: NOW,
});

/** The kinds of event (`created`, `withdrawn`, …) in an `eventSet`. */
export const eventKinds = (events: string[]) => new Set(events.map((e) => e.split("|")[2]));

/**
 * The crash-safety loop: for every cut-off point k = 0, step, 2·step, … ≤ `calls`, the scenario cut off after
 * k upstream calls must reproduce each of `keys` of the uninterrupted run `clean`.
 */
export async function expectConvergesAtEveryCut<T>(
  clean: T,
  calls: number,
  cutAfter: (k: number) => Promise<T>,
  keys: ReadonlyArray<keyof T>,
  step = 1,
): Promise<void> {
  for (let k = 0; k <= calls; k += step) {
    const run = await cutAfter(k);
    for (const key of keys) expect(run[key], `crash after ${k} calls`).toEqual(clean[key]);
  }
}
