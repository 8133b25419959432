import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../src/app";
import { BASE, expectEnvelope, freshIp, TOKEN } from "./helpers";

afterEach(() => vi.restoreAllMocks());

const ID = "fb_00000000000000000000000000";
const call = (path: string, init: RequestInit = {}) => exports.default.fetch(`${BASE}${path}`, init);
const auth = { authorization: `Bearer ${TOKEN}` };
const jsonHeaders = (extra: Record<string, string> = {}) => ({
  "content-type": "application/json",
  "cf-connecting-ip": freshIp(),
  ...auth,
  ...extra,
});

/** One request per route that takes a body. */
const BODY_ROUTES = [
  ["POST", "/v1/feedback"],
  ["PATCH", `/v1/feedback/${ID}`],
] as const;

const chunked = (bytes: number) =>
  new ReadableStream<Uint8Array>({
    start(ctrl) {
      for (let sent = 0; sent < bytes; sent += 1024) ctrl.enqueue(new TextEncoder().encode(" ".repeat(1024)));
      ctrl.close();
    },
  });

const broken = () =>
  new ReadableStream<Uint8Array>({
    start(ctrl) {
      ctrl.enqueue(new TextEncoder().encode('{"feedback": "half a bo'));
    },
    pull(ctrl) {
      ctrl.error(new Error("connection reset at /home/dev/feedback/src/body.ts:42:7"));
    },
  });

describe("body limit on every route that takes a body", () => {
  it.each(BODY_ROUTES)("%s %s: a body over 16 KiB is a 413 envelope", async (method, path) => {
    const body = JSON.stringify({ status: "open", feedback: "a".repeat(17 * 1024) });
    const res = await call(path, { method, headers: jsonHeaders(), body });
    const envelope = await expectEnvelope(res, 413, "payload_too_large");
    expect(envelope.error.message).toContain("16384");
  });

  it.each(BODY_ROUTES)(
    "%s %s: a streamed body over 16 KiB without a length is a 413",
    async (method, path) => {
      const res = await call(path, { method, headers: jsonHeaders(), body: chunked(20 * 1024) });
      await expectEnvelope(res, 413, "payload_too_large");
    },
  );

  it.each(BODY_ROUTES)(
    "%s %s: a body stream that breaks is a 400 without a stack trace",
    async (method, path) => {
      // Straight into the app: through the runtime's fetch, workerd would also report the broken
      // stream as an uncaught pipe error of its own.
      const req = new Request(`${BASE}${path}`, { method, headers: jsonHeaders(), body: broken() });
      const res = await createApp().fetch(req, env, createExecutionContext());
      expect(res.status).toBe(400);
      const text = await res.clone().text();
      await expectEnvelope(res, 400, "invalid_request");
      expect(text).not.toMatch(/\/home\/|body\.ts|\bat\s+\S+:\d+|Error:/);
    },
  );
});

describe("unknown query parameters are a 400 on every route", () => {
  it.each([
    ["GET", "/health?verbose=1", undefined],
    ["POST", "/v1/feedback?dry_run=1", JSON.stringify({ feedback: "query test" })],
    ["GET", "/v1/feedback?statsu=open", undefined],
    ["PATCH", `/v1/feedback/${ID}?force=1`, JSON.stringify({ status: "open" })],
  ])("%s %s", async (method, path, body) => {
    const res = await call(path, { method, headers: jsonHeaders(), ...(body ? { body } : {}) });
    const envelope = await expectEnvelope(res, 400, "invalid_request");
    expect(envelope.error.issues?.map((i) => i.path)).toContain("query");
  });

  it("nothing is stored for a POST refused for its query", async () => {
    const marker = `query-refused-${crypto.randomUUID()}`;
    const res = await call("/v1/feedback?x=1", {
      method: "POST",
      headers: jsonHeaders(),
      body: JSON.stringify({ feedback: marker }),
    });
    expect(res.status).toBe(400);
    const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM feedback WHERE feedback = ?")
      .bind(marker)
      .first("n");
    expect(n).toBe(0);
  });
});

describe("logging", () => {
  it("logs client errors at info as one JSON line each, never through console.error", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expectEnvelope(
      await call("/v1/nope", { headers: { "x-request-id": "fb-log-1" } }),
      404,
      "not_found",
    );
    await expectEnvelope(await call("/v1/feedback", { method: "DELETE" }), 405, "method_not_allowed");
    await expectEnvelope(
      await call("/v1/feedback", { method: "POST", headers: jsonHeaders(), body: "{" }),
      400,
      "invalid_request",
    );
    expect(error).not.toHaveBeenCalled();
    const lines = info.mock.calls.map((args) => JSON.parse(String(args[0])) as Record<string, unknown>);
    expect(lines.map((l) => [l.level, l.status, l.code])).toEqual([
      ["info", 404, "not_found"],
      ["info", 405, "method_not_allowed"],
      ["info", 400, "invalid_request"],
    ]);
    expect(lines[0]).toMatchObject({ requestId: "fb-log-1", method: "GET", path: "/v1/nope" });
  });
});
