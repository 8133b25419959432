import { ErrorEnvelope } from "@doffin/core";
import { describe, expect, it } from "vitest";
import { RESPONSE_BUDGET } from "../src/agent/budget";
import { emulatorApp, toolCallers } from "./helpers";

/**
 * The agent surfaces of the real API app (services, KV cache, search contract) against the Doffin
 * emulator: the tools must work on the very data path users get.
 */
function wired() {
  const { call } = emulatorApp();
  return { ...toolCallers(call), call };
}

describe("tools on the real API app (emulator upstream)", () => {
  it("search_tenders with Parse.bot's example answers their shape", async () => {
    const { tool } = wired();
    const { status, body } = await tool("search_tenders", {
      page: "1",
      limit: "5",
      query: "IT",
      statuses: "ACTIVE",
    });
    expect(status).toBe(200);
    const data = body.data as Record<string, unknown>;
    expect(typeof data.numHitsTotal).toBe("number");
    expect(data.numHitsAccessible).toBe(Math.min(Number(data.numHitsTotal), 1000));
    expect((data.hits as unknown[]).length).toBeLessThanOrEqual(5);
    for (const hit of data.hits as Array<{ status: string }>) expect(hit.status).toBe("ACTIVE");
    for (const facet of Object.values(data.facets as Record<string, { items: unknown[] }>))
      for (const item of facet.items)
        expect(item).toEqual({ id: expect.any(String), total: expect.any(Number) });
    expect(data.activeFacets).toEqual({ status: ["ACTIVE"] });
  });

  it("search_notices → get_notice round trip over MCP, under the budget", async () => {
    const { mcp } = wired();
    const search = await mcp("search_notices", { notice_type: "COMPETITION", detail: "full" });
    expect(search.isError).toBe(false);
    expect(search.text.length).toBeLessThanOrEqual(RESPONSE_BUDGET);
    const { notices, total } = JSON.parse(search.text) as { notices: Array<{ id: string }>; total: number };
    expect(total).toBeGreaterThan(0);
    const id = notices[0]?.id ?? "";
    const detail = await mcp("get_notice", { notice_id: id, detail: "full" });
    expect(detail.isError).toBe(false);
    expect(detail.text.length).toBeLessThanOrEqual(RESPONSE_BUDGET);
    expect(JSON.parse(detail.text)).toMatchObject({ found: true, notice: { id } });
  });

  it("an unknown notice is found:false (GnistAI) and a 404 envelope (Parse.bot)", async () => {
    const { mcp, tool } = wired();
    const r = await mcp("get_notice", { notice_id: "1999-000001" });
    expect(JSON.parse(r.text)).toEqual({ found: false, notice_id: "1999-000001" });
    const { status, body } = await tool("get_tender_detail", { tender_id: "1999-000001" });
    expect(status).toBe(404);
    expect(ErrorEnvelope.parse(body).error.code).toBe("not_found");
  });

  it("a bad CPV code comes back with the query linter's suggestion as a tool error", async () => {
    const { mcp } = wired();
    const r = await mcp("search_notices", { cpv_code: "72000001" });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/^invalid_request: /);
    expect(r.text).toMatch(/cpv_code/);
  });

  it("code lists come from the code routes", async () => {
    const { tool, mcp } = wired();
    const cpv = await mcp("get_cpv_codes", { query: "programvare" });
    expect(cpv.isError).toBe(false);
    const rows = (JSON.parse(cpv.text) as { codes: Array<{ id: string; label: string }> }).codes;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]?.id).toMatch(/^\d{8}$/);
    const { body } = await tool("get_location_codes", { query: "NO08" });
    const locs = (body.data as { codes: Array<{ id: string }> }).codes.map((r) => r.id);
    expect(locs).toContain("NO081");
  });

  it("GET /v1/tools and the feedback tool through a crashed feedback Worker → clean 503", async () => {
    const { call, tool } = wired();
    expect((await call("/v1/tools")).status).toBe(200);
    const { status, body } = await tool("report_feedback", { feedback: "x", feedback_type: "bug" });
    expect(status).toBe(503);
    expect(ErrorEnvelope.parse(body).error.code).toBe("upstream_unavailable");
  });
});
