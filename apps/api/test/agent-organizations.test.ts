import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { emulatorApp, toolCallers } from "./helpers";
import { TROMSO, trackerStandIn } from "./tracker-stand-in";

/** The app with the organisation stand-in as its TRACKER binding. */
function withTracker() {
  const { call } = emulatorApp();
  const tracker = { fetch: (req: Request) => trackerStandIn.fetch(req, env) };
  return toolCallers((path, init) => call(path, init, { ...env, TRACKER: tracker }));
}

describe("organisation tools (bridge and MCP, through the TRACKER binding)", () => {
  it("search_organizations finds by name without diacritics on both surfaces", async () => {
    const { tool, mcp } = withTracker();
    const bridge = await tool("search_organizations", { query: "tromso", role: "buyer" });
    expect(bridge.status).toBe(200);
    expect(bridge.body).toMatchObject({ count: 1, organizations: [{ orgNumber: TROMSO.orgNumber }] });
    expect(bridge.body.next_cursor).toBeUndefined();
    const viaMcp = await mcp("search_organizations", { query: "TROMS" });
    expect(viaMcp.isError).toBe(false);
    expect(JSON.parse(viaMcp.text).count).toBe(2);
  });

  it("get_organization answers both views and the awards cursor", async () => {
    const { tool, mcp } = withTracker();
    const bridge = await tool("get_organization", { org_number: "NO 940 101 808 MVA" });
    expect(bridge.status).toBe(200);
    const org = bridge.body.organization as typeof TROMSO;
    expect(org.asBuyer.noticesPublished).toBe(3);
    expect(org.asSupplier.awards[0]?.value).toEqual({ amount: 1_200_000, currency: "NOK" });
    expect(bridge.body.next_cursor).toBe("c2");
    const viaMcp = await mcp("get_organization", { org_number: "940101808", limit: 1 });
    expect(JSON.parse(viaMcp.text).organization.name).toBe("Tromsø kommune");
  });

  it("bad input comes back with the tools' parameter names; unknown → not_found", async () => {
    const { tool, mcp } = withTracker();
    const short = await tool("search_organizations", { query: "t" });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body)).toContain("query");
    const badNumber = await tool("get_organization", { org_number: "12345" });
    expect(badNumber.status).toBe(400);
    expect(JSON.stringify(badNumber.body)).toContain("org_number");
    expect((await tool("get_organization", { org_number: "999999999" })).status).toBe(404);
    expect((await mcp("search_organizations", { query: "tromso", role: "owner" })).isError).toBe(true);
  });

  it("without a tracker: upstream_unavailable, not a crash", async () => {
    const { call } = emulatorApp();
    const { tool } = toolCallers((path, init) => call(path, init, { ...env, TRACKER: undefined }));
    expect((await tool("get_organization", { org_number: "940101808" })).status).toBe(503);
  });
});
