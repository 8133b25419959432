import { exports } from "cloudflare:workers";
import { FEEDBACK_ID_PATTERN, Health } from "@doffin/contracts/feedback";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { decodeCursor, encodeCursor } from "../src/cursor";
import { newFeedbackId } from "../src/ids";
import { BASE, expectEnvelope } from "./helpers";

const call = (path: string, init?: RequestInit) => exports.default.fetch(`${BASE}${path}`, init);

describe("routing", () => {
  it("GET /health answers ok", async () => {
    const res = await call("/health");
    expect(res.status).toBe(200);
    expect(Health.parse(await res.json())).toEqual({ status: "ok", service: "feedback" });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers unknown routes with the 404 envelope", async () => {
    await expectEnvelope(await call("/v1/nope"), 404, "not_found");
    await expectEnvelope(await call("/v1/feedback/fb_00000000000000000000000000/extra"), 404, "not_found");
  });

  it.each([
    ["DELETE", "/v1/feedback", "GET, POST"],
    ["PUT", "/v1/feedback", "GET, POST"],
    ["GET", "/v1/feedback/fb_00000000000000000000000000", "PATCH"],
    ["DELETE", "/v1/feedback/fb_00000000000000000000000000", "PATCH"],
    ["POST", "/health", "GET"],
  ])("%s %s → 405 with Allow: %s", async (method, path, allow) => {
    const res = await call(path, { method });
    await expectEnvelope(res, 405, "method_not_allowed");
    expect(res.headers.get("allow")).toBe(allow);
  });

  it("echoes a sane X-Request-Id", async () => {
    const res = await call("/v1/nope", { headers: { "x-request-id": "trace-123" } });
    const body = await expectEnvelope(res, 404, "not_found");
    expect(body.error.requestId).toBe("trace-123");
  });
});

describe("OpenAPI metadata", () => {
  it("describes every route with its schemas and the operator security scheme", () => {
    const doc = createApp().getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "feedback", version: "1" },
    });
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual(["/health", "/v1/feedback", "/v1/feedback/{id}"]);
    const feedback = doc.paths?.["/v1/feedback"];
    expect(feedback?.post?.requestBody).toBeDefined();
    expect(Object.keys(feedback?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(["201", "400", "409", "413", "415", "429", "503"]),
    );
    expect(feedback?.get?.security).toEqual([{ operatorToken: [] }]);
    expect(doc.paths?.["/v1/feedback/{id}"]?.patch?.parameters).toBeDefined();
    expect(doc.components?.securitySchemes?.operatorToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components?.schemas?.FeedbackCreate).toBeDefined();
  });
});

describe("ids and cursors", () => {
  it("makes ids that match the public pattern and sort by time", () => {
    const earlier = newFeedbackId(Date.UTC(2026, 0, 1));
    const later = newFeedbackId(Date.UTC(2026, 0, 1) + 1);
    expect(earlier).toMatch(FEEDBACK_ID_PATTERN);
    expect(earlier < later).toBe(true);
    expect(newFeedbackId(0)).not.toBe(newFeedbackId(0));
  });

  it("round-trips a cursor and refuses a tampered one", () => {
    const c = { createdAt: "2026-11-23T10:00:00.000Z", id: newFeedbackId() };
    const raw = encodeCursor(c);
    expect(raw).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(raw)).toEqual(c);
    expect(() => decodeCursor(`${raw}A`)).toThrow();
    expect(() => decodeCursor(encodeCursor({ ...c, id: "fb_short" }))).toThrow();
  });
});
