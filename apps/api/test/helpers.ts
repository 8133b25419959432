import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createDoffinClient, createNavClient, ErrorEnvelope } from "@doffin/core";
import { expect, inject } from "vitest";
import { type AppDeps, createApp } from "../src/app";

export const emulatorUrl = (): string => inject("emulatorUrl");
export const navEmulatorUrl = (): string => inject("navEmulatorUrl");

/** A controllable clock; starts at a fixed instant so TTL arithmetic is exact. */
export function testClock(start = Date.parse("2026-11-23T12:00:00Z")) {
  let t = start;
  return {
    now: () => t,
    advance: (seconds: number) => {
      t += seconds * 1000;
    },
  };
}

/** The app wired to the emulator with one attempt and a short timeout (tests stay quick and exact). */
export function emulatorApp(deps: AppDeps & { timeoutMs?: number; baseUrl?: string } = {}) {
  const { timeoutMs = 1500, baseUrl, ...rest } = deps;
  const app = createApp({
    source: (config, fetchImpl) =>
      createDoffinClient({
        baseUrl: baseUrl ?? emulatorUrl(),
        kind: config.UPSTREAM_KIND,
        timeoutMs,
        retry: { attempts: 1 },
        fetch: fetchImpl,
      }),
    nav: (_config, fetchImpl) =>
      createNavClient({
        feedBaseUrl: navEmulatorUrl(),
        searchBaseUrl: navEmulatorUrl(),
        timeoutMs,
        retry: { attempts: 1 },
        fetch: fetchImpl,
      }),
    ...rest,
  });
  /** One request through the app, waiting for its `waitUntil` work (background revalidation, KV writes). */
  const call = async (path: string, init?: RequestInit, bindings: object = env) => {
    const ctx = createExecutionContext();
    const res = await app.request(path, init, bindings, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
  return { app, call };
}

/** One request through `app` (e.g. one of two apps standing for two isolates), waiting for its `waitUntil` work. */
export async function callApp(app: ReturnType<typeof createApp>, path: string, bindings: object = env) {
  const ctx = createExecutionContext();
  const res = await app.request(path, {}, bindings, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** The app with the Public API downloader pointed at the emulator (its test key): notices get contract data. */
export const keyedEmulatorApp = () =>
  emulatorApp({
    xmlSource: (_config, fetchImpl) =>
      createDoffinClient({
        baseUrl: emulatorUrl(),
        kind: "public-api",
        apiKey: "test-key",
        fetch: fetchImpl,
      }),
  });

export const emulator = {
  async stats(): Promise<{ total: number; byRoute: Record<string, number> }> {
    return (await fetch(`${emulatorUrl()}/_emulator/stats`)).json();
  },
  async resetStats(): Promise<void> {
    await fetch(`${emulatorUrl()}/_emulator/stats/reset`, { method: "POST" });
  },
  async fault(fault: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${emulatorUrl()}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fault),
    });
    expect(res.ok).toBe(true);
  },
  async clearFaults(): Promise<void> {
    await fetch(`${emulatorUrl()}/_emulator/faults`, { method: "DELETE" });
  },
  async rateLimit(settings: Record<string, unknown>): Promise<void> {
    await fetch(`${emulatorUrl()}/_emulator/rate-limit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(settings),
    });
  },
  /** Some real notice id from the emulator's corpus. */
  async someNoticeId(): Promise<string> {
    const res = await fetch(`${emulatorUrl()}/webclient/api/v2/search-api/search`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ numHitsPerPage: 1, page: 1, searchString: "", facets: {} }),
    });
    const body = (await res.json()) as { hits: { id: string }[] };
    const id = body.hits[0]?.id;
    if (!id) throw new Error("emulator corpus is empty");
    return id;
  },
};

/** Asserts a response is our error envelope with this status and code, and returns the body. */
export async function expectEnvelope(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = ErrorEnvelope.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  return body;
}

/**
 * A `published_to` far in the future: it filters nothing but makes each test's cache key its own, so
 * tests never see each other's KV entries. One year per test file, a counter within it.
 */
export function uniqueKeys(year: number) {
  let n = 0;
  return () => {
    n += 1;
    const month = String(Math.floor(n / 28) + 1).padStart(2, "0");
    const day = String((n % 28) + 1).padStart(2, "0");
    return `published_to=${year}-${month}-${day}`;
  };
}

/** Calls the agent surfaces of an app the way clients do: the REST bridge and one MCP `tools/call`. */
export function toolCallers(call: ReturnType<typeof emulatorApp>["call"]) {
  const tool = async (name: string, body: unknown) => {
    const res = await call(`/v1/tools/${name}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const mcp = async (name: string, args: Record<string, unknown>) => {
    const res = await call("/mcp", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name, arguments: args },
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { isError?: boolean; content: Array<{ text: string }> } };
    return { isError: body.result.isError === true, text: body.result.content[0]?.text ?? "" };
  };
  return { tool, mcp };
}
