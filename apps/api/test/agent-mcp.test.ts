import { cpvChildren, ErrorEnvelope } from "@doffin/core";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { RESPONSE_BUDGET } from "../src/agent/budget";
import { TOOLS } from "../src/agent/registry";
import { MCP_HEADERS, PARSEBOT_SEARCH_PARAMS, rpc, type StandIn, standInApp } from "./agent-stand-in";

/** The SDK's real client, speaking Streamable HTTP to the app's fetch handler. */
async function connect(standIn: StandIn) {
  const client = new Client({ name: "agent-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL("http://gateway.test/mcp"), {
    fetch: async (url, init) => standIn.app.request(String(url), init),
  });
  await client.connect(transport);
  return client;
}

const textOf = (r: unknown): string => {
  const content = (r as CallToolResult).content[0];
  if (content?.type !== "text") throw new Error("expected a text result");
  return content.text;
};
const jsonOf = (r: unknown) => JSON.parse(textOf(r)) as Record<string, unknown> & { [k: string]: unknown };

let client: Client | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe("MCP over Streamable HTTP (SDK client)", () => {
  it("initializes and lists all eighteen tools with JSON Schemas from zod", async () => {
    client = await connect(standInApp());
    expect(client.getServerVersion()?.name).toBe("doffin-gateway");
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        "get_cpv_codes",
        "get_doffin_changes",
        "get_location_codes",
        "get_notice",
        "get_organization",
        "get_ocds_record",
        "get_tender_detail",
        "report_feedback",
        "search_organizations",
        "search_notices",
        "search_releases",
        "search_tenders",
        "search_jobs",
        "get_job_detail",
        "get_facets",
        "get_job_changes",
        "create_alert",
        "list_alert_matches",
      ].sort(),
    );
    const search = tools.find((t) => t.name === "search_notices");
    expect(Object.keys(search?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining([
        "text",
        "status",
        "notice_type",
        "cpv_code",
        "location",
        "page",
        "page_size",
        "detail",
        "fields",
      ]),
    );
    const tenders = tools.find((t) => t.name === "search_tenders");
    expect(Object.keys(tenders?.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining([...PARSEBOT_SEARCH_PARAMS]),
    );
  });

  it("search_notices: compact page of 10 by default, through the REST route", async () => {
    const standIn = standInApp();
    client = await connect(standIn);
    const out = jsonOf(
      await client.callTool({ name: "search_notices", arguments: { text: "IT", status: "ACTIVE" } }),
    );
    expect(out).toMatchObject({ page: 1, page_size: 10, count: 10, has_more: true, next_page: 2 });
    const first = (out.notices as Array<Record<string, unknown>>)[0];
    expect(Object.keys(first ?? {}).sort()).toEqual(
      [
        "buyers",
        "deadline",
        "description",
        "estimatedValue",
        "heading",
        "id",
        "locations",
        "publishedOn",
        "status",
        "type",
        "url",
      ].sort(),
    );
    expect((out.notices as Array<{ status: string }>).every((n) => n.status === "ACTIVE")).toBe(true);
    // The service got exactly the contract's query (facets off: search_notices answers without them).
    expect(standIn.searches).toEqual([{ q: "IT", statuses: ["ACTIVE"], page: 1, limit: 10 }]);
  });

  it("search_notices: fields projection keeps id and the asked fields only", async () => {
    client = await connect(standInApp());
    const out = jsonOf(
      await client.callTool({
        name: "search_notices",
        arguments: { text: "IT", fields: ["heading", "deadline"], page_size: 3 },
      }),
    );
    expect((out.notices as object[]).map((n) => Object.keys(n).sort())).toEqual(
      Array(3).fill(["deadline", "heading", "id"]),
    );
  });

  it("search_notices without any filter is a tool error that says what to add", async () => {
    client = await connect(standInApp());
    const r = await client.callTool({ name: "search_notices", arguments: { page: 1 } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/at least one filter/);
  });

  it("a bad filter passes the query linter's suggestion through as the tool error", async () => {
    client = await connect(standInApp());
    const r = await client.callTool({ name: "search_notices", arguments: { cpv_code: "72000001" } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain("invalid_request: The search query is not valid; see issues.");
    expect(textOf(r)).toContain(
      'cpv_code: CPV code "72000001" is not in the CPV 2008 list; did you mean 72000000',
    );
  });

  it("an unknown field in the projection is a tool error listing valid fields", async () => {
    client = await connect(standInApp());
    const r = await client.callTool({
      name: "search_notices",
      arguments: { text: "IT", fields: "heading,colour" },
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/Unknown field colour\. Valid fields: .*heading/);
  });

  it("get_notice: summary, full, and found:false for an unknown id; bad id is a tool error", async () => {
    client = await connect(standInApp());
    const summary = jsonOf(
      await client.callTool({ name: "get_notice", arguments: { notice_id: "2026-100003" } }),
    );
    expect(summary).toMatchObject({ found: true, notice: { id: "2026-100003", cpvCodes: ["72000000"] } });
    expect(summary.notice).not.toHaveProperty("sections");
    const full = jsonOf(
      await client.callTool({ name: "get_notice", arguments: { notice_id: "2026-100003", detail: "full" } }),
    );
    expect(full.notice).toHaveProperty("sections");
    const missing = jsonOf(
      await client.callTool({ name: "get_notice", arguments: { notice_id: "2026-999999" } }),
    );
    expect(missing).toEqual({ found: false, notice_id: "2026-999999" });
    const bad = await client.callTool({ name: "get_notice", arguments: { notice_id: "nope" } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toContain("notice_id: a Doffin notice id looks like 2026-107918");
  });

  it("get_doffin_changes: GnistAI shape with count and entity_id/changed_at", async () => {
    client = await connect(standInApp());
    const out = jsonOf(
      await client.callTool({ name: "get_doffin_changes", arguments: { since: "2026-11-20T00:00:00Z" } }),
    );
    expect(out.count).toBe(10);
    expect((out.changes as object[])[0]).toEqual({
      entity_id: "2026-100001",
      changed_at: "2026-11-20T06:00:00Z",
      kind: "deadline_changed",
      changes: [{ field: "deadline", before: "2026-12-01T12:00:00Z", after: "2026-12-08T12:00:00Z" }],
    });
    expect(out.next_cursor).toBe("cursor-2");
    const bad = await client.callTool({ name: "get_doffin_changes", arguments: { since: "yesterday" } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toContain("since: use an ISO 8601 timestamp");
  });

  it("report_feedback posts to the feedback route; a bad type is a tool error", async () => {
    const standIn = standInApp();
    client = await connect(standIn);
    const ok = jsonOf(
      await client.callTool({
        name: "report_feedback",
        arguments: { feedback: "Wrong buyer", feedback_type: "data_error" },
      }),
    );
    expect(ok).toEqual({
      ok: true,
      id: "fb_01jd4x0m5k8e2r7w9q3t6y1z4v",
      status: "open",
      created_at: "2026-11-23T12:00:00.000Z",
    });
    expect(standIn.seen).toContain("POST /v1/feedback");
    const bad = await client.callTool({
      name: "report_feedback",
      arguments: { feedback: "x", feedback_type: "rant" },
    });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toContain('expected one of "bug"');
    expect(textOf(bad)).toContain("feedback_type");
    // GnistAI clients send free-form kinds such as "other": mapped, not rejected.
    const other = await client.callTool({
      name: "report_feedback",
      arguments: { feedback: "A wish", feedback_type: "other" },
    });
    expect(other.isError).toBeFalsy();
  });

  it("Parse.bot tools: search_tenders, get_tender_detail, get_cpv_codes, get_location_codes", async () => {
    const standIn = standInApp();
    client = await connect(standIn);
    const s = jsonOf(
      await client.callTool({
        name: "search_tenders",
        arguments: { query: "IT", statuses: "ACTIVE,EXPIRED", limit: "5" },
      }),
    );
    const expected = standIn.notices.filter((n) => n.status === "ACTIVE" || n.status === "EXPIRED").length;
    expect(s).toMatchObject({
      numHitsTotal: expected,
      numHitsAccessible: expected,
      activeFacets: { status: ["ACTIVE", "EXPIRED"] },
    });
    expect((s.hits as object[]).length).toBe(5);
    expect((s.facets as Record<string, { items: unknown[] }>).cpvCodesId?.items.length).toBe(10);
    const d = jsonOf(
      await client.callTool({ name: "get_tender_detail", arguments: { tender_id: "2026-100002" } }),
    );
    expect(d).toMatchObject({ id: "2026-100002", heading: "IT-tjenester 2" });
    const cpv = jsonOf(await client.callTool({ name: "get_cpv_codes", arguments: {} }));
    expect(cpv).toMatchObject({ total: 45, count: 45 });
    const children = jsonOf(
      await client.callTool({ name: "get_cpv_codes", arguments: { parent: "03000000", limit: 3 } }),
    );
    expect(cpvChildren("03000000").length).toBe(4);
    expect(children).toMatchObject({ total: 4, count: 3, next_page: 2 });
    expect((children.codes as Array<{ parent: string; depth: number }>)[0]).toMatchObject({
      parent: "03000000",
      depth: 1,
    });
    const loc = jsonOf(await client.callTool({ name: "get_location_codes", arguments: { query: "oslo" } }));
    // Ranked (core's searchLocationsPage): the exact name first, then the region containing it.
    expect((loc.codes as Array<{ id: string; legacy: boolean }>).map((r) => [r.id, r.legacy])).toEqual([
      ["NO081", false],
      ["NO08", false],
    ]);
  });

  it("every tool answers under the budget and says truncated + how to continue when it had to cut", async () => {
    client = await connect(standInApp({ descriptionChars: 4000 }));
    const out = await client.callTool({
      name: "search_notices",
      arguments: { text: "IT", detail: "full", page_size: 50 },
    });
    const text = textOf(out);
    expect(text.length).toBeLessThanOrEqual(RESPONSE_BUDGET);
    const body = JSON.parse(text);
    expect(body.truncated).toBe(true);
    expect(body.count).toBe(body.notices.length);
    expect(body.count).toBeGreaterThan(0);
    expect(body.count).toBeLessThan(50);
    expect(body.next).toEqual({ page: 2, page_size: body.count });
    expect(body.continuation).toMatch(/page=2/);

    const notice = textOf(
      await client.callTool({ name: "get_notice", arguments: { notice_id: "2026-100001", detail: "full" } }),
    );
    expect(notice.length).toBeLessThanOrEqual(RESPONSE_BUDGET);
    expect(JSON.parse(notice)).toMatchObject({ found: true, truncated: true });

    const tenders = textOf(
      await client.callTool({
        name: "search_tenders",
        arguments: { query: "IT", limit: 100, detail: "full" },
      }),
    );
    expect(tenders.length).toBeLessThanOrEqual(RESPONSE_BUDGET);
    expect(JSON.parse(tenders)).toMatchObject({ truncated: true });
  });

  it("the continuation really continues: the next call starts at the first notice not returned", async () => {
    client = await connect(standInApp({ descriptionChars: 4000 }));
    const first = jsonOf(
      await client.callTool({
        name: "search_notices",
        arguments: { text: "IT", detail: "full", page_size: 20 },
      }),
    );
    const next = first.next as { page: number; page_size: number };
    const second = jsonOf(
      await client.callTool({ name: "search_notices", arguments: { text: "IT", detail: "full", ...next } }),
    );
    const ids = (x: Record<string, unknown>) => (x.notices as Array<{ id: string }>).map((n) => n.id);
    const last = Number(ids(first).at(-1)?.slice(5));
    expect(Number(ids(second)[0]?.slice(5))).toBe(last + 1);
  });
});

describe("MCP endpoint over plain HTTP", () => {
  it("answers initialize and tools/list as JSON (stateless: no session id)", async () => {
    const { app } = standInApp();
    const init = await rpc(app, "initialize", {
      protocolVersion: "2025-06-18",
      capabilities: {},
      clientInfo: { name: "curl", version: "0" },
    });
    expect(init.res.status).toBe(200);
    expect(init.res.headers.get("content-type")).toMatch(/application\/json/);
    expect(init.res.headers.get("mcp-session-id")).toBeNull();
    expect(init.body.result?.serverInfo).toMatchObject({ name: "doffin-gateway" });
    const list = await rpc(app, "tools/list");
    expect(list.body.result?.tools).toHaveLength(TOOLS.length);
  });

  it("accepts a client that only accepts JSON", async () => {
    const { app } = standInApp();
    const res = await app.request("/mcp", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 7,
        method: "tools/call",
        params: { name: "get_location_codes", arguments: {} },
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: number; result: CallToolResult };
    expect(body.id).toBe(7);
    expect(body.result.isError).toBeFalsy();
  });

  it("bad JSON is a JSON-RPC parse error, not a 500", async () => {
    const { app } = standInApp();
    const res = await app.request("/mcp", { method: "POST", headers: MCP_HEADERS, body: "{nope" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });

  it.each(["GET", "DELETE"])("%s /mcp is 405 with Allow: POST and the envelope", async (method) => {
    const { app } = standInApp();
    const res = await app.request("/mcp", { method });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(ErrorEnvelope.parse(await res.json()).error.code).toBe("method_not_allowed");
  });
});
