import { ErrorEnvelope } from "@doffin/core";
import { describe, expect, it } from "vitest";
import { MCP_HEADERS, standInApp } from "./agent-stand-in";

/**
 * Tools call the services, not the app's router: one outside request is one pass through the router
 * (one request-id middleware run), whatever the tool does. Counting `fetch` on the app object catches
 * any re-entry, because Hono's `request()` and an inner `app.fetch(...)` both go through it.
 */
function counted(opts: Parameters<typeof standInApp>[0] = {}) {
  const standIn = standInApp(opts);
  const original = standIn.api.fetch;
  let passes = 0;
  standIn.api.fetch = (...args: Parameters<typeof original>) => {
    passes++;
    return original(...args);
  };
  return { ...standIn, passes: () => passes };
}

const mcpCall = (name: string, args: Record<string, unknown>) => ({
  method: "POST",
  headers: MCP_HEADERS,
  body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args } }),
});

describe("no internal HTTP requests to the API's own router", () => {
  it.each([
    ["search_notices", { text: "IT" }],
    ["get_notice", { notice_id: "2026-100003" }],
    ["search_tenders", { query: "IT", statuses: "ACTIVE" }],
    ["get_cpv_codes", { query: "programvare" }],
    ["get_doffin_changes", { since: "2026-11-20T00:00:00Z" }],
  ])("MCP %s: one pass through the router", async (name, args) => {
    const standIn = counted();
    const res = await standIn.app.request("/mcp", mcpCall(name, args));
    const body = (await res.json()) as { result: { isError?: boolean; content: { text: string }[] } };
    expect(body.result.isError, body.result.content[0]?.text).toBeFalsy();
    expect(standIn.passes()).toBe(1);
  });

  it("bridge calls and their errors: one pass each; the source saw the search once", async () => {
    const standIn = counted();
    const post = (name: string, args: unknown) =>
      standIn.app.request(`/v1/tools/${name}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(args),
      });
    expect((await post("search_notices", { text: "IT" })).status).toBe(200);
    expect((await post("search_notices", { cpv_code: "72000001" })).status).toBe(400);
    expect(standIn.passes()).toBe(2);
    expect(standIn.searches).toHaveLength(1);
  });

  it("the change feed goes through the TRACKER binding, not the router", async () => {
    const standIn = counted();
    await standIn.app.request(
      "/mcp",
      mcpCall("get_doffin_changes", { since: "2026-11-20T00:00:00Z", limit: 3 }),
    );
    expect(standIn.seen).toEqual(["GET /v1/changes?since=2026-11-20T00%3A00%3A00Z&limit=3"]);
    expect(standIn.passes()).toBe(1);
  });
});

describe("a sibling's status and Retry-After reach the tool caller", () => {
  it("bridge: the sibling's 429 envelope with Retry-After", async () => {
    const standIn = standInApp({ siblingsRateLimited: true });
    const res = await standIn.app.request("/v1/tools/get_doffin_changes", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ since: "2026-11-20T00:00:00Z" }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("30");
    const env = ErrorEnvelope.parse(await res.json());
    expect(env.error.code).toBe("rate_limited");
    expect(env.error.message).toContain("Too many requests");
  });

  it("MCP: a tool error naming the code and the wait", async () => {
    const standIn = standInApp({ siblingsRateLimited: true });
    const res = await standIn.app.request(
      "/mcp",
      mcpCall("report_feedback", { feedback: "Wrong buyer", feedback_type: "data_error" }),
    );
    const body = (await res.json()) as {
      result: { isError?: boolean; content: { text: string }[]; structuredContent?: unknown };
    };
    expect(body.result.isError).toBe(true);
    expect(body.result.content[0]?.text).toMatch(/^rate_limited: Too many requests.*\(retry after 30 s\)$/s);
    expect(body.result.structuredContent).toEqual({
      error: { code: "rate_limited", status: 429, retryAfter: "30" },
    });
  });
});

describe("the tools/call fast path leaves the protocol to the SDK", () => {
  it("an unknown tool and an unsupported protocol version are the SDK's answers, not ours", async () => {
    const standIn = standInApp();
    const unknown = await standIn.app.request("/mcp", mcpCall("search_everything", {}));
    const body = (await unknown.json()) as { result?: { isError?: boolean; content: { text: string }[] } };
    expect(body.result?.isError).toBe(true);
    expect(body.result?.content[0]?.text).toContain("Tool search_everything not found");
    const init = mcpCall("search_notices", { text: "IT" });
    const old = await standIn.app.request("/mcp", {
      ...init,
      headers: { ...init.headers, "mcp-protocol-version": "1999-01-01" },
    });
    expect(old.status).toBe(400);
    expect(standIn.searches).toHaveLength(0);
  });

  it("a JSON-RPC batch is not taken by the fast path", async () => {
    const standIn = standInApp();
    const one = {
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "search_notices", arguments: { text: "IT" } },
    };
    const res = await standIn.app.request("/mcp", {
      method: "POST",
      headers: MCP_HEADERS,
      body: JSON.stringify([one]),
    });
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(500);
  });
});
