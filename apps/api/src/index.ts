import { createApp } from "./app";

/** The shared upstream budget (a Durable Object class must be exported by the Worker that hosts it). */
export { UpstreamBudget } from "./upstream/budget-object";

// One app per isolate: the cache's in-flight map and memory LRU live as long as the isolate.
const app = createApp();

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  // The API has no cron (wrangler.jsonc declares none). This only answers a stray trigger (e.g.
  // `wrangler dev --test-scheduled` on this port) cleanly instead of "no scheduled handler".
  scheduled: async () => {
    console.warn(JSON.stringify({ msg: "scheduled event ignored: the API Worker has no cron" }));
  },
} satisfies ExportedHandler<Env>;
