import { checkJobSearch, ErrorEnvelope, JobSearchQuery } from "@doffin/core";
import { beforeAll, describe, expect, it } from "vitest";
import { emulatorApp, navEmulatorUrl, toolCallers } from "./helpers";

/**
 * The job search contract is one thing on every surface: each field of core's `JobSearchQuery` is
 * accepted by `GET /v1/jobs`, by the MCP `search_jobs` tool and by the REST bridge
 * (`/v1/tools/search_jobs`), and a bad value of each is refused with the same message — the
 * contract's own (core's `checkJobSearch`). The CLI half is
 * packages/cli's jobs-contract test, over the same values.
 */

type Field = keyof typeof JobSearchQuery.shape;

/** [good value, bad value, the contract's message for the bad value]. */
const CASES: Record<Field, [good: string, bad: string, message: string]> = {
  q: ["kokk", "x".repeat(501), "q is at most 500 characters"],
  county: ["Oslo", "Osloo", 'unknown county "Osloo"; did you mean OSLO? see NAV_COUNTY_NAMES'],
  municipality: ["Asker", "x".repeat(101), "each municipality is at most 100 characters"],
  occupation: ["Helse og sosial", "y".repeat(101), "each occupation is at most 100 characters"],
  sector: ["public", "publik", 'unknown sector "publik"; did you mean public? use one of public, private'],
  extent: ["Heltid", "halv", "use one of full_time, part_time"],
  engagement_type: ["permanent", "forever", "use one of permanent, temporary"],
  remote: ["hybrid", "mars", "use one of remote, hybrid, on_site"],
  published: ["week", "yesterday", "use one of today, last_3_days, week"],
  sort: ["expires", "cheapest", "use one of relevant, published, expires"],
  page: ["2", "0", "page must be at least 1"],
  limit: ["5", "ten", "limit must be a whole number"],
  offset: ["30", "10000", "offset must be at most 9999"],
  facets: ["true", "maybe", "facets must be true or false"],
};
const FIELDS = Object.keys(CASES) as Field[];

/** The contract's first message for a bad value (core's whole check: validation, then code lists / NAV's window). */
function contractMessage(field: Field, value: string): string {
  const checked = checkJobSearch({ [field]: value });
  if (checked.ok) throw new Error(`${field}=${value} is valid in the contract`);
  return checked.issues[0]?.message ?? "";
}

const { call } = emulatorApp();
const { mcp, tool } = toolCallers(call);

beforeAll(async () => {
  await fetch(`${navEmulatorUrl()}/_emulator/faults`, { method: "DELETE" });
});

describe("the job search contract on every surface", () => {
  it("the cases cover exactly JobSearchQuery's fields", () => {
    expect(FIELDS.sort()).toEqual(Object.keys(JobSearchQuery.shape).sort());
  });

  it.each(FIELDS)("%s: accepted by REST, MCP and the bridge with the same answer", async (name) => {
    const [good] = CASES[name];
    const res = await call(
      `/v1/jobs?${new URLSearchParams({ [name]: good, limit: name === "limit" ? good : "3" })}`,
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const restBody = (await res.json()) as { total: number; jobs: { uuid: string }[] };
    const args = { [name]: good, ...(name === "limit" ? {} : { limit: "3" }) };
    const bridged = await tool("search_jobs", args);
    expect(bridged.status).toBe(200);
    const data = bridged.body.data as typeof restBody;
    expect(data.total).toBe(restBody.total);
    expect(data.jobs.map((j) => j.uuid)).toEqual(restBody.jobs.map((j) => j.uuid));
    const viaMcp = await mcp("search_jobs", args);
    expect(viaMcp.isError, viaMcp.text).toBe(false);
    expect((JSON.parse(viaMcp.text) as typeof restBody).total).toBe(restBody.total);
  });

  it.each(FIELDS)("%s: refused with the same message by REST, MCP and the bridge", async (name) => {
    const [, bad, message] = CASES[name];
    const res = await call(`/v1/jobs?${new URLSearchParams({ [name]: bad })}`);
    expect(res.status).toBe(400);
    const restIssue = ErrorEnvelope.parse(await res.json()).error.issues?.find(
      (i) => i.path === `query.${name}`,
    );
    expect(restIssue?.message).toContain(message);
    expect(restIssue?.message).toBe(contractMessage(name, bad));

    const bridged = await tool("search_jobs", { [name]: bad });
    expect(bridged.status).toBe(400);
    const bridgeIssue = ErrorEnvelope.parse(bridged.body).error.issues?.find(
      (i) => i.path === `body.${name}`,
    );
    expect(bridgeIssue?.message).toBe(restIssue?.message);

    const viaMcp = await mcp("search_jobs", { [name]: bad });
    expect(viaMcp.isError).toBe(true);
    expect(viaMcp.text).toContain(`- ${name}: ${restIssue?.message}`);
  });

  it("Parse.bot's spellings are the contract's aliases on the tools too", async () => {
    const rest = (await (await call("/v1/jobs?county=Oslo&offset=5&limit=4&q=sykepleier")).json()) as {
      jobs: { uuid: string }[];
    };
    const bridged = await tool("search_jobs", { counties: "Oslo", from: 5, size: 4, query: "sykepleier" });
    expect((bridged.body.data as typeof rest).jobs.map((j) => j.uuid)).toEqual(rest.jobs.map((j) => j.uuid));
    const unknown = await tool("search_jobs", { colour: "red" });
    expect(unknown.status).toBe(400);
  });

  it("get_job_detail and get_facets answer what the REST routes answer", async () => {
    const search = (await (await call("/v1/jobs?limit=1&sort=published")).json()) as {
      jobs: { uuid: string }[];
    };
    const uuid = search.jobs[0]?.uuid ?? "";
    const rest = await (await call(`/v1/jobs/${uuid}`)).json();
    expect((await tool("get_job_detail", { uuid })).body.data).toEqual(rest);
    expect((await tool("get_job_detail", { job_id: uuid })).body.data).toEqual(rest);
    const missing = await tool("get_job_detail", { uuid: "00000000-0000-4000-8000-000000000000" });
    expect(missing.status).toBe(404);
    const bad = await tool("get_job_detail", { uuid: "nope" });
    expect(bad.status).toBe(400);
    const facets = await (await call("/v1/jobs/facets?county=Oslo")).json();
    expect((await tool("get_facets", { counties: "Oslo" })).body.data).toEqual(facets);
    const viaMcp = await mcp("get_facets", { county: "Atlantis" });
    expect(viaMcp.isError).toBe(true);
    expect(viaMcp.text).toContain("unknown county");
  });
});
