import { ErrorEnvelope } from "@doffin/core";
import { describe, expect, it } from "vitest";
import { MCP_HEADERS, standInApp } from "./agent-stand-in";

/** A body sent as a stream (no Content-Length): `size` bytes, or an error after the first chunk. */
function streamed(size: number, fail = false): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode(`{"text":"${"x".repeat(64 * 1024)}`);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (fail && sent > 0) return controller.error(new Error("client went away"));
      if (sent >= size) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
}

const init = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  ({
    method: "POST",
    headers: { ...(path === "/mcp" ? MCP_HEADERS : { "content-type": "application/json" }), ...headers },
    body,
    duplex: "half",
  }) as RequestInit;

describe("request bodies of the agent surfaces", () => {
  it.each([
    ["declared", "1048577"],
    ["declared (huge)", "99999999999"],
  ])("bridge: Content-Length over 1 MiB (%s) → 413 envelope", async (_what, length) => {
    const { app } = standInApp();
    const res = await app.request(
      "/v1/tools/search_notices",
      init("/v1/tools/search_notices", "{}", { "content-length": length }),
    );
    expect(res.status).toBe(413);
    expect(ErrorEnvelope.parse(await res.json()).error.code).toBe("payload_too_large");
  });

  it("bridge: a streamed body past 1 MiB → 413 envelope", async () => {
    const { app } = standInApp();
    const res = await app.request(
      "/v1/tools/search_notices",
      init("/v1/tools/search_notices", streamed(1.5 * 1024 * 1024)),
    );
    expect(res.status).toBe(413);
    expect(ErrorEnvelope.parse(await res.json()).error.code).toBe("payload_too_large");
  });

  it("bridge: a body that breaks off → 400 envelope, no stack", async () => {
    const { app } = standInApp();
    const res = await app.request(
      "/v1/tools/search_notices",
      init("/v1/tools/search_notices", streamed(1024 * 1024, true)),
    );
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(ErrorEnvelope.parse(JSON.parse(text)).error.code).toBe("invalid_request");
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });

  it("MCP: a 2 MiB call is fine (4 MiB limit); past 4 MiB a 413 JSON-RPC error; a broken body a 400 one", async () => {
    const { app } = standInApp();
    const big = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: "search_notices", arguments: { text: "IT", fields: "x".repeat(2 * 1024 * 1024) } },
    });
    const ok = await app.request("/mcp", init("/mcp", big));
    expect(ok.status).toBe(200);
    for (const [body, status] of [
      [streamed(5 * 1024 * 1024), 413],
      [streamed(1024 * 1024, true), 400],
    ] as const) {
      const res = await app.request("/mcp", init("/mcp", body));
      expect(res.status).toBe(status);
      const rpc = (await res.json()) as {
        jsonrpc: string;
        id: null;
        error: { code: number; message: string };
      };
      expect(rpc).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32600 } });
    }
  });

  it("the API port answers the cron trigger path with a 404 envelope (the API has no cron)", async () => {
    const { app } = standInApp();
    const res = await app.request("/cdn-cgi/handler/scheduled");
    expect(res.status).toBe(404);
    expect(ErrorEnvelope.parse(await res.json()).error.message).toContain("no cron");
  });
});
