import { afterEach, describe, expect, it } from "vitest";
import { createDoffinClient } from "../src/client/index";
import { failure, readFixture, startScriptedServer } from "./client-support";

type Server = Awaited<ReturnType<typeof startScriptedServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const okSearch = {
  status: 200,
  body: JSON.stringify({ numHitsTotal: 1, hits: [readFixture("webclient/search-hit-2026-107921.json")] }),
};

describe("client deadline", () => {
  it("clips each attempt to what is left and starts no retry that cannot finish", async () => {
    server = await startScriptedServer([{ hang: true }]);
    const client = createDoffinClient({
      baseUrl: server.url,
      timeoutMs: 5_000,
      retry: { attempts: 5, baseDelayMs: 10 },
      deadline: () => started + 400,
    });
    const started = Date.now();
    const error = await failure(client.search({}));
    const elapsed = Date.now() - started;
    expect(error.kind).toBe("timeout");
    expect(elapsed).toBeLessThan(400 + 150);
    expect(server.requests.length).toBeLessThan(5);
  });

  it("ends at once on a Retry-After longer than the time left, keeping the upstream's wait", async () => {
    server = await startScriptedServer([{ status: 429, headers: { "retry-after": "30" } }, okSearch]);
    const waits: number[] = [];
    const client = createDoffinClient({
      baseUrl: server.url,
      retry: { attempts: 3 },
      sleep: async (ms) => {
        waits.push(ms);
      },
      deadline: () => Date.now() + 10_000,
    });
    const error = await failure(client.search({}));
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(30);
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("still waits a Retry-After that fits, then succeeds", async () => {
    server = await startScriptedServer([{ status: 429, headers: { "retry-after": "1" } }, okSearch]);
    const waits: number[] = [];
    const client = createDoffinClient({
      baseUrl: server.url,
      sleep: async (ms) => {
        waits.push(ms);
      },
      deadline: () => Date.now() + 10_000,
    });
    const page = await client.search({});
    expect(page.items).toHaveLength(1);
    expect(waits).toEqual([1_000]);
  });

  it("asks the gate before every attempt and lets its refusal end the call unretried", async () => {
    server = await startScriptedServer([{ status: 503 }, okSearch]);
    const seen: number[] = [];
    const refusal = new Error("budget empty");
    const client = createDoffinClient({
      baseUrl: server.url,
      retry: { attempts: 3, baseDelayMs: 1 },
      beforeAttempt: async ({ attempt }) => {
        seen.push(attempt);
        if (attempt === 2) throw refusal;
      },
    });
    await expect(client.search({})).rejects.toBe(refusal);
    expect(seen).toEqual([1, 2]);
    expect(server.requests).toHaveLength(1);
  });

  it("does not start when the deadline has already passed", async () => {
    server = await startScriptedServer([okSearch]);
    const client = createDoffinClient({ baseUrl: server.url, deadline: () => Date.now() - 1 });
    const error = await failure(client.search({}));
    expect(error.kind).toBe("timeout");
    expect(server.requests).toHaveLength(0);
  });
});
