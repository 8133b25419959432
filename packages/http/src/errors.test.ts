import { ErrorEnvelope, NotFoundError, UpstreamError } from "@doffin/core";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { ApiError, notFound, onError, requestId } from "./index";

const app = new Hono();
app.use(requestId());
app.onError(onError);
app.notFound(notFound);
app.get("/throw/:what", (c) => {
  const what = c.req.param("what");
  if (what === "api")
    throw new ApiError("invalid_request", "bad", { issues: [{ path: "query.x", message: "no" }] });
  if (what === "404") throw new NotFoundError("notice 2026-000001");
  if (what === "timeout") throw new UpstreamError({ kind: "timeout", message: "slow" });
  if (what === "429")
    throw new UpstreamError({ kind: "http", status: 429, message: "rl", retryAfterSeconds: 4 });
  if (what === "500")
    throw new UpstreamError({ kind: "http", status: 500, message: "boom <html>secret</html>" });
  if (what === "net") throw new UpstreamError({ kind: "network", message: "econnrefused" });
  throw new Error("unexpected secret detail");
});

async function envelope(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  const body = ErrorEnvelope.parse(await res.json());
  expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  return { res, body };
}

describe("error envelope", () => {
  it.each([
    ["api", 400, "invalid_request"],
    ["404", 404, "not_found"],
    ["timeout", 504, "upstream_timeout"],
    ["429", 429, "rate_limited"],
    ["500", 502, "upstream_error"],
    ["net", 503, "upstream_unavailable"],
    ["other", 500, "internal"],
  ])("maps %s to %i %s", async (what, status, code) => {
    const { res, body } = await envelope(`/throw/${what}`);
    expect(res.status).toBe(status);
    expect(body.error.code).toBe(code);
    expect(JSON.stringify(body)).not.toContain("secret");
  });

  it("passes Retry-After through on 429", async () => {
    const { res } = await envelope("/throw/429");
    expect(res.headers.get("retry-after")).toBe("4");
  });

  it("lists issues for invalid requests", async () => {
    const { body } = await envelope("/throw/api");
    expect(body.error.issues).toEqual([{ path: "query.x", message: "no" }]);
  });

  it("answers unknown routes with the envelope", async () => {
    const { res, body } = await envelope("/nope");
    expect(res.status).toBe(404);
    expect(body.error.code).toBe("not_found");
  });

  it("keeps a sane incoming request id and replaces a hostile one", async () => {
    const ok = await envelope("/nope", { headers: { "x-request-id": "abc-123" } });
    expect(ok.body.error.requestId).toBe("abc-123");
    const bad = await envelope("/nope", { headers: { "x-request-id": "<script>" } });
    expect(bad.body.error.requestId).not.toBe("<script>");
  });
});
