import { cpvCount, ErrorEnvelope, expandCpvPattern } from "@doffin/core";
import { describe, expect, it } from "vitest";
import { RESPONSE_BUDGET } from "../src/agent/budget";
import { standInApp } from "./agent-stand-in";

const post = (
  app: ReturnType<typeof standInApp>["app"],
  name: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  app.request(`/v1/tools/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

describe("REST tool bridge", () => {
  it("GET /v1/tools lists every tool with a JSON Schema (zod 4 toJSONSchema)", async () => {
    const { app } = standInApp();
    const res = await app.request("/v1/tools");
    expect(res.status).toBe(200);
    const { tools } = (await res.json()) as {
      tools: Array<{
        name: string;
        endpoint: string;
        inputSchema: { type: string; properties: Record<string, unknown> };
      }>;
    };
    // Eight Doffin tools, two organisation tools, NAV's four, the two OCDS tools and the two alert tools.
    expect(tools).toHaveLength(18);
    for (const t of tools) {
      expect(t.endpoint).toBe(`/v1/tools/${t.name}`);
      expect(t.inputSchema.type).toBe("object");
    }
    const tenders = tools.find((t) => t.name === "search_tenders");
    // Parse.bot sends numbers as strings: the schema says so.
    expect(tenders?.inputSchema.properties.limit).toMatchObject({
      anyOf: [{ type: "integer" }, { type: "string" }],
    });
  });

  it("Parse.bot's documented example returns their shape, wrapped in data", async () => {
    const standIn = standInApp();
    const res = await post(
      standIn.app,
      "search_tenders",
      { page: "1", limit: "5", query: "IT", statuses: "ACTIVE" },
      { "X-API-Key": "pb_live_whatever" },
    );
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: Record<string, unknown> };
    const active = standIn.notices.filter((n) => n.status === "ACTIVE").length;
    expect(data).toMatchObject({
      numHitsTotal: active,
      numHitsAccessible: active,
      activeFacets: { status: ["ACTIVE"] },
    });
    const hits = data.hits as Array<Record<string, unknown>>;
    expect(hits).toHaveLength(5);
    // The bridge defaults to the full web-client hit shape Parse.bot passes through.
    expect(Object.keys(hits[0] ?? {})).toEqual(
      expect.arrayContaining([
        "id",
        "buyer",
        "heading",
        "locationId",
        "estimatedValue",
        "issueDate",
        "publicationDate",
        "allTypes",
      ]),
    );
    expect(hits[0]?.estimatedValue).toMatchObject({ currencyCode: "NOK" });
    const facets = data.facets as Record<string, { items: Array<{ id: string; total: number }> }>;
    expect(facets.status?.items.find((i) => i.id === "ACTIVE")?.total).toBe(active);
    expect(facets.contractNature?.items).toEqual([{ id: "SERVICES", total: active }]);
    expect(standIn.searches).toEqual([{ q: "IT", statuses: ["ACTIVE"], page: 1, limit: 5 }]);
  });

  it("Parse.bot numbers may be numbers too; sort_by and ISO timestamps map to the REST names", async () => {
    const standIn = standInApp();
    const res = await post(standIn.app, "search_tenders", {
      page: 2,
      limit: 3,
      types: "COMPETITION,RESULT",
      pub_from: "2026-01-01T00:00:00Z",
      pub_to: "2026-06-30",
      sort_by: "PUBLICATION_DATE_DESC",
      contract_natures: "SERVICES",
    });
    expect(res.status).toBe(200);
    expect(standIn.searches.at(-1)).toEqual({
      types: ["COMPETITION", "RESULT"],
      contractNatures: ["SERVICES"],
      publishedFrom: "2026-01-01",
      publishedTo: "2026-06-30",
      sort: "published_desc",
      page: 2,
      limit: 3,
    });
    const { data } = (await res.json()) as { data: { activeFacets: Record<string, unknown> } };
    expect(data.activeFacets).toEqual({
      type: ["COMPETITION", "RESULT"],
      contractNature: ["SERVICES"],
      publicationDate: { from: "2026-01-01", to: "2026-06-30" },
    });
  });

  it("GnistAI's documented example (text + location) with Gnist-API-Key answers their shape", async () => {
    const { app } = standInApp();
    const res = await post(
      app,
      "search_notices",
      // GnistAI's own example says NO03, a NUTS 2016 code the gateway rejects with suggestions.
      { text: "IKT", location: "NO081" },
      { "Gnist-API-Key": "g-123" },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ total: 0, page: 1, page_size: 20, count: 0, has_more: false, notices: [] });
  });

  it("get_notice → found:false for an unknown id; get_tender_detail → 404 envelope", async () => {
    const { app } = standInApp();
    expect(await (await post(app, "get_notice", { notice_id: "2026-999999" })).json()).toEqual({
      found: false,
      notice_id: "2026-999999",
    });
    const res = await post(app, "get_tender_detail", { tender_id: "2026-999999" });
    expect(res.status).toBe(404);
    expect(ErrorEnvelope.parse(await res.json()).error.code).toBe("not_found");
    const ok = await post(app, "get_tender_detail", { id: "2026-100004" });
    expect(((await ok.json()) as { data: { id: string; sections: unknown[] } }).data).toMatchObject({
      id: "2026-100004",
    });
  });

  it("get_doffin_changes and report_feedback on the bridge", async () => {
    const { app } = standInApp();
    const changes = (await (
      await post(app, "get_doffin_changes", { since: "2026-11-20T00:00:00Z" })
    ).json()) as {
      count: number;
    };
    expect(changes.count).toBe(50);
    const fb = await post(app, "report_feedback", {
      feedback: "Broken link",
      feedback_type: "bug",
      notice_id: "2026-100001",
    });
    expect(fb.status).toBe(200);
    expect(await fb.json()).toMatchObject({ ok: true, status: "open" });
  });

  it("code lists: the bridge returns the whole flattened hierarchy (paged) wrapped in data", async () => {
    const { app } = standInApp();
    const { data } = (await (await post(app, "get_cpv_codes", {})).json()) as {
      data: { total: number; codes: Array<{ id: string; parent: string | null }> };
    };
    expect(data.total).toBe(cpvCount());
    expect(JSON.stringify(data).length).toBeLessThanOrEqual(RESPONSE_BUDGET);
    expect(data.codes[1]).toMatchObject({ parent: data.codes[0]?.id });
  });

  it("unknown tool → 404 envelope naming the tools", async () => {
    const { app } = standInApp();
    const res = await post(app, "search_everything", {});
    expect(res.status).toBe(404);
    const body = ErrorEnvelope.parse(await res.json());
    expect(body.error.code).toBe("not_found");
    expect(body.error.message).toContain("search_tenders");
  });

  it.each([
    ["not JSON", "{page: 1", "The request body is not valid JSON."],
    ["an array", "[1,2]", "must be a JSON object"],
    ["limit out of range", { limit: "500" }, "limit must be between 1 and 100"],
    ["limit not a number", { limit: "five" }, "limit must be a whole number"],
    ["unknown argument", { query: "IT", statuss: "ACTIVE" }, "statuss"],
    ["bad sort", { sort_by: "CHEAPEST" }, "sort_by must be one of"],
  ])("bad body (%s) → 400 envelope", async (_what, body, message) => {
    const { app } = standInApp();
    const res = await post(app, "search_tenders", body);
    expect(res.status).toBe(400);
    const env = ErrorEnvelope.parse(await res.json());
    expect(env.error.code).toBe("invalid_request");
    expect(JSON.stringify(env.error)).toContain(message);
  });

  it("validation issues point into the body", async () => {
    const { app } = standInApp();
    const env = ErrorEnvelope.parse(
      await (await post(app, "search_notices", { page_size: 0, text: "x" })).json(),
    );
    expect(env.error.issues).toEqual([
      { path: "body.page_size", message: "page_size must be between 1 and 50" },
    ]);
  });

  it("an upstream linter 400 keeps its suggestion, renamed to the tool's parameter", async () => {
    const { app } = standInApp();
    const env = ErrorEnvelope.parse(
      await (await post(app, "search_tenders", { cpv_ids: "72000001" })).json(),
    );
    const lookup = expandCpvPattern("72000001");
    if (lookup.ok) throw new Error("72000001 is not a CPV code");
    expect(lookup.failure.message).toContain("did you mean 72000000");
    expect(env.error.issues).toEqual([{ path: "body.cpv_ids", message: lookup.failure.message }]);
  });
});

describe("report_feedback takes the feedback Worker's contract", () => {
  it.each([
    ["a contact that is not an e-mail", { contact: "call me" }, "must be an e-mail address"],
    ["a contact over 254 characters", { contact: `${"a".repeat(250)}@example.no` }, "contact"],
    ["a malformed notice id", { notice_id: "2026-1" }, "notice_id"],
    ["an empty feedback", { feedback: "   " }, "must not be empty"],
  ])("%s → 400 before the Worker is called", async (_what, extra, message) => {
    const standIn = standInApp();
    const res = await post(standIn.app, "report_feedback", { feedback: "Wrong buyer", ...extra });
    expect(res.status).toBe(400);
    expect(JSON.stringify(ErrorEnvelope.parse(await res.json()).error)).toContain(message);
    expect(standIn.seen).toEqual([]);
  });

  it("a real e-mail contact goes through", async () => {
    const standIn = standInApp();
    const res = await post(standIn.app, "report_feedback", {
      feedback: "Wrong buyer",
      contact: "ola@example.no",
    });
    expect(res.status).toBe(200);
    expect(standIn.seen).toEqual(["POST /v1/feedback"]);
  });
});
