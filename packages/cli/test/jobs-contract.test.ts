import { checkJobSearch, createNavClient, JobSearchQuery, JobSearchResult } from "@doffin/core";
import { type NavEmulatorServer, startNavEmulatorServer } from "@doffin/emulator-nav";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flagOf } from "../src/errors";
import { runInProcess } from "./run-cli";

/**
 * The CLI half of the job search contract (the REST/MCP/bridge half is apps/api's
 * job-search-contract test): every field of core's `JobSearchQuery` — the list comes from the schema, so
 * a new field fails here until it has cases — is accepted by `doffin jobs search` with the same result as
 * core's NAV client, and a bad value of each is refused (exit 2, no request) with the contract's own
 * message, named by the field's flag. Runs in-process against the NAV emulator over real HTTP.
 */

type Field = keyof typeof JobSearchQuery.shape;
const FIELDS = Object.keys(JobSearchQuery.shape) as Field[];

/** [good value, bad value] per field; the same values as the API half's cases. */
const CASES: Record<Field, [good: string, bad: string]> = {
  q: ["kokk", "x".repeat(501)],
  county: ["Oslo", "Osloo"],
  municipality: ["Asker", "x".repeat(101)],
  occupation: ["Helse og sosial", "y".repeat(101)],
  sector: ["public", "publik"],
  extent: ["Heltid", "halv"],
  engagement_type: ["permanent", "forever"],
  remote: ["hybrid", "mars"],
  published: ["week", "yesterday"],
  sort: ["expires", "cheapest"],
  page: ["2", "0"],
  limit: ["5", "ten"],
  offset: ["30", "10000"],
  facets: ["true", "maybe"],
};

let nav: NavEmulatorServer;
beforeAll(async () => {
  nav = await startNavEmulatorServer({
    port: 0,
    seed: 7,
    count: 700,
    now: "2026-11-23T12:00:00Z",
    waf: false,
  });
});
afterAll(() => nav.close());

const direct = () => ["--direct", "--nav-url", nav.url, "--nav-feed-url", nav.url, "--rate", "1000"];

const cli = runInProcess;

/** `jobs search` arguments for one field's value: `q` is the free-text words, the rest are flags. */
const argsFor = (field: Field, value: string): string[] => (field === "q" ? [value] : [flagOf(field), value]);

/** The contract's first message for a bad value (core's whole check: validation, then code lists / NAV's window). */
function contractMessage(field: Field, value: string): string {
  const checked = checkJobSearch({ [field]: value });
  if (checked.ok) throw new Error(`${field}=${value} is valid in the contract`);
  return checked.issues[0]?.message ?? "";
}

/** What core's NAV client answers for the same query (the REST route serves the same cut). */
async function coreAnswer(raw: Record<string, string>) {
  const checked = checkJobSearch(raw);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const client = createNavClient({ feedBaseUrl: nav.url, searchBaseUrl: nav.url, fetch, timeoutMs: 5000 });
  return client.search(checked.search);
}

describe("the CLI half of the job search contract", () => {
  it("has cases for exactly JobSearchQuery's fields", () => {
    expect(Object.keys(CASES).sort()).toEqual([...FIELDS].sort());
  });

  it("lists every field but q as a flag of `doffin jobs search`", async () => {
    const help = await cli(["jobs", "search", "--help"]);
    expect(help.code).toBe(0);
    for (const field of FIELDS.filter((f) => f !== "q"))
      expect(help.stdout, field).toContain(`${flagOf(field)} <`);
  });

  it.each(FIELDS)("%s: a good value is accepted and answers what core's client answers", async (field) => {
    const [good] = CASES[field];
    const limit = field === "limit" ? [] : ["--limit", "3"];
    const r = await cli([...direct(), "jobs", "search", ...argsFor(field, good), ...limit, "--json"]);
    expect(r.code, r.stderr).toBe(0);
    const body = JobSearchResult.parse(JSON.parse(r.stdout));
    const expected = await coreAnswer({ [field]: good, ...(field === "limit" ? {} : { limit: "3" }) });
    expect(body.total).toBe(expected.total);
    expect(body.offset).toBe(expected.offset);
    expect(body.jobs.map((j) => j.uuid)).toEqual(expected.jobs.map((j) => j.uuid));
    expect(body.facets === null).toBe(expected.facets === null);
  });

  it.each(FIELDS)("%s: a bad value is refused with the contract's message (exit 2)", async (field) => {
    const [, bad] = CASES[field];
    const before = (await (await fetch(`${nav.url}/_emulator/stats`)).json()) as { total: number };
    const r = await cli([...direct(), "jobs", "search", ...argsFor(field, bad)]);
    expect(r.code).toBe(2);
    const message = contractMessage(field, bad);
    expect(message).not.toBe("");
    expect(r.stderr).toContain(`${flagOf(field)}: ${message}`);
    const after = (await (await fetch(`${nav.url}/_emulator/stats`)).json()) as { total: number };
    expect(after.total, "no request for a bad flag").toBe(before.total);
  });

  it("cuts page/limit combinations NAV cannot serve directly exactly from the emulator's truth", async () => {
    const truth = (await (await fetch(`${nav.url}/_emulator/truth/search?v=6&sort=published`)).json()) as {
      total: number;
      uuids: string[];
    };
    expect(truth.total).toBeGreaterThan(300);
    const cases: Array<[string[], number, number]> = [
      [["--limit", "1", "--page", "50"], 49, 1],
      [["--limit", "26"], 0, 26],
      [["--limit", "30", "--page", "3"], 60, 30],
      [["--limit", "99", "--page", "3"], 198, 99],
      [["--limit", "13", "--offset", "90"], 90, 13],
      [["--limit", "7", "--offset", "24"], 24, 7],
    ];
    for (const [args, start, count] of cases) {
      const r = await cli([...direct(), "jobs", "search", "--sort", "published", ...args, "--json"]);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      const body = JobSearchResult.parse(JSON.parse(r.stdout));
      expect(body.total).toBe(truth.total);
      expect(
        body.jobs.map((j) => j.uuid),
        args.join(" "),
      ).toEqual(truth.uuids.slice(start, start + count));
    }
  });
});
