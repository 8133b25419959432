import { createDoffinClient, createNavClient, type DoffinSource, type NavSource } from "@doffin/core";
import { type ReminderRun, runAlertReminders } from "./alerts";
import { type FlushResult, flushAlertOutbox } from "./alerts/delivery/outbox";
import { type BackfillRun, runBackfill } from "./backfill";
import { configFrom } from "./config";
import { runXmlBackfill, type XmlBackfillRun } from "./contract/backfill";
import { type NavFeedRun, runNavFeed } from "./nav/follow";
import { type BulkRun, runOcdsBulk } from "./ocds/bulk/export";
import { upstreamPacing } from "./pace";
import { runSweep, type SweepResult } from "./sweep";

export type TickResult = {
  now: string;
  sweep: SweepResult | null;
  backfill: BackfillRun | null;
  xmlBackfill: XmlBackfillRun | null;
  /** The NAV job feed (null when NAV_FEED_BASE_URL is empty). */
  nav: NavFeedRun | null;
  ocdsBulk: BulkRun;
  /** Webhook deliveries this tick enqueued (or why the flush failed; the next tick retries it). */
  alerts: FlushResult | { error: string };
  /** Deadline reminders of saved-search matches due at this tick's "now". */
  alertReminders: ReminderRun;
};

export type TickDeps = {
  source?: DoffinSource;
  /** The NAV job source (default: core's `createNavClient` on NAV_FEED_BASE_URL). */
  nav?: NavSource;
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
  // XML whenever the source can download it: the Public API, or the web client given a Public API key
  // (without one the contract route says what is missing).
  const contracts = source.hasXml ? { bucket: env.EFORMS } : undefined;
  const sweep =
    config.windowDays > 0
      ? await runSweep({
          source,
          db: env.DB,
          now,
          budget: config.budget,
          config,
          ...(contracts ? { contracts } : {}),
        })
      : null;
  let left = config.budget - (sweep?.requestsThisRun ?? 0);
  const sweepDone = sweep === null || sweep.status === "done";
  const backfill =
    config.backfillFrom && sweepDone && left > 0
      ? await runBackfill({ source, db: env.DB, now, budget: left, from: config.backfillFrom })
      : null;
  left -= backfill?.requestsThisRun ?? 0;
  // The XML of notices that have none yet (backfill baselines) takes what the two left.
  const xmlBackfill =
    contracts && sweepDone && left > 0
      ? await runXmlBackfill({ source, db: env.DB, bucket: contracts.bucket, now, budget: left })
      : null;
  // The job feed in the same tick, on its own budget: NAV is another upstream with other limits, and
  // one cron and one D1 keep a second source free of a second Worker to deploy and bind.
  const navSource =
    config.nav &&
    (deps.nav ??
      createNavClient({
        feedBaseUrl: config.nav.feedBaseUrl,
        ...(config.nav.token ? { token: config.nav.token } : {}),
        fetch: deps.fetch ?? fetch,
      }));
  const nav =
    config.nav && navSource
      ? await runNavFeed({
          nav: navSource,
          db: env.DB,
          now,
          maxRequests: config.nav.budget,
          pageSize: config.nav.pageSize,
          catchUpDays: config.nav.catchUpDays,
        }).catch((err: unknown) => {
          // A NAV outage must not cost the Doffin work of this tick; the cursor is where it was.
          console.error(JSON.stringify({ msg: "nav feed failed", error: String(err) }));
          return null;
        })
      : null;
  // OCDS bulk files of the days before today that changed (no upstream calls, D1 and R2 only).
  const ocdsBulk: BulkRun = await runOcdsBulk(env.DB, env.OCDS, now, env.PUBLIC_BASE_URL);
  // After the sweep and the job feed: a deadline they just moved already counts (on this tick's clock).
  const alertReminders = await runAlertReminders(env.DB, now);
  // Webhook outbox: enqueue this tick's alert events (a queue outage leaves them for the next tick).
  const alerts = await flushAlertOutbox(env).catch((err: unknown) => ({ error: String(err) }));
  console.log(
    JSON.stringify({
      msg: "tracker tick",
      now: now.toISOString(),
      sweep,
      backfill,
      xmlBackfill,
      nav,
      ocdsBulk,
      alertReminders,
      alerts,
    }),
  );
  return { now: now.toISOString(), sweep, backfill, xmlBackfill, nav, ocdsBulk, alertReminders, alerts };
}
