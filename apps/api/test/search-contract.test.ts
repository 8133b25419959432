import {
  CONTRACT_NATURES,
  ErrorEnvelope,
  NOTICE_STATUSES,
  NOTICE_TYPES,
  SEARCH_PARAM_NAMES,
  type SearchParamName,
  SearchQuery,
  SORT_ORDERS,
} from "@doffin/core";
import { beforeAll, describe, expect, it } from "vitest";
import { emulator, emulatorApp, toolCallers } from "./helpers";

/**
 * The search contract is one thing on every surface: each field of core's `SearchQuery` is accepted by
 * `GET /v1/notices`, by the MCP `search_notices` tool and by the REST bridge (`/v1/tools/search_notices`),
 * and a bad value of each is rejected with the same message; the OpenAPI parameters are the contract's.
 */

/** GnistAI's names for contract fields (search_notices); the rest keep the contract's name. */
const GNIST_NAME: Partial<Record<SearchParamName, string>> = {
  q: "text",
  type: "notice_type",
  cpv: "cpv_code",
  limit: "page_size",
};
/** Fields a tool fixes itself, so they are not tool arguments (search_notices answers without facets). */
const FIXED_BY_TOOL: readonly SearchParamName[] = ["facets"];

/** [field, good value, bad value, the contract's message for the bad value]. */
const CASES: Record<SearchParamName, [good: string, bad: string, message: string]> = {
  q: ["skole", "ab\u0001c", "must not contain control characters"],
  type: ["COMPETITION", "TENDER", `unknown value "TENDER"; use one of ${NOTICE_TYPES.join(", ")}`],
  status: ["ACTIVE", "OPEN", `unknown value "OPEN"; use one of ${NOTICE_STATUSES.join(", ")}`],
  cpv: ["72*", "7".repeat(101), "a value is longer than 100 characters"],
  location: ["Oslo", "x".repeat(101), "a value is longer than 100 characters"],
  contract_nature: ["SERVICES", "GOODS", `unknown value "GOODS"; use one of ${CONTRACT_NATURES.join(", ")}`],
  published_from: ["2026-01-01", "2026-02-30", "use a real date as YYYY-MM-DD"],
  published_to: ["2092-06-30", "01.02.2026", "use a real date as YYYY-MM-DD"],
  sort: ["published_desc", "cheapest", `use one of ${SORT_ORDERS.join(", ")}`],
  page: ["2", "0", "must be at least 1"],
  limit: ["5", "ten", "must be a whole number"],
  facets: ["false", "maybe", "use true or false"],
};

const { call } = emulatorApp();

async function rest(name: string, value: string) {
  return call(`/v1/notices?${new URLSearchParams({ [name]: value })}`);
}

const { mcp: mcpTool } = toolCallers(call);
const mcp = (args: Record<string, unknown>) => mcpTool("search_notices", args);

async function bridge(args: Record<string, unknown>) {
  return call("/v1/tools/search_notices", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(args),
  });
}

/** search_notices needs one filter; page/limit/sort cases add a harmless one. */
const withFilter = (name: SearchParamName, args: Record<string, unknown>) =>
  ["page", "limit", "sort"].includes(name) ? { ...args, published_to: "2092-12-31" } : args;

beforeAll(async () => {
  await emulator.clearFaults();
});

describe("the search contract on every surface", () => {
  it("the cases cover exactly SearchQuery's fields", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(SearchQuery.shape).sort());
    expect(Object.keys(SearchQuery.shape).sort()).toEqual([...SEARCH_PARAM_NAMES].sort());
  });

  it.each(SEARCH_PARAM_NAMES)("%s: accepted by REST, MCP and the bridge", async (name) => {
    const [good] = CASES[name];
    const res = await rest(name, good);
    expect(res.status, await res.clone().text()).toBe(200);
    if (FIXED_BY_TOOL.includes(name)) return;
    const arg = GNIST_NAME[name] ?? name;
    const viaMcp = await mcp(withFilter(name, { [arg]: good }));
    expect(viaMcp.isError, viaMcp.text).toBe(false);
    const viaBridge = await bridge(withFilter(name, { [arg]: good }));
    expect(viaBridge.status, await viaBridge.clone().text()).toBe(200);
  });

  it.each(SEARCH_PARAM_NAMES)(
    "%s: a bad value is rejected with the same message everywhere",
    async (name) => {
      const [, bad, message] = CASES[name];
      const res = await rest(name, bad);
      expect(res.status).toBe(400);
      expect(ErrorEnvelope.parse(await res.json()).error.issues).toEqual([
        { path: `query.${name}`, message },
      ]);
      if (FIXED_BY_TOOL.includes(name)) return;
      const arg = GNIST_NAME[name] ?? name;
      const viaMcp = await mcp(withFilter(name, { [arg]: bad }));
      expect(viaMcp.isError).toBe(true);
      expect(viaMcp.text).toContain(message);
      const viaBridge = await bridge(withFilter(name, { [arg]: bad }));
      expect(viaBridge.status).toBe(400);
      expect(ErrorEnvelope.parse(await viaBridge.json()).error.issues).toEqual([
        { path: `body.${arg}`, message: `${arg} ${message}` },
      ]);
    },
  );

  it("the cross-field window check has the same message everywhere", async () => {
    const res = await call("/v1/notices?page=21&limit=50");
    const rest = ErrorEnvelope.parse(await res.json()).error.issues?.[0];
    expect(rest?.path).toBe("query.page");
    expect(rest?.message).toMatch(/^page × limit must be ≤ 1000/);
    const args = { page: 21, page_size: 50, text: "skole" };
    expect((await mcp(args)).text).toContain(rest?.message);
    expect(ErrorEnvelope.parse(await (await bridge(args)).json()).error.issues).toEqual([
      { path: "body.page", message: `page ${rest?.message}` },
    ]);
  });

  it("the tools' input schemas carry every contract field, renamed, and not the ones they fix", async () => {
    const res = await call("/v1/tools");
    const { tools } = (await res.json()) as {
      tools: {
        name: string;
        inputSchema: { properties: Record<string, { enum?: string[]; items?: { enum?: string[] } }> };
      }[];
    };
    const props = tools.find((t) => t.name === "search_notices")?.inputSchema.properties ?? {};
    for (const name of SEARCH_PARAM_NAMES) {
      const arg = GNIST_NAME[name] ?? name;
      if (FIXED_BY_TOOL.includes(name)) expect(props, name).not.toHaveProperty(arg);
      else expect(props, name).toHaveProperty(arg);
    }
    expect(props.notice_type?.items?.enum).toEqual([...NOTICE_TYPES]);
    expect(props.sort?.enum).toEqual([...SORT_ORDERS]);
  });
});

type Param = {
  name: string;
  in: string;
  schema: {
    type?: string;
    enum?: string[];
    items?: { type?: string; enum?: string[] };
    minimum?: number;
    maximum?: number;
    default?: unknown;
    format?: string;
    examples?: unknown[];
  };
  description?: string;
};

describe("the OpenAPI document's /v1/notices parameters are the contract's", () => {
  let params: Param[] = [];
  beforeAll(async () => {
    const doc = (await (await call("/openapi.json")).json()) as {
      paths: Record<string, { get: { parameters: Param[] } }>;
    };
    params = (doc.paths["/v1/notices"]?.get.parameters ?? []).filter((p) => p.in === "query");
  });
  const param = (name: string) => {
    const p = params.find((x) => x.name === name);
    if (!p) throw new Error(`no parameter ${name}`);
    return p;
  };

  it("names: exactly the contract's (plus the answer's fields= projection and every route's pretty), each described with an example", () => {
    expect(params.map((p) => p.name).sort()).toEqual([...SEARCH_PARAM_NAMES, "fields", "pretty"].sort());
    for (const p of params) {
      expect(p.description, p.name).toBeTruthy();
      expect(p.schema.examples?.length, p.name).toBeGreaterThan(0);
    }
  });

  it("types, enums and ranges", () => {
    expect(param("type").schema).toMatchObject({
      type: "array",
      items: { type: "string", enum: [...NOTICE_TYPES] },
    });
    expect(param("status").schema.items?.enum).toEqual([...NOTICE_STATUSES]);
    expect(param("contract_nature").schema.items?.enum).toEqual([...CONTRACT_NATURES]);
    expect(param("cpv").schema).toMatchObject({ type: "array", items: { type: "string" } });
    expect(param("location").schema).toMatchObject({ type: "array", items: { type: "string" } });
    expect(param("sort").schema).toMatchObject({ type: "string", enum: [...SORT_ORDERS] });
    expect(param("page").schema).toMatchObject({ type: "integer", minimum: 1, maximum: 1000, default: 1 });
    expect(param("limit").schema).toMatchObject({ type: "integer", minimum: 1, maximum: 100, default: 20 });
    expect(param("published_from").schema).toMatchObject({ type: "string", format: "date" });
    expect(param("published_to").schema).toMatchObject({ type: "string", format: "date" });
    expect(param("facets").schema).toMatchObject({ type: "boolean", default: true });
    expect(param("q").schema).toMatchObject({ type: "string", maxLength: 500 });
  });
});
