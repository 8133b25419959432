import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { callApp, emulator, emulatorUrl } from "./helpers";

/**
 * The Worker's app (and its upstream source) lives as long as the isolate and serves many requests; the
 * budget gate must not reuse a Durable Object stub made during an earlier request, which workerd refuses
 * ("Cannot perform I/O on behalf of a different request" → a 500 on every cache miss after the first
 * request, found by the suite in bench/suite). The second call runs in another I/O context: inside a
 * Durable Object (a spare instance of the budget class, not the budget itself).
 */
const bindings = { ...env, UPSTREAM_BASE_URL: emulatorUrl() };

const call = (app: ReturnType<typeof createApp>, path: string) => callApp(app, path, bindings);

beforeEach(async () => {
  await emulator.clearFaults();
  await emulator.rateLimit({ enabled: false });
});

describe("upstream budget across requests", () => {
  it("answers cache misses of a later request with a stub of its own (no 500)", async () => {
    const app = createApp();
    const first = await call(app, "/v1/notices?q=first-context&limit=2");
    expect(first.status).toBe(200);
    const spare = env.BUDGET.get(env.BUDGET.idFromName("test-other-context"));
    const second = await runInDurableObject(spare, async () => {
      const res = await call(app, "/v1/notices?q=second-context&limit=2");
      return { status: res.status, body: await res.text() };
    });
    expect(second.status, second.body).toBe(200);
  });
});
