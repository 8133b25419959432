import { env, exports } from "cloudflare:workers";
import { CpvCode, CpvNode, createDoffinClient, LocationTreeNode, Notice, SearchResult } from "@doffin/core";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { CpvDetail } from "../src/routes/codes";
import { HealthBody } from "../src/routes/health";
import { emulator, emulatorApp, emulatorUrl, expectEnvelope, testClock, uniqueKeys } from "./helpers";

const unique = uniqueKeys(2091);
let noticeId = "";

beforeAll(async () => {
  noticeId = await emulator.someNoticeId();
});
beforeEach(async () => {
  await emulator.clearFaults();
  await emulator.resetStats();
});

describe("GET /v1/notices", () => {
  it("returns a page of hits with labelled facets", async () => {
    const res = await emulatorApp().call(`/v1/notices?type=COMPETITION&limit=5&${unique()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = SearchResult.parse(await res.json());
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.length).toBeLessThanOrEqual(5);
    expect(body.page).toBe(1);
    expect(body.limit).toBe(5);
    expect(body.accessible).toBe(Math.min(body.total, 1000));
    for (const item of body.items) expect(item.allTypes).toContain("COMPETITION");
    const labelled = Object.entries(body.facets).filter(([name]) => name !== "buyer" && name !== "winner");
    expect(labelled.length).toBeGreaterThan(0);
    for (const [, items] of labelled)
      for (const item of items) expect(item.label).toEqual(expect.any(String));
  });

  it("leaves facets out when facets=false", async () => {
    const res = await emulatorApp().call(`/v1/notices?facets=false&${unique()}`);
    expect(SearchResult.parse(await res.json()).facets).toEqual({});
  });

  it("expands a CPV prefix and maps a county name to its NUTS code", async () => {
    const res = await emulatorApp().call(`/v1/notices?cpv=45*&location=Oslo&${unique()}`);
    expect(res.status).toBe(200);
    const body = SearchResult.parse(await res.json());
    for (const item of body.items) expect(item.locations.some((l) => l.startsWith("NO08"))).toBe(true);
  });
});

describe("GET /v1/notices/{id}", () => {
  it("returns the normalized notice", async () => {
    const res = await emulatorApp().call(`/v1/notices/${noticeId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toMatch(/^"/);
    const notice = Notice.parse(await res.json());
    expect(notice.id).toBe(noticeId);
  });

  it("answers 404 for an unknown id and remembers it briefly (negative cache)", async () => {
    const clock = testClock();
    const { call } = emulatorApp({ now: clock.now });
    await expectEnvelope(await call("/v1/notices/1999-000001"), 404, "not_found");
    await expectEnvelope(await call("/v1/notices/1999-000001"), 404, "not_found");
    expect((await emulator.stats()).byRoute["webclient.notice"]).toBe(1);
    clock.advance(61);
    await expectEnvelope(await call("/v1/notices/1999-000001"), 404, "not_found");
    expect((await emulator.stats()).byRoute["webclient.notice"]).toBe(2);
  });
});

describe("code lists", () => {
  it("serves the CPV tree", async () => {
    const res = await emulatorApp().call("/v1/codes/cpv");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("max-age=86400");
    const tree = z.array(CpvNode).parse(await res.json());
    expect(tree.length).toBeGreaterThan(40);
    expect(tree.every((n) => n.level === 1)).toBe(true);
  });

  it("serves a flat list and a label search", async () => {
    const flat = z.array(CpvCode).parse(await (await emulatorApp().call("/v1/codes/cpv?flat=true")).json());
    expect(flat.length).toBeGreaterThan(9000);
    const hits = await (await emulatorApp().call("/v1/codes/cpv?q=programvare")).json();
    const parsed = z.array(CpvCode.loose()).parse(hits);
    expect(parsed.length).toBeGreaterThan(0);
  });

  it("serves one CPV code with ancestors and children", async () => {
    const res = await emulatorApp().call("/v1/codes/cpv/72200000");
    const body = CpvDetail.parse(await res.json());
    expect(body.node.code).toBe("72200000");
    expect(body.ancestors.map((a) => a.code)).toContain("72000000");
    expect(body.children.every((c) => c.parent === "72200000")).toBe(true);
  });

  it("answers 404 for an unknown CPV code", async () => {
    await expectEnvelope(await emulatorApp().call("/v1/codes/cpv/99999999"), 404, "not_found");
  });

  it("serves the location tree with legacy codes flagged", async () => {
    const res = await emulatorApp().call("/v1/codes/locations");
    const tree = z.array(LocationTreeNode).parse(await res.json());
    const all: LocationTreeNode[] = [];
    const walk = (ns: LocationTreeNode[]) => {
      for (const n of ns) {
        all.push(n);
        walk(n.children);
      }
    };
    walk(tree);
    expect(all.find((l) => l.code === "NO082")?.legacy).toBe(true);
    expect(all.find((l) => l.code === "NO081")?.legacy).toBe(false);
  });
});

describe("GET /health", () => {
  it("reports liveness, version, upstream kind and reachability without secrets", async () => {
    const res = await emulatorApp().call(
      "/health",
      {},
      {
        ...env,
        UPSTREAM_BASE_URL: emulatorUrl(),
        DOFFIN_API_KEY: "super-secret-key",
      },
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("super-secret-key");
    const body = HealthBody.parse(JSON.parse(text));
    expect(body).toMatchObject({
      status: "ok",
      version: "0.1.0",
      upstream: { kind: "webclient", reachable: true },
    });
  });

  it("says Doffin is unreachable and points to the demo", async () => {
    const res = await emulatorApp().call("/health", {}, { ...env, UPSTREAM_BASE_URL: "http://127.0.0.1:9" });
    const body = HealthBody.parse(await res.json());
    expect(body.status).toBe("degraded");
    expect(body.upstream.reachable).toBe(false);
    expect(body.upstream.message).toContain("npm run demo");
  });
});

describe("the deployed entry point", () => {
  it("answers through the Worker's fetch handler with a request id", async () => {
    const res = await exports.default.fetch("http://gateway/v1/codes/cpv/03000000");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("forwarding to sibling Workers", () => {
  it("forwards change-feed paths to TRACKER with method, body and request id", async () => {
    const res = await emulatorApp().call("/v1/tracker/subscriptions?x=1", {
      method: "POST",
      body: '{"q":"skole"}',
      headers: { "x-request-id": "req-123", "content-type": "application/json" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      worker: "tracker",
      method: "POST",
      path: "/v1/tracker/subscriptions?x=1",
      requestId: "req-123",
      body: '{"q":"skole"}',
    });
    expect(res.headers.get("x-request-id")).toBe("req-123");
  });

  it.each(["/v1/changes", "/v1/changes?since=2026-01-01", `/v1/notices/2026-100001/history`])(
    "sends %s to the tracker",
    async (path) => {
      const res = await emulatorApp().call(path);
      expect(((await res.json()) as { worker: string }).worker).toBe("tracker");
    },
  );

  it("answers 503 when the sibling Worker fails", async () => {
    const res = await emulatorApp().call("/v1/feedback", { method: "POST", body: "{}" });
    await expectEnvelope(res, 503, "upstream_unavailable");
  });

  it("answers 503 when the binding is missing", async () => {
    const res = await emulatorApp().call("/v1/changes", {}, { ...env, TRACKER: undefined });
    await expectEnvelope(res, 503, "upstream_unavailable");
  });
});

describe("HTTP conventions", () => {
  it("answers a CORS preflight from any origin", async () => {
    const res = await emulatorApp().call("/v1/notices", {
      method: "OPTIONS",
      headers: { origin: "https://example.org", "access-control-request-method": "GET" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("exposes the caching headers to browsers", async () => {
    const res = await emulatorApp().call(`/v1/notices?${unique()}`, {
      headers: { origin: "https://example.org" },
    });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const exposed = res.headers.get("access-control-expose-headers")?.toLowerCase() ?? "";
    for (const h of ["etag", "cache-status", "x-request-id", "retry-after"]) expect(exposed).toContain(h);
  });

  it("answers HEAD like GET without a body", async () => {
    const res = await emulatorApp().call("/v1/codes/cpv/03000000", { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toMatch(/^"/);
    expect(await res.text()).toBe("");
  });

  it("answers an unknown route with the 404 envelope", async () => {
    await expectEnvelope(await emulatorApp().call("/v2/nothing"), 404, "not_found");
  });

  it.each(["POST", "PUT", "DELETE", "PATCH"])(
    "answers %s on a read-only path with 405 and Allow",
    async (method) => {
      const res = await emulatorApp().call("/v1/notices", { method });
      await expectEnvelope(res, 405, "method_not_allowed");
      expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    },
  );
});

describe("on the Doffin Public API (UPSTREAM_KIND=public-api)", () => {
  const publicApp = () =>
    emulatorApp({
      source: (_config, fetchImpl) =>
        createDoffinClient({
          baseUrl: emulatorUrl(),
          kind: "public-api",
          apiKey: "test-key",
          retry: { attempts: 1 },
          fetch: fetchImpl,
        }),
    });

  it("searches through the Public API", async () => {
    const res = await publicApp().call(`/v1/notices?type=RESULT&limit=3&${unique()}`);
    expect(res.status).toBe(200);
    const body = SearchResult.parse(await res.json());
    expect(body.items.length).toBeGreaterThan(0);
    expect((await emulator.stats()).byRoute["public.search"]).toBe(1);
  });

  it("answers 400 for a filter the Public API cannot apply instead of ignoring it", async () => {
    const res = await publicApp().call(`/v1/notices?contract_nature=WORKS&${unique()}`);
    const body = await expectEnvelope(res, 400, "invalid_request");
    expect(body.error.issues?.[0]?.path).toBe("query.contract_nature");
    expect((await emulator.stats()).total).toBe(0);
  });
});
