import { createDoffinClient, type DoffinSource } from "@doffin/core";
import { type BackfillRun, runBackfill } from "./backfill";
import { configFrom } from "./config";
import { upstreamPacing } from "./pace";
import { runSweep, type SweepResult } from "./sweep";

export type TickResult = { now: string; sweep: SweepResult | null; backfill: BackfillRun | null };

export type TickDeps = {
  source?: DoffinSource;
  fetch?: typeof fetch;
  /**
   * Where "now" comes from (default: the cron's scheduled time). Injected, not configured: only the
   * demo entry (src/demo.ts) passes one, so a deployed tracker cannot be pointed at a fake clock.
   */
  now?: () => Date | Promise<Date>;
};

/**
 * One cron tick: the sweep first; if it finished and budget is left, the backfill continues with the
 * rest. Everything the tick does is bounded by REQUEST_BUDGET upstream calls.
 * @example await runTick(env, new Date(controller.scheduledTime))
 */
export async function runTick(env: Env, scheduledTime: Date, deps: TickDeps = {}): Promise<TickResult> {
  const config = configFrom(env as unknown as Record<string, unknown>);
  const source =
    deps.source ??
    createDoffinClient({
      baseUrl: config.upstreamBaseUrl,
      kind: config.upstreamKind,
      ...(config.apiKey ? { apiKey: config.apiKey } : {}),
      ...upstreamPacing(env, deps.fetch ?? fetch, config.pace, config.upstreamKind),
    });
  const now = deps.now ? await deps.now() : scheduledTime;
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
