import { ErrorEnvelope, UnsupportedFilterError } from "@doffin/core";
import { createRoute, z } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, createWorkerApp, type RequestIdVariables, readBodyCapped, requestIdOf } from "./index";

type E = { Variables: RequestIdVariables };

const echo = createRoute({
  method: "post",
  path: "/echo",
  request: {
    query: z.strictObject({}),
    body: { required: true, content: { "application/json": { schema: z.object({ n: z.number() }) } } },
  },
  responses: { 200: { description: "echo", content: { "application/json": { schema: z.object({}) } } } },
});

function app() {
  const a = createWorkerApp<E>();
  a.openapi(echo, (c) => c.json(c.req.valid("json"), 200));
  a.post("/capped", async (c) => c.json({ bytes: (await readBodyCapped(c.req.raw, 64)).byteLength }));
  a.get("/id", (c) => c.json({ id: requestIdOf(c) }));
  a.get("/throw/:what", (c) => {
    const what = c.req.param("what");
    if (what === "401")
      throw new HTTPException(401, {
        message: "who are you",
        res: new Response(null, { status: 401, headers: { "www-authenticate": "Basic" } }),
      });
    if (what === "413") throw new HTTPException(413, { message: "too big" });
    if (what === "418") throw new HTTPException(418, { message: "teapot" });
    if (what === "429h") throw new HTTPException(429, { message: "slow down" });
    if (what === "429a") throw new ApiError("rate_limited", "slow down");
    if (what === "500h") throw new HTTPException(500, { message: "at /home/dev/secret.ts:1:2" });
    if (what === "zod") z.object({ secretField: z.string() }).parse({ secretField: 1 });
    if (what === "filter") throw new UnsupportedFilterError(["buyers"]);
    throw new Error("boom at /home/dev/app/src/secret.ts:10:5");
  });
  return a;
}

async function envelope(res: Response) {
  const text = await res.text();
  const body = ErrorEnvelope.parse(JSON.parse(text));
  expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  return { text, body };
}

/** A request body that fails mid-stream, as an aborted upload or a malformed chunked body does. */
const brokenBody = () =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"n":'));
    },
    pull(controller) {
      controller.error(new Error("stream broke at /home/dev/app/node_modules/x/index.js:1:1"));
    },
  });

const post = (
  path: string,
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
) =>
  app().request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);

afterEach(() => vi.restoreAllMocks());

describe("HTTPException", () => {
  it.each([
    ["401", 401, "unauthorized"],
    ["413", 413, "payload_too_large"],
    ["418", 400, "invalid_request"],
    ["429h", 429, "rate_limited"],
    ["500h", 500, "internal"],
  ])("%s becomes %i %s in the envelope", async (what, status, code) => {
    const res = await app().request(`/throw/${what}`);
    expect(res.status).toBe(status);
    const { body, text } = await envelope(res);
    expect(body.error.code).toBe(code);
    expect(text).not.toContain("/home/dev");
  });

  it("keeps the challenge header of its own response", async () => {
    const res = await app().request("/throw/401");
    expect(res.headers.get("www-authenticate")).toBe("Basic");
    expect((await envelope(res)).body.error.message).toBe("who are you");
  });
});

describe("every 429 tells the client when to come back", () => {
  it.each(["429h", "429a"])("%s carries Retry-After", async (what) => {
    const res = await app().request(`/throw/${what}`);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("core's typed errors and zod errors", () => {
  it("a filter the upstream cannot apply is a 400 naming it", async () => {
    const res = await app().request("/throw/filter");
    expect(res.status).toBe(400);
    const { body } = await envelope(res);
    expect(body.error.issues).toEqual([{ path: "query.buyers", message: expect.any(String) }]);
  });

  it("a zod error inside a handler is our 500, its issues logged and not sent", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await app().request("/throw/zod");
    expect(res.status).toBe(500);
    const { body, text } = await envelope(res);
    expect(body.error.code).toBe("internal");
    expect(text).not.toContain("secretField");
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toContain("secretField");
  });
});

describe("request bodies", () => {
  it("a body stream that breaks is a 400 without a stack trace (validator)", async () => {
    vi.spyOn(console, "info").mockImplementation(() => undefined);
    const res = await post("/echo", brokenBody());
    expect(res.status).toBe(400);
    const { body, text } = await envelope(res);
    expect(body.error.code).toBe("invalid_request");
    expect(text).not.toMatch(/node_modules|\/home\/|\bat\s+\S+:\d+/);
  });

  it("a body stream that breaks is a 400 without a stack trace (readBodyCapped)", async () => {
    vi.spyOn(console, "info").mockImplementation(() => undefined);
    const res = await post("/capped", brokenBody());
    expect(res.status).toBe(400);
    const { body, text } = await envelope(res);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toMatch(/could not be read/);
    expect(text).not.toMatch(/node_modules|\/home\/|\bat\s+\S+:\d+/);
  });

  it("readBodyCapped refuses a body over the cap, declared or sent, with 413", async () => {
    vi.spyOn(console, "info").mockImplementation(() => undefined);
    const declared = await post("/capped", "{}", { "content-length": "65" });
    expect((await envelope(declared)).body.error.code).toBe("payload_too_large");
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(20));
        controller.close();
      },
    });
    const sent = await post("/capped", chunks);
    expect(sent.status).toBe(413);
    expect((await envelope(sent)).body.error.code).toBe("payload_too_large");
    const ok = await post("/capped", "x".repeat(64));
    expect(await ok.json()).toEqual({ bytes: 64 });
  });
});

describe("logging", () => {
  it("logs a 4xx as one JSON line at info, never through console.error", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await app().request("/nope?x=1", { headers: { "x-request-id": "log-4xx" } });
    expect(res.status).toBe(404);
    expect(error).not.toHaveBeenCalled();
    expect(info).toHaveBeenCalledTimes(1);
    const line = JSON.parse(String(info.mock.calls[0]?.[0]));
    expect(line).toMatchObject({
      level: "info",
      requestId: "log-4xx",
      method: "GET",
      path: "/nope",
      status: 404,
      code: "not_found",
    });
  });

  it("logs a validation failure at info too", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await post("/echo?unknown=1", JSON.stringify({ n: 1 }));
    expect(res.status).toBe(400);
    expect((await envelope(res)).body.error.issues?.[0]?.path).toBe("query");
    expect(error).not.toHaveBeenCalled();
    expect(JSON.parse(String(info.mock.calls[0]?.[0]))).toMatchObject({ status: 400 });
  });

  it("logs a 5xx at error level with the cause, and answers without it", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const res = await app().request("/throw/other");
    expect(res.status).toBe(500);
    const { text } = await envelope(res);
    expect(text).not.toMatch(/boom|secret\.ts|\/home\//);
    expect(info).not.toHaveBeenCalled();
    expect(error).toHaveBeenCalledTimes(1);
    const line = JSON.parse(String(error.mock.calls[0]?.[0]));
    expect(line).toMatchObject({ level: "error", status: 500, code: "internal" });
    expect(line.error).toContain("boom");
  });
});

describe("createWorkerApp", () => {
  it("sets and reads the request id, typed", async () => {
    const res = await app().request("/id", { headers: { "x-request-id": "abc-1" } });
    expect(await res.json()).toEqual({ id: "abc-1" });
    expect(res.headers.get("x-request-id")).toBe("abc-1");
  });

  it("answers a zod failure with the 400 envelope listing the field", async () => {
    vi.spyOn(console, "info").mockImplementation(() => undefined);
    const res = await post("/echo", JSON.stringify({ n: "one" }));
    expect(res.status).toBe(400);
    expect((await envelope(res)).body.error.issues).toEqual([
      { path: "body.n", message: expect.any(String) },
    ]);
  });
});
