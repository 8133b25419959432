import { handleAlertQueue } from "./alerts/delivery/consumer";
import { createApp } from "./app";
import { runTick } from "./scheduled";

export { createApp } from "./app";
export { type BackfillArgs, runBackfill } from "./backfill";
export { runTick } from "./scheduled";
export { runSweep, type SweepArgs } from "./sweep";

const app = createApp();

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runTick(env, new Date(controller.scheduledTime)).then(() => undefined));
  },
  queue: (batch, env) => handleAlertQueue(batch, env),
} satisfies ExportedHandler<Env>;
