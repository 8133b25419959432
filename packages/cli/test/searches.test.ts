import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_FILTER_FIELDS } from "../src/commands/jobs-options";
import { flagOf } from "../src/errors";
import { EXPORT_FIELDS } from "../src/filters";
import { startFakeSearches } from "./fake-searches";
import { oneErrorLine, runCli } from "./run-cli";

let gw: Awaited<ReturnType<typeof startFakeSearches>>;
const g = (...args: string[]) => ["--base-url", gw.url, "--rate", "1000", ...args];
const KEY = { DOFFIN_GATEWAY_KEY: "dgw_test_key" };

beforeAll(async () => {
  gw = await startFakeSearches();
});
afterAll(() => gw.close());

describe("doffin searches", () => {
  it("create --help lists every notice and job filter of the contracts", async () => {
    const r = await runCli(["searches", "create", "--help"]);
    expect(r.code).toBe(0);
    for (const f of [...EXPORT_FIELDS, ...JOB_FILTER_FIELDS]) expect(r.stdout, f).toContain(`${flagOf(f)} <`);
  });

  it("create sends the flags as the API's parameters, with the key, and prints the id and secret", async () => {
    const before = gw.requests.length;
    const r = await runCli(
      g(
        "searches",
        "create",
        "IT in Oslo",
        "--cpv",
        "72*",
        "--location",
        "Oslo",
        "--type",
        "COMPETITION",
        "--q",
        "skole",
        "--webhook-url",
        "https://hooks.example.com/doffin",
      ),
      { env: KEY },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${gw.id}\n`);
    expect(r.stderr).toContain(
      "webhook secret (store it now, it is not shown again): generated-secret-0123456789",
    );
    const sent = gw.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      method: "POST",
      path: "/v1/searches",
      authorization: "Bearer dgw_test_key",
      body: {
        name: "IT in Oslo",
        source: "notices",
        query: { q: "skole", type: ["COMPETITION"], cpv: ["72*"], location: ["Oslo"] },
        webhook: { url: "https://hooks.example.com/doffin" },
      },
    });
  });

  it("jobs searches take the job filters", async () => {
    const before = gw.requests.length;
    const r = await runCli(g("searches", "create", "Nurses", "--source", "jobs", "--county", "Oslo"), {
      env: KEY,
    });
    expect(r.code).toBe(0);
    expect(gw.requests.slice(before)[0]?.body).toEqual({
      name: "Nurses",
      source: "jobs",
      query: { county: ["Oslo"] },
    });
  });

  it("bad filters and mixed sources are usage errors before any request", async () => {
    const before = gw.requests.length;
    const cpv = await runCli(g("searches", "create", "x", "--cpv", "9999*"));
    expect(cpv.code).toBe(2);
    expect(oneErrorLine(cpv.stderr)).toContain("--cpv");
    const mixed = await runCli(g("searches", "create", "x", "--county", "Oslo"));
    expect(mixed.code).toBe(2);
    expect(oneErrorLine(mixed.stderr)).toBe(
      "doffin: --county is a jobs filter; this search has --source notices",
    );
    const mixedJobs = await runCli(g("searches", "create", "x", "--source", "jobs", "--cpv", "72*"));
    expect(oneErrorLine(mixedJobs.stderr)).toBe(
      "doffin: --cpv is a notices filter; this search has --source jobs",
    );
    const secret = await runCli(g("searches", "create", "x", "--webhook-secret", "0123456789abcdef"));
    expect(oneErrorLine(secret.stderr)).toBe("doffin: --webhook-secret goes with --webhook-url");
    const badId = await runCli(g("searches", "show", "nope"));
    expect(badId.code).toBe(2);
    const badState = await runCli(g("searches", "matches", gw.id, "--state", "read"));
    expect(oneErrorLine(badState.stderr)).toContain('--state: unknown state "read"');
    const badMark = await runCli(g("searches", "mark", gw.id, "2026-107918", "read"));
    expect(badMark.code).toBe(2);
    expect(gw.requests.length).toBe(before);
  });

  it("a gateway 400 (an SSRF-refused webhook) is one line with the reason, exit 2", async () => {
    const r = await runCli(g("searches", "create", "x", "--webhook-url", "http://169.254.169.254/"));
    expect(r.code).toBe(2);
    expect(oneErrorLine(r.stderr)).toBe(
      "doffin: The webhook URL is not allowed: a link-local address. — body.webhook.url: a link-local address",
    );
  });

  it("list, show, matches and mark print tables and lines; --json the answers", async () => {
    const list = await runCli(g("searches", "list"), { env: { COLUMNS: "100" } });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ID\s+SOURCE\s+STATE\s+WEBHOOK\s+CREATED\s+NAME$/m);
    expect(list.stdout).toContain(gw.id);
    const show = await runCli(g("searches", "show", gw.id));
    expect(show.stdout).toContain(`feed:      https://gateway.example/v1/searches/${gw.id}/feed.atom?token=`);
    const matches = await runCli(g("searches", "matches", gw.id, "--state", "starred"), {
      env: { COLUMNS: "100" },
    });
    expect(matches.stdout).toMatch(/^ITEM\s+STATE\s+DEADLINE\s+MATCHED\s+TITLE$/m);
    expect(matches.stdout).toContain("2026-107919");
    expect(matches.stdout).not.toContain("2026-107918");
    expect(gw.requests.at(-1)?.path).toBe(`/v1/searches/${gw.id}/matches?state=starred`);
    const mark = await runCli(g("searches", "mark", gw.id, "2026-107918", "excluded"));
    expect(mark.stdout).toBe("2026-107918: excluded\n");
    expect(gw.requests.at(-1)).toMatchObject({ method: "PATCH", body: { state: "excluded" } });
    const json = await runCli(g("--json", "searches", "show", gw.id));
    expect(JSON.parse(json.stdout).id).toBe(gw.id);
  });

  it("an unknown search is exit 3; delete answers 204 and then it is gone", async () => {
    const unknown = await runCli(g("searches", "show", "ss_zzzzzzzzzzzzzzzzzzzz"));
    expect(unknown.code).toBe(3);
    expect(oneErrorLine(unknown.stderr)).toBe("doffin: No saved search with this id for this key.");
    const del = await runCli(g("searches", "delete", gw.id));
    expect(del.code).toBe(0);
    expect((await runCli(g("searches", "show", gw.id))).code).toBe(3);
    await runCli(g("searches", "create", "again"));
  });
});

describe("doffin watch", () => {
  it("--once prints the feed's entries oldest first and exits", async () => {
    gw.publish(1);
    gw.publish(2);
    const r = await runCli(g("watch", gw.id, "--once"));
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([
      "2026-12-01T10:01:00Z  match.new: 2026-100001 Notice 1  https://www.doffin.no/notices/2026-100001",
      "2026-12-01T10:02:00Z  match.new: 2026-100002 Notice 2  https://www.doffin.no/notices/2026-100002",
    ]);
  });

  it("follows: new entries print once as they arrive, idle polls are 304s, Ctrl-C exits 130", async () => {
    const notModifiedBefore = gw.notModified();
    let published = false;
    let killed = false;
    const r = await runCli(g("--json", "watch", gw.id, "--new", "--interval", "1"), {
      onStdout: (_chunk, kill) => {
        if (!killed) {
          killed = true;
          setTimeout(() => kill("SIGINT"), 1500);
        }
      },
      onSpawn: () => {
        setTimeout(() => {
          gw.publish(3);
          published = true;
        }, 2500);
      },
    });
    expect(published).toBe(true);
    expect(r.code).toBe(130);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id: string });
    expect(lines.map((l) => l.id)).toEqual(["evt3"]);
    expect(gw.notModified()).toBeGreaterThan(notModifiedBefore);
    expect(oneErrorLine(r.stderr)).toBe(`doffin: stopped watching ${gw.id}`);
  });

  it("bad input: exit 2 before any request", async () => {
    const before = gw.requests.length;
    expect((await runCli(g("watch", "nope"))).code).toBe(2);
    expect((await runCli(g("watch", gw.id, "--interval", "0"))).code).toBe(2);
    expect((await runCli(g("watch", gw.id, "--once", "--new"))).code).toBe(2);
    expect(gw.requests.length).toBe(before);
  });
});
