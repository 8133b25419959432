import { ErrorEnvelope } from "@doffin/core";
import { createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { createWorkerApp, PRETTY_PARAMETER, type RequestIdVariables, withPrettyParameter } from "./index";

type E = { Variables: RequestIdVariables };

const strictRoute = createRoute({
  method: "get",
  path: "/things",
  request: { query: z.strictObject({ n: z.string().optional() }) },
  responses: { 200: { description: "ok", content: { "application/json": { schema: z.object({}) } } } },
});

function app() {
  const a = createWorkerApp<E>();
  a.openapi(strictRoute, (c) => {
    const res = c.json({ n: c.req.valid("query").n ?? null, url: c.req.url, list: [1, { a: "b" }] }, 200);
    res.headers.set("etag", '"abc"');
    return res;
  });
  a.get("/text", (c) => c.text("plain {  }"));
  a.get("/304", () => new Response(null, { status: 304, headers: { etag: '"abc"' } }));
  a.get("/fail", () => {
    throw new Error("boom");
  });
  return a;
}

describe("pretty=true on every route", () => {
  it("indents the JSON answer; it parses to the compact answer's value, with the ETag made weak", async () => {
    const compact = await app().request("/things?n=1");
    const pretty = await app().request("/things?n=1&pretty=true");
    expect(pretty.status).toBe(200);
    const [c, p] = [await compact.text(), await pretty.text()];
    expect(c).not.toContain("\n");
    expect(p).toContain('\n  "n": "1"');
    expect(JSON.parse(p)).toEqual(JSON.parse(c));
    // the handler saw a URL without `pretty`, so self-links are the same
    expect(JSON.parse(p).url).toBe("http://localhost/things?n=1");
    expect(compact.headers.get("etag")).toBe('"abc"');
    expect(pretty.headers.get("etag")).toBe('W/"abc"');
    expect(pretty.headers.get("content-type")).toMatch(/^application\/json/);
    expect(pretty.headers.get("x-request-id")).toBeTruthy();
  });

  it("accepts 1 as true and false as compact, and a strict contract never sees the parameter", async () => {
    expect(await (await app().request("/things?pretty=1")).text()).toContain("\n  ");
    const off = await app().request("/things?pretty=false");
    expect(off.status).toBe(200);
    expect(await off.text()).not.toContain("\n");
  });

  it("indents error envelopes too, and leaves non-JSON and bodiless answers alone", async () => {
    const err = await app().request("/things?bogus=1&pretty=true");
    expect(err.status).toBe(400);
    const text = await err.text();
    expect(text).toContain('\n  "error": {');
    expect(ErrorEnvelope.parse(JSON.parse(text)).error.code).toBe("invalid_request");
    const fail = await app().request("/fail?pretty=true");
    expect(fail.status).toBe(500);
    expect(await fail.text()).toContain("\n  ");
    expect(await (await app().request("/text?pretty=true")).text()).toBe("plain {  }");
    const nm = await app().request("/304?pretty=true");
    expect(nm.status).toBe(304);
    expect(nm.headers.get("etag")).toBe('W/"abc"');
  });

  it.each([
    ["pretty=yes", "use true or false"],
    ["pretty=", "use true or false"],
    ["pretty=TRUE", "use true or false"],
    ["pretty=true&pretty=false", "given 2 times with different values"],
  ])("%s → 400 invalid_request naming the parameter", async (query, message) => {
    const res = await app().request(`/things?${query}`);
    expect(res.status).toBe(400);
    const body = ErrorEnvelope.parse(await res.json());
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.issues).toEqual([{ path: "query.pretty", message: expect.stringContaining(message) }]);
  });

  it("a repeated identical value is fine", async () => {
    expect((await app().request("/things?pretty=true&pretty=true")).status).toBe(200);
  });

  it("keeps a request body when the URL is rewritten", async () => {
    const a = createWorkerApp<E>();
    a.post("/echo", async (c) => c.json(await c.req.json()));
    const res = await a.request("/echo?pretty=1", {
      method: "POST",
      body: JSON.stringify({ x: [1] }),
      headers: { "content-type": "application/json" },
    });
    expect(await res.text()).toBe('{\n  "x": [\n    1\n  ]\n}');
  });
});

describe("withPrettyParameter", () => {
  it("adds the parameter to every operation with a JSON 2xx answer, once", () => {
    const doc = withPrettyParameter({
      paths: {
        "/a": { get: { responses: { 200: { content: { "application/json": {} } } } } },
        "/b": {
          get: {
            parameters: [{ name: "x" }],
            responses: {
              200: { content: { "application/gzip": {} } },
              400: { content: { "application/json": {} } },
            },
          },
        },
        "/c": {
          get: {
            parameters: [{ name: "pretty" }],
            responses: { 200: { content: { "application/json": {} } } },
          },
        },
      },
    });
    const paths = doc.paths as Record<string, Record<string, { parameters?: unknown[] }>>;
    expect(paths["/a"]?.get?.parameters).toEqual([PRETTY_PARAMETER]);
    expect(paths["/b"]?.get?.parameters).toEqual([{ name: "x" }]);
    expect(paths["/c"]?.get?.parameters).toEqual([{ name: "pretty" }]);
  });
});
