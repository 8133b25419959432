import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { alertsStandIn, KNOWN_SEARCH } from "./alerts-stand-in";
import { emulatorApp } from "./helpers";
import { createKey } from "./keys-helpers";

/** The app with the saved-search stand-in as TRACKER; `keys: false` is a gateway without API keys. */
function setup(opts: { keys: boolean }) {
  const { call } = emulatorApp();
  const tracker = alertsStandIn();
  const bindings = { ...env, TRACKER: tracker.binding, ...(opts.keys ? {} : { KEYS_DB: undefined }) };
  const send = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    call(
      path,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...headers,
        },
        body: JSON.stringify(body),
      },
      bindings,
    );
  const tool = async (name: string, args: unknown, headers: Record<string, string> = {}) => {
    const res = await send(`/v1/tools/${name}`, args, headers);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const mcp = async (name: string, args: unknown, headers: Record<string, string> = {}) => {
    const res = await send(
      "/mcp",
      { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args } },
      headers,
    );
    const body = (await res.json()) as { result: { isError?: boolean; content: { text: string }[] } };
    return { isError: body.result.isError === true, text: body.result.content[0]?.text ?? "" };
  };
  return { call, tracker, tool, mcp, bindings };
}

/** Issue paths of a bridge answer; the bridge names them under `body.` (the arguments are the body). */
const issuesOf = (body: Record<string, unknown>) =>
  ((body.error as { issues?: { path: string }[] }).issues ?? []).map((i) => i.path.replace(/^body\./, ""));

describe("create_alert and list_alert_matches", () => {
  it("create_alert posts the REST body to the tracker with the key's id as owner", async () => {
    const { call, tracker, tool, mcp } = setup({ keys: true });
    const { key, id } = await createKey(call, { owner: "alerts@example.no" });
    const auth = { authorization: `Bearer ${key}` };
    const args = {
      name: "IT in Oslo",
      query: { cpv: "72*", location: "Oslo", type: ["COMPETITION"] },
      webhook: { url: "https://hooks.example.com/doffin" },
    };
    const r = await tool("create_alert", args, auth);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: true, search: { id: KNOWN_SEARCH, source: "notices" } });
    expect((r.body.search as { webhook: { secret: string } }).webhook.secret).toBe(
      "generated-secret-0123456789",
    );
    expect(tracker.seen.at(-1)).toEqual({
      method: "POST",
      path: "/v1/searches",
      owner: id,
      body: { source: "notices", ...args },
    });
    const viaMcp = await mcp(
      "create_alert",
      { name: "Nurses", source: "jobs", query: { county: "Oslo" } },
      auth,
    );
    expect(viaMcp.isError).toBe(false);
    expect(JSON.parse(viaMcp.text).search.source).toBe("jobs");
    expect(tracker.seen.at(-1)?.owner).toBe(id);
  });

  it("without keys configured the owner is `anonymous`, and a client's own owner header is ignored", async () => {
    const { tracker, tool } = setup({ keys: false });
    const r = await tool("create_alert", { name: "open" }, { "x-dgw-owner": "mallory" });
    expect(r.status).toBe(200);
    expect(tracker.seen.at(-1)?.owner).toBe("anonymous");
    const m = await tool("list_alert_matches", { search_id: KNOWN_SEARCH }, { "x-dgw-owner": "mallory" });
    expect(m.status).toBe(200);
    expect(tracker.seen.at(-1)?.owner).toBe("anonymous");
  });

  it("with keys configured, no key is a 401 and the tracker is not called", async () => {
    const { tracker, tool, mcp } = setup({ keys: true });
    const r = await tool("create_alert", { name: "x" });
    expect(r.status).toBe(401);
    expect((r.body.error as { code: string }).code).toBe("unauthorized");
    expect((await mcp("list_alert_matches", { search_id: KNOWN_SEARCH })).isError).toBe(true);
    expect(tracker.seen).toEqual([]);
  });

  it("bad filters and hostile webhooks come back as 400s on the tools' own paths", async () => {
    const { tracker, tool } = setup({ keys: false });
    const cpv = await tool("create_alert", { name: "x", query: { cpv: "9999*" } });
    expect(cpv.status).toBe(400);
    expect(issuesOf(cpv.body)).toContain("query.cpv");
    const jobs = await tool("create_alert", { name: "x", source: "jobs", query: { cpv: "72*" } });
    expect(jobs.status).toBe(400);
    const hook = await tool("create_alert", { name: "x", webhook: { url: "http://169.254.169.254/latest" } });
    expect(hook.status).toBe(400);
    expect(issuesOf(hook.body)).toContain("webhook.url");
    const seenBefore = tracker.seen.length;
    // Checked by the tool's own schema, before any call: an unknown filter, a missing name.
    const unknown = await tool("create_alert", { name: "x", query: { colour: "red" } });
    expect(unknown.status).toBe(400);
    expect((await tool("create_alert", { query: {} })).status).toBe(400);
    const badId = await tool("list_alert_matches", { search_id: "nope" });
    expect(badId.status).toBe(400);
    expect(issuesOf(badId.body)).toContain("search_id");
    expect((await tool("list_alert_matches", { search_id: KNOWN_SEARCH, state: "read" })).status).toBe(400);
    expect(tracker.seen.length).toBe(seenBefore + 1);
  });

  it("list_alert_matches pages the matches with their state; an unknown search is 404", async () => {
    const { tracker, tool, mcp } = setup({ keys: false });
    const r = await tool("list_alert_matches", { search_id: KNOWN_SEARCH, state: ["starred"], limit: 5 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      count: 1,
      next_cursor: "next-1",
      matches: [{ itemId: "2026-107918", state: "starred" }],
    });
    expect(tracker.seen.at(-1)?.path).toBe(`/v1/searches/${KNOWN_SEARCH}/matches?state=starred&limit=5`);
    const missing = await tool("list_alert_matches", { search_id: "ss_zzzzzzzzzzzzzzzzzzzz" });
    expect(missing.status).toBe(404);
    expect((await mcp("list_alert_matches", { search_id: KNOWN_SEARCH })).isError).toBe(false);
  });

  it("the tool list documents every filter of both contracts", async () => {
    const { call, bindings } = setup({ keys: false });
    const res = await call("/v1/tools", {}, bindings);
    const list = (await res.json()) as {
      tools: {
        name: string;
        inputSchema?: Record<string, unknown>;
        input_schema?: Record<string, unknown>;
      }[];
    };
    const tool = list.tools.find((t) => t.name === "create_alert");
    const schema = JSON.stringify(tool);
    for (const f of [
      "cpv",
      "location",
      "contract_nature",
      "published_from",
      "county",
      "occupation",
      "remote",
    ])
      expect(schema, f).toContain(`"${f}"`);
    expect(schema).not.toContain('"page"');
    expect(list.tools.some((t) => t.name === "list_alert_matches")).toBe(true);
  });
});
