import { createApp } from "./app";

// One app per isolate: the cache's in-flight map and memory LRU live as long as the isolate.
const app = createApp();

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;
