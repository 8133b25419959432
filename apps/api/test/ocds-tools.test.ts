import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { ocdsRecordRoute, ocdsReleasesRoute } from "@doffin/contracts/ocds";
import { ApiError, onError, requestId, validationHook } from "@doffin/http";
import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { MCP_HEADERS } from "./agent-stand-in";

/**
 * The OCDS tools over a stand-in tracker that validates with the real `/ocds/*` contract (so the 400s
 * and their issues are the contract's) and serves two small packages.
 */
const head = {
  uri: "x",
  version: "1.1",
  extensions: [],
  publisher: { name: "p" },
  publishedDate: "2026-11-01T00:00:00Z",
  license: "l",
};
const release = (i: number) => ({
  ocid: "ocds-xxxxxx-p1",
  id: `r${i}`,
  date: `2026-11-0${i}T10:00:00Z`,
  tag: [i === 2 ? "award" : "tender"],
  title: `Kontrakt ${i}`,
  buyer: { id: "ORG-0001", name: "Oslo kommune" },
  awards: i === 2 ? [{ id: "RES-0001", suppliers: [{ id: "ORG-0002", name: "Leverandør AS" }] }] : undefined,
});

function app() {
  const seen: string[] = [];
  const tracker = new OpenAPIHono({ defaultHook: validationHook });
  tracker.use(requestId());
  tracker.use(async (c, next) => {
    seen.push(new URL(c.req.url).pathname + new URL(c.req.url).search);
    await next();
  });
  tracker.openapi(ocdsReleasesRoute, (c) => {
    const q = c.req.valid("query");
    if (q.buyer && q.buyer !== "974760673")
      throw new ApiError(
        "invalid_request",
        `no stored release has buyer=${q.buyer}; did you mean "Oslo kommune"?`,
        {
          issues: [{ path: "query.buyer", message: "no stored release has it" }],
        },
      );
    return c.json({
      ...head,
      releases: [release(1), release(2)],
      links: { next: "http://t/ocds/releases?cursor=abc.def" },
    }) as never;
  });
  tracker.openapi(ocdsRecordRoute, (c) => {
    if (c.req.valid("param").ocid !== "ocds-xxxxxx-p1") throw new ApiError("not_found", "No record.");
    return c.json({
      ...head,
      records: [
        {
          ocid: "ocds-xxxxxx-p1",
          releases: [release(1), release(2)],
          compiledRelease: { ocid: "ocds-xxxxxx-p1", tag: ["compiled"] },
        },
      ],
    }) as never;
  });
  tracker.onError(onError);
  const api = createApp({ now: () => Date.parse("2031-01-01T00:00:00Z") });
  const bindings = { ...env, TRACKER: { fetch: (r: Request) => tracker.fetch(r) } };
  const request = async (path: string, init?: RequestInit) => {
    const ctx = createExecutionContext();
    const res = await api.request(path, init, bindings, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
  return { request, seen };
}

const bridge = (a: ReturnType<typeof app>, tool: string, body: unknown) =>
  a.request(`/v1/tools/${tool}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("OCDS tools (MCP and the tool bridge)", () => {
  it("search_releases passes the contract's filters through and answers brief releases with next_cursor", async () => {
    const a = app();
    const res = await bridge(a, "search_releases", {
      buyer: "974760673",
      year: "2026",
      tag: "award",
      limit: 5,
    });
    expect(res.status).toBe(200);
    const out = (await res.json()) as {
      count: number;
      releases: { id: string; suppliers: string[] }[];
      next_cursor: string;
    };
    expect(a.seen).toEqual(["/ocds/releases?buyer=974760673&year=2026&tag=award&page_size=5"]);
    expect(out.count).toBe(2);
    expect(out.releases[1]).toMatchObject({ id: "r2", suppliers: ["Leverandør AS"] });
    expect(out.next_cursor).toBe("abc.def");
  });

  it("a filter the contract refuses is a 400 with its issues; so is an unknown tool argument", async () => {
    const a = app();
    const bad = await bridge(a, "search_releases", { contract_type: "food" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("goods, works or services");
    const unknown = await bridge(a, "search_releases", { buyer: "Ukjent" });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain("did you mean");
    const extra = await bridge(a, "search_releases", { item: "72" });
    expect(extra.status).toBe(400);
  });

  it("get_ocds_record answers the compiled release and the release list; an unknown ocid is found:false", async () => {
    const a = app();
    const out = (await (await bridge(a, "get_ocds_record", { ocid: "ocds-xxxxxx-p1" })).json()) as Record<
      string,
      unknown
    >;
    expect(out).toMatchObject({ found: true, compiledRelease: { tag: ["compiled"] } });
    expect(out.releases).toEqual([
      { id: "r1", date: "2026-11-01T10:00:00Z", tag: ["tender"] },
      { id: "r2", date: "2026-11-02T10:00:00Z", tag: ["award"] },
    ]);
    expect(await (await bridge(a, "get_ocds_record", { ocid: "nope" })).json()).toEqual({
      found: false,
      ocid: "nope",
    });
  });

  it("both are listed over MCP", async () => {
    const res = await app().request("/mcp", {
      method: "POST",
      headers: MCP_HEADERS,
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    const text = await res.text();
    expect(text).toContain('"search_releases"');
    expect(text).toContain('"get_ocds_record"');
  });
});
