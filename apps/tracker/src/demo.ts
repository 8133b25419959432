import worker from "./index";
import { runTick } from "./scheduled";

/**
 * Demo-only entry: `npm run demo` starts the tracker with `wrangler dev apps/tracker/src/demo.ts`.
 * It is the production Worker plus two things a deployed tracker must not have, which is why they
 * live in a file production never bundles (wrangler.jsonc `main` is src/index.ts) instead of behind a
 * var: "now" read from `DEMO_CLOCK_URL` (the emulator's `/_emulator/clock`, which the demo keeps at
 * real time), and `POST /_demo/tick`, one tick run to the end before answering (the cron handler
 * returns at once), so the demo's churn loop knows when a sweep has landed. `POST /_demo/backfill/reset`
 * forgets the backfill's progress, so the next tick backfills from BACKFILL_FROM again: the load suite
 * (bench/suite/contention.ts) needs a backfill that is running while users miss the cache, and demo.sh's
 * priming ticks finish the demo corpus's backfill before the suite can start.
 */
type DemoEnv = Env & { DEMO_CLOCK_URL?: string };

/** "now" from a clock URL answering `{ now: ISO }`; fails loudly rather than sweep at a wrong time. */
export const clockFrom = (url: string, fetchImpl: typeof fetch = fetch) =>
  async function now(): Promise<Date> {
    const res = await fetchImpl(url);
    const body = (await res.json().catch(() => ({}))) as { now?: unknown };
    if (!res.ok || typeof body.now !== "string" || Number.isNaN(Date.parse(body.now)))
      throw new Error(`DEMO_CLOCK_URL ${url} did not answer { now: ISO } (${res.status})`);
    return new Date(body.now);
  };

const tick = (env: DemoEnv, scheduledTime: Date) =>
  runTick(env, scheduledTime, env.DEMO_CLOCK_URL ? { now: clockFrom(env.DEMO_CLOCK_URL) } : {});

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === "/_demo/tick" && request.method === "POST")
      return Response.json(await tick(env, new Date()));
    if (url.pathname === "/_demo/backfill/reset" && request.method === "POST") {
      const { meta } = await env.DB.prepare("DELETE FROM backfill").run();
      return Response.json({ reset: meta.changes });
    }
    return worker.fetch(request, env, ctx);
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(tick(env, new Date(controller.scheduledTime)).then(() => undefined));
  },
  queue: (batch, env) => worker.queue(batch, env),
} satisfies ExportedHandler<DemoEnv>;
