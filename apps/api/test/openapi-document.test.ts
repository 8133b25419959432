import { env } from "cloudflare:workers";
import { ErrorEnvelope } from "@doffin/core";
import { describe, expect, it } from "vitest";
import { registerAgentSurfaces } from "../src/agent";
import { TOOLS } from "../src/agent/registry";
import { createApp } from "../src/app";
import { registerOpenApi } from "../src/openapi";
import { PARSEBOT_SEARCH_PARAMS } from "./agent-stand-in";

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
};
type Operation = {
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  responses: Record<
    string,
    { headers?: Record<string, unknown>; content?: Record<string, { schema: unknown }> }
  >;
  operationId?: string;
  requestBody?: unknown;
};

/** The real API app with both surfaces wired the way the lead wires them in app.ts. */
function fullApp() {
  const app = createApp();
  registerAgentSurfaces(app);
  registerOpenApi(app);
  const request = (path: string) => app.request(path, {}, env);
  return { routes: app.routes, request };
}

async function documentOf(app = fullApp(), origin = "https://gateway.example") {
  const res = await app.request(`${origin}/openapi.json`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  return { app, doc: (await res.json()) as Doc };
}

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

/** Every `$ref` in the document, as JSON pointers. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, out);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  return out;
}

const resolve = (doc: Doc, pointer: string): unknown =>
  pointer
    .replace(/^#\//, "")
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>(
      (node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
      doc,
    );

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3.1 document with title, version and this origin as server", async () => {
    const { doc } = await documentOf();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("Doffin gateway API");
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(doc.servers).toEqual([{ url: "https://gateway.example", description: "This gateway" }]);
  });

  it("is structurally sound: refs resolve, path parameters are declared, every operation answers", async () => {
    const { doc } = await documentOf();
    for (const ref of refs(doc)) expect(resolve(doc, ref), ref).toBeDefined();
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths)) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
        for (const name of templated)
          expect(
            op.parameters?.some((p) => p.in === "path" && p.name === name && p.required === true),
            `${method} ${path} declares {${name}}`,
          ).toBe(true);
        if (op.operationId) {
          expect(ids.has(op.operationId), op.operationId).toBe(false);
          ids.add(op.operationId);
        }
      }
    }
  });

  it("lists every route the app serves (and the sibling Workers' routes reached through it)", async () => {
    const { app, doc } = await documentOf();
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) =>
        METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const served = app.routes
      // `ALL` entries are middleware and the 405 catch-alls; wildcard entries are the service-binding
      // forwarders (their concrete routes are checked below); /docs/* are the docs page's own assets.
      .filter((r) => r.method !== "ALL" && !r.path.includes("*") && !r.path.startsWith("/docs/"))
      .map((r) => `${r.method} ${r.path.replace(/:([A-Za-z_]+)/g, "{$1}")}`);
    expect(served.length).toBeGreaterThan(10);
    for (const route of new Set(served)) {
      if (route === "POST /v1/tools/{name}") {
        for (const t of TOOLS) expect(documented, t.name).toContain(`POST /v1/tools/${t.name}`);
        continue;
      }
      expect(documented, route).toContain(route);
    }
    for (const sibling of [
      "GET /v1/changes",
      "GET /v1/notices/{id}/history",
      "GET /v1/tracker/status",
      "POST /v1/feedback",
      "GET /v1/feedback",
      "PATCH /v1/feedback/{id}",
    ])
      expect(documented, sibling).toContain(sibling);
  });

  it("documents the cache headers, 304 with If-None-Match, and the error envelope", async () => {
    const { doc } = await documentOf();
    const search = doc.paths["/v1/notices"]?.get;
    expect(Object.keys(search?.responses["200"]?.headers ?? {})).toEqual(
      expect.arrayContaining(["ETag", "Cache-Status", "Age"]),
    );
    expect(search?.responses["304"]).toBeDefined();
    expect(search?.parameters?.some((p) => p.in === "header" && p.name === "If-None-Match")).toBe(true);
    expect(search?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(["q", "type", "status", "cpv", "location", "page", "limit"]),
    );
    const bad = search?.responses["400"]?.content?.["application/json"]?.schema as Record<string, unknown>;
    const envelope = (bad.$ref ? resolve(doc, String(bad.$ref)) : bad) as { properties: { error: unknown } };
    expect(JSON.stringify(envelope.properties.error)).toContain("requestId");
    const changes = doc.paths["/v1/changes"]?.get;
    expect(changes?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(["since", "limit", "cursor"]),
    );
  });

  it("documents each tool with the request schema its handler validates with, and an example", async () => {
    const { doc } = await documentOf();
    const op = doc.paths["/v1/tools/search_tenders"]?.post as Operation & {
      requestBody: {
        content: {
          "application/json": { schema: { properties: Record<string, unknown> }; example: unknown };
        };
      };
    };
    expect(Object.keys(op.requestBody.content["application/json"].schema.properties)).toEqual(
      expect.arrayContaining([...PARSEBOT_SEARCH_PARAMS]),
    );
    expect(op.requestBody.content["application/json"].example).toEqual({
      page: "1",
      limit: "5",
      query: "IT",
      statuses: "ACTIVE",
    });
    expect(op.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(["x-api-key", "gnist-api-key"]));
    expect(doc.paths["/mcp"]?.post).toBeDefined();
  });
});

describe("GET /docs", () => {
  it("serves the Swagger UI page with only same-origin assets (no CDN)", async () => {
    const app = fullApp();
    const res = await app.request("/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<div id="swagger-ui"></div>');
    expect(html).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(srcs.sort()).toEqual(["/docs/init.js", "/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css"]);
    for (const src of srcs) expect((await app.request(src)).status, src).toBe(200);
  });

  it("bundles Swagger UI's JS and CSS from swagger-ui-dist and points it at /openapi.json", async () => {
    const app = fullApp();
    const js = await app.request("/docs/swagger-ui-bundle.js");
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    const jsText = await js.text();
    expect(jsText.length).toBeGreaterThan(500_000);
    expect(jsText).toContain("SwaggerUIBundle");
    const css = await app.request("/docs/swagger-ui.css");
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect((await css.text()).length).toBeGreaterThan(50_000);
    const init = await (await app.request("/docs/init.js")).text();
    expect(init).toContain('url: "/openapi.json"');
    // The public validator badge would call swagger.io; it is switched off.
    expect(init).toContain("validatorUrl: null");
  });

  it("unknown docs assets get the envelope", async () => {
    const res = await fullApp().request("/docs/nope.js");
    expect(res.status).toBe(404);
    expect(ErrorEnvelope.parse(await res.json()).error.code).toBe("not_found");
  });
});
