import { createDoffinClient, type DoffinSource } from "@doffin/core";
import { type BackfillRun, runBackfill } from "./backfill";
import { configFrom, type TrackerConfig } from "./config";
import { pacedFetch } from "./pace";
import { runSweep, type SweepResult } from "./sweep";

export type TickResult = { now: string; sweep: SweepResult | null; backfill: BackfillRun | null };

/** The emulator's clock (demo mode), so "recent days" follow the emulated time. */
async function upstreamNow(config: TrackerConfig, fetchImpl: typeof fetch): Promise<Date> {
  const res = await fetchImpl(new URL("/_emulator/clock", config.upstreamBaseUrl));
  const body = (await res.json()) as { now?: unknown };
  if (typeof body.now !== "string" || Number.isNaN(Date.parse(body.now)))
    throw new Error("CLOCK=upstream but the upstream has no /_emulator/clock");
  return new Date(body.now);
}

/**
 * One cron tick: the sweep first; if it finished and budget is left, the backfill continues with the
 * rest. Everything the tick does is bounded by REQUEST_BUDGET upstream calls.
 */
export async function runTick(
  env: Env,
  scheduledTime: Date,
  deps: { source?: DoffinSource; fetch?: typeof fetch } = {},
): Promise<TickResult> {
  const config = configFrom(env as unknown as Record<string, unknown>);
  const fetchImpl = deps.fetch ?? fetch;
  const source =
    deps.source ??
    createDoffinClient({
      baseUrl: config.upstreamBaseUrl,
      kind: config.upstreamKind,
      ...(config.apiKey ? { apiKey: config.apiKey } : {}),
      fetch: pacedFetch(fetchImpl, config.pace),
    });
  const now = config.clock === "upstream" ? await upstreamNow(config, fetchImpl) : scheduledTime;
  const sweep =
    config.windowDays > 0 ? await runSweep({ source, db: env.DB, now, budget: config.budget, config }) : null;
  const left = config.budget - (sweep?.requestsThisRun ?? 0);
  const backfill =
    config.backfillFrom && (sweep === null || sweep.status === "done") && left > 0
      ? await runBackfill({ source, db: env.DB, now, budget: left, from: config.backfillFrom })
      : null;
  console.log(JSON.stringify({ msg: "tracker tick", now: now.toISOString(), sweep, backfill }));
  return { now: now.toISOString(), sweep, backfill };
}
