import { exports } from "cloudflare:workers";
import { ErrorEnvelope, Notice, SearchResult } from "@doffin/core";
import { beforeAll, describe, expect, it } from "vitest";
import { emulator, emulatorApp, uniqueKeys } from "./helpers";

/** `pretty=true` on the API's own routes and on what it forwards (the middleware is @doffin/http's). */

const unique = uniqueKeys(2093);
let noticeId = "";
beforeAll(async () => {
  noticeId = await emulator.someNoticeId();
});

describe("pretty=true on the API", () => {
  it("a search: indented, the same value, served from the compact answer's cache entry and ETag", async () => {
    const { call } = emulatorApp();
    const path = `/v1/notices?type=COMPETITION&limit=3&${unique()}`;
    const compact = await call(path);
    const pretty = await call(`${path}&pretty=true`);
    expect(pretty.status).toBe(200);
    const [c, p] = [await compact.text(), await pretty.text()];
    expect(c).not.toContain("\n");
    expect(p).toContain("\n  ");
    expect(SearchResult.parse(JSON.parse(p))).toEqual(SearchResult.parse(JSON.parse(c)));
    expect(JSON.parse(p)).toEqual(JSON.parse(c));
    // `pretty` is not part of the cache key: the second request is a hit on the first one's entry
    expect(pretty.headers.get("cache-status")).toContain("hit");
    expect(pretty.headers.get("etag")).toBe(`W/${compact.headers.get("etag")}`);
    // either form of the tag revalidates either answer
    const again = await call(`${path}&pretty=1`, {
      headers: { "if-none-match": pretty.headers.get("etag") ?? "" },
    });
    expect(again.status).toBe(304);
    expect(
      (await call(path, { headers: { "if-none-match": pretty.headers.get("etag") ?? "" } })).status,
    ).toBe(304);
  });

  it("a notice: indented, the same value", async () => {
    const { call } = emulatorApp();
    const compact = await call(`/v1/notices/${noticeId}`);
    const pretty = await call(`/v1/notices/${noticeId}?pretty=1`);
    expect(pretty.status).toBe(200);
    const p = await pretty.text();
    expect(p).toContain("\n  ");
    expect(Notice.parse(JSON.parse(p)).id).toBe(noticeId);
    expect(JSON.parse(p)).toEqual(JSON.parse(await compact.text()));
  });

  it.each([
    "/v1/jobs?limit=2",
    "/v1/jobs/facets",
    "/v1/codes/cpv?q=programvare",
    "/health",
    "/v1/tools",
    "/openapi.json",
  ])("%s?pretty=true: 200, indented, the same value (strict contracts never see it)", async (path) => {
    const { call } = emulatorApp();
    const sep = path.includes("?") ? "&" : "?";
    const compact = await call(path);
    const pretty = await call(`${path}${sep}pretty=true`);
    expect(pretty.status, path).toBe(200);
    const p = await pretty.text();
    expect(p).toContain("\n  ");
    const c = JSON.parse(await compact.text()) as Record<string, unknown>;
    const v = JSON.parse(p) as Record<string, unknown>;
    // /health reports live timings; everything else is the same value
    if (path === "/health") expect(Object.keys(v)).toEqual(Object.keys(c));
    else expect(v).toEqual(c);
  });

  it("an HTML page (the explorer's /) passes through untouched: pretty is JSON presentation only", async () => {
    const { call } = emulatorApp();
    const res = await call("/?pretty=true");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toMatch(/^<!doctype html>/i);
  });

  it("pretty=false and no pretty are compact; a strict contract never sees it", async () => {
    const { call } = emulatorApp();
    const res = await call(`/v1/codes/locations?pretty=false`);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain("\n");
  });

  it("a forwarded route: the sibling gets the query without pretty, the client gets it indented", async () => {
    const res = await exports.default.fetch("http://gateway/ocds/releases?year=2026&pretty=true");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('\n  "worker": "tracker"');
    expect(JSON.parse(text)).toMatchObject({ path: "/ocds/releases?year=2026" });
    const changes = await exports.default.fetch("http://gateway/v1/changes?pretty=true&limit=2");
    expect(JSON.parse(await changes.text())).toMatchObject({ path: "/v1/changes?limit=2" });
  });

  it("error envelopes are indented too", async () => {
    const { call } = emulatorApp();
    const res = await call("/v1/notices?cpv=9999*&pretty=true");
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain('\n  "error": {');
    expect(ErrorEnvelope.parse(JSON.parse(text)).error.code).toBe("invalid_request");
  });

  it.each([
    "/v1/notices?pretty=yes",
    `/v1/notices/2026-107918?pretty=no`,
    "/ocds/releases?pretty=TRUE",
    "/mcp?pretty=x",
  ])("%s → 400 invalid_request on query.pretty", async (path) => {
    const res = await emulatorApp().call(path);
    expect(res.status).toBe(400);
    const body = ErrorEnvelope.parse(await res.json());
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
    expect(body.error.issues).toEqual([{ path: "query.pretty", message: "use true or false (1 = true)" }]);
  });

  it("documents pretty on every JSON operation, not on the XML download", async () => {
    const doc = (await (await exports.default.fetch("http://gateway/openapi.json")).json()) as {
      paths: Record<string, Record<string, { parameters?: { name?: string }[] }>>;
    };
    for (const [path, method] of [
      ["/v1/notices", "get"],
      ["/v1/notices/{id}", "get"],
      ["/v1/changes", "get"],
      ["/ocds/releases", "get"],
      ["/v1/feedback", "post"],
    ] as const)
      expect(
        doc.paths[path]?.[method]?.parameters?.map((p) => p.name),
        path,
      ).toContain("pretty");
    expect(doc.paths["/v1/notices/{id}/eforms.xml"]?.get?.parameters?.map((p) => p.name)).not.toContain(
      "pretty",
    );
  });
});
