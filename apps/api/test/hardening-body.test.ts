import { describe, expect, it } from "vitest";
import { bodyLimitFor, DEFAULT_BODY_LIMIT } from "../src/middleware/body-limit";
import { emulatorApp, expectEnvelope } from "./helpers";
import { OPERATOR } from "./keys-helpers";

const { call } = emulatorApp();

/** Every route that takes a body, served here or forwarded (the feedback stand-in crashes: a 413 is ours). */
const BODY_ROUTES: Array<[method: string, path: string]> = [
  ["POST", "/mcp"],
  ["POST", "/v1/tools/search_tenders"],
  ["POST", "/v1/tools/get_notice"],
  ["POST", "/v1/admin/keys"],
  ["POST", "/v1/feedback"],
  ["PATCH", "/v1/feedback/fb_1"],
  ["POST", "/v1/changes"],
  ["POST", "/v1/tracker/sweep"],
  ["POST", "/v1/nothing-here"],
];

const stream = (bytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      const chunk = new Uint8Array(64 * 1024).fill(0x20);
      for (let left = bytes; left > 0; left -= chunk.byteLength)
        controller.enqueue(left >= chunk.byteLength ? chunk : chunk.slice(0, left));
      controller.close();
    },
  });

describe("body-size limit on every body route", () => {
  for (const [method, path] of BODY_ROUTES) {
    const cap = bodyLimitFor(path);
    it(`${method} ${path}: 413 over ${cap} bytes, declared or streamed`, async () => {
      const headers = { ...OPERATOR, "content-type": "application/json" };
      const declared = await call(path, { method, headers, body: " ".repeat(cap + 1) });
      const streamed = await call(path, {
        method,
        headers,
        body: stream(cap + 1),
        duplex: "half",
      } as RequestInit);
      for (const res of [declared, streamed]) {
        if (path !== "/mcp") await expectEnvelope(res, 413, "payload_too_large");
        else {
          // MCP answers in JSON-RPC, as its clients expect (agent-bodies.test.ts checks the code).
          expect(res.status).toBe(413);
          expect(((await res.json()) as { jsonrpc: string }).jsonrpc).toBe("2.0");
        }
      }
    });
  }

  it("a chunked body under the cap still reaches the handler intact", async () => {
    const body = new TextEncoder().encode(JSON.stringify({ notice_id: "not-an-id" }));
    const res = await call("/v1/tools/get_notice", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({
        start(c) {
          c.enqueue(body);
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    // The bridge parsed the JSON it was handed: a 4xx about the id, not a 413 or an unreadable body.
    expect([400, 404]).toContain(res.status);
    const text = await res.text();
    expect(text).not.toContain("payload_too_large");
  });

  it("limits are the documented ones", () => {
    expect(bodyLimitFor("/v1/admin/keys")).toBe(4 * 1024);
    expect(bodyLimitFor("/v1/feedback")).toBe(16 * 1024);
    expect(bodyLimitFor("/v1/changes")).toBe(DEFAULT_BODY_LIMIT);
  });
});
