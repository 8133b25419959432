import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { backoffDelay, createDoffinClient, parseRetryAfter } from "../src/client/index";
import type { DoffinClientOptions } from "../src/client/types";
import { NotFoundError } from "../src/errors";
import { failure, readFixture, type ScriptedReply, startScriptedServer } from "./client-support";

type Server = Awaited<ReturnType<typeof startScriptedServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const okSearch: ScriptedReply = {
  status: 200,
  body: JSON.stringify({ numHitsTotal: 1, hits: [readFixture("webclient/search-hit-2026-107921.json")] }),
};

/** A client against a scripted server, recording the waits it asks for instead of sleeping. */
const setup = async (replies: ScriptedReply[], options: Partial<DoffinClientOptions> = {}) => {
  server = await startScriptedServer(replies);
  const waits: number[] = [];
  const attempts: { status: number | null; attempt: number }[] = [];
  const client = createDoffinClient({
    baseUrl: server.url,
    retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 5_000 },
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    onAttempt: ({ status, attempt }) => attempts.push({ status, attempt }),
    ...options,
  });
  return { client, waits, attempts, requests: server.requests };
};

describe("retries", () => {
  it("429 → waits Retry-After seconds, then succeeds", async () => {
    const t = await setup([
      {
        status: 429,
        body: '{"statusCode":429,"message":"Rate limit is exceeded. Try again in 2 seconds."}',
        headers: { "retry-after": "2" },
      },
      okSearch,
    ]);
    const res = await t.client.search({});
    expect(res.items).toHaveLength(1);
    expect(t.waits).toEqual([2000]);
    expect(t.requests).toHaveLength(2);
    expect(t.attempts).toEqual([
      { status: 429, attempt: 1 },
      { status: 200, attempt: 2 },
    ]);
  });

  it("caps a long Retry-After at maxDelayMs and reports it when attempts run out", async () => {
    const t = await setup([{ status: 429, body: "{}", headers: { "retry-after": "53" } }], {
      retry: { attempts: 2, maxDelayMs: 1_500 },
    });
    const error = await failure(t.client.search({}));
    expect(t.waits).toEqual([1500]);
    expect(error).toMatchObject({
      kind: "http",
      status: 429,
      retryable: true,
      retryAfterSeconds: 53,
      attempts: 2,
    });
  });

  it("5xx → bounded retries with exponential full-jitter backoff, then a typed error", async () => {
    const t = await setup([{ status: 503, body: "Service Unavailable" }]);
    const error = await failure(t.client.search({}));
    expect(error).toMatchObject({ kind: "http", status: 503, retryable: true, attempts: 3 });
    expect(t.requests).toHaveLength(3);
    // random() = 0.5 over windows of 100 and 200 ms.
    expect(t.waits).toEqual([50, 100]);
  });

  it("a 500 followed by a 200 succeeds on the second attempt", async () => {
    const t = await setup([{ status: 500, body: "" }, okSearch]);
    expect((await t.client.search({})).total).toBe(1);
    expect(t.requests).toHaveLength(2);
  });

  it("timeout → aborted per attempt, retried, then kind timeout", async () => {
    const t = await setup([{ hang: true }], { timeoutMs: 150, retry: { attempts: 2, baseDelayMs: 1 } });
    const error = await failure(t.client.search({}));
    expect(error).toMatchObject({ kind: "timeout", status: null, retryable: true, attempts: 2 });
    expect(t.requests).toHaveLength(2);
  });

  it("network error (nothing listening) → kind network after all attempts", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    const waits: number[] = [];
    const client = createDoffinClient({
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { attempts: 2 },
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const error = await failure(client.search({}));
    expect(error).toMatchObject({ kind: "network", retryable: true, attempts: 2 });
    expect(waits).toHaveLength(1);
  });
});

describe("no retries for what asking again cannot fix", () => {
  it("malformed JSON → kind parse, one request", async () => {
    const t = await setup([{ status: 200, body: '{"numHitsTotal": 3, "hits": [{"id": "2026-1' }]);
    const error = await failure(t.client.search({}));
    expect(error).toMatchObject({ kind: "parse", retryable: false, attempts: 1 });
    expect(t.requests).toHaveLength(1);
  });

  it("schema drift (hits renamed to results) → kind parse naming the path", async () => {
    const t = await setup([{ status: 200, body: '{"numHitsTotal": 0, "results": []}' }]);
    const error = await failure(t.client.search({}));
    expect(error.kind).toBe("parse");
    expect(error.message).toContain("hits");
    expect(t.requests).toHaveLength(1);
  });

  it("raw control characters inside strings are not a parse failure", async () => {
    const body = JSON.stringify({
      numHitsTotal: 1,
      hits: [readFixture("webclient/search-hit-2026-107921.json")],
    });
    const t = await setup([{ status: 200, body: body.replace("verneområde", "verne\nområde\t") }]);
    expect((await t.client.search({})).items[0]?.heading).toBe("Lopphavet Marine verne\nområde\t");
  });

  it.each([400, 401, 403])("%i → kind http, not retried", async (status) => {
    const t = await setup([{ status, body: '{"reason":"Parameter page must be >= 1"}' }]);
    const error = await failure(t.client.search({}));
    expect(error).toMatchObject({ kind: "http", status, retryable: false, attempts: 1 });
    expect(t.requests).toHaveLength(1);
  });

  it("408 is retried like a timeout", async () => {
    const t = await setup([{ status: 408, body: "" }, okSearch]);
    expect((await t.client.search({})).total).toBe(1);
    expect(t.requests).toHaveLength(2);
  });

  it("unknown notice id → NotFoundError, one request", async () => {
    const t = await setup([{ status: 404, body: '{"statusCode":404}' }]);
    const error = await t.client.getNotice("2026-000001").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(t.requests).toHaveLength(1);
  });

  it("404 on search is an upstream error, not a not-found", async () => {
    const t = await setup([{ status: 404, body: "" }]);
    expect(await failure(t.client.search({}))).toMatchObject({ kind: "http", status: 404, retryable: false });
  });

  it("a detail answering for another id is a parse error (it would poison caches)", async () => {
    const t = await setup([
      { status: 200, body: JSON.stringify(readFixture("webclient/notice-detail-2026-107918.abridged.json")) },
    ]);
    expect(await failure(t.client.getNotice("2026-105551"))).toMatchObject({ kind: "parse" });
  });
});

describe("backoff helpers", () => {
  it("parseRetryAfter reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("4")).toBe(4);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
    const now = Date.parse("2026-11-23T12:00:00Z");
    expect(parseRetryAfter("Mon, 23 Nov 2026 12:00:10 GMT", now)).toBe(10);
  });

  it("backoffDelay: full jitter inside a doubling window capped by maxDelayMs", () => {
    const policy = { attempts: 10, baseDelayMs: 200, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4].map((n) => backoffDelay(policy, n, null, () => 0.999))).toEqual([199, 399, 799, 999]);
    expect(backoffDelay(policy, 3, null, () => 0)).toBe(0);
    expect(backoffDelay(policy, 1, 4, () => 0.5)).toBe(1_000);
  });
});
