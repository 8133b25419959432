import { env } from "cloudflare:workers";
import { AlertMatchPage, SavedSearch, SavedSearchPage } from "@doffin/contracts/alerts";
import { parseJobSearchQuery, parseSearchQuery } from "@doffin/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, clearAlerts, json } from "./alerts-helpers";

// Saved searches left behind would be matched by other files' sweeps: leave the tables empty.
afterAll(() => clearAlerts());

/** Saved-search CRUD on the tracker over its fetch handler: owners, limits, secrets, every 4xx. */

type Envelope = {
  error: { code: string; message: string; requestId: string; issues?: { path: string; message: string }[] };
};

const notices = {
  name: "IT i Oslo",
  source: "notices",
  query: { type: "COMPETITION", cpv: "72*", location: "Oslo" },
};

async function create(body: unknown = notices, owner = "owner-a"): Promise<SavedSearch> {
  const res = await call("/v1/searches", { body, owner });
  expect(res.status, await res.clone().text()).toBe(201);
  return SavedSearch.parse(await res.json());
}

async function expectError(res: Response, status: number, code: string): Promise<Envelope> {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/json");
  const body = await json<Envelope>(res);
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toBeTruthy();
  return body;
}

describe("saved searches: create, read, update, delete", () => {
  beforeAll(() => clearAlerts());

  it("creates a search with the parsed filter, a generated secret shown once and tokened feed URLs", async () => {
    const s = await create({ ...notices, webhook: { url: "https://hooks.example.com/doffin" } });
    expect(s.id).toMatch(/^ss_[a-z2-7]{20}$/);
    expect(s.query).toEqual({ type: ["COMPETITION"], cpv: ["72*"], location: ["Oslo"] });
    expect(s.webhook?.url).toBe("https://hooks.example.com/doffin");
    expect(s.webhook?.secret).toMatch(/^whsec_[a-z2-7]{40}$/);
    expect(s.paused).toBe(false);
    const token = new URL(s.feeds.atom).searchParams.get("token");
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(s.feeds.atom).toBe(`${env.PUBLIC_BASE_URL}/v1/searches/${s.id}/feed.atom?token=${token}`);
    expect(s.feeds.json).toBe(`${env.PUBLIC_BASE_URL}/v1/searches/${s.id}/feed.json?token=${token}`);
    // Never again: neither the single read nor the list carries the secret.
    const read = SavedSearch.parse(await json(await call(`/v1/searches/${s.id}`)));
    expect(read.webhook).toEqual({ url: "https://hooks.example.com/doffin" });
    const list = SavedSearchPage.parse(await json(await call("/v1/searches")));
    expect(list.items.find((i) => i.id === s.id)?.webhook).toEqual({
      url: "https://hooks.example.com/doffin",
    });
    const row = await env.DB.prepare("SELECT webhook_secret, owner FROM saved_searches WHERE id = ?")
      .bind(s.id)
      .first<{ webhook_secret: string; owner: string }>();
    expect(row).toEqual({ webhook_secret: s.webhook?.secret, owner: "owner-a" });
  });

  it("keeps a given secret, drops paging parameters from the stored filter, saves a jobs search", async () => {
    const s = await create({
      name: "Sykepleier i Oslo",
      source: "jobs",
      query: { counties: "Oslo", q: "sykepleier", size: "10" },
      webhook: { url: "https://hooks.example.com/x", secret: "s".repeat(32) },
      paused: true,
    });
    expect(s.query).toEqual({ county: ["Oslo"], q: "sykepleier" });
    expect(s.webhook?.secret).toBe("s".repeat(32));
    expect(s.paused).toBe(true);
  });

  it("updates name, filter, paused and webhook; a new generated secret is shown in that answer only", async () => {
    const s = await create();
    expect(s.webhook).toBeNull();
    const res = await call(`/v1/searches/${s.id}`, {
      method: "PATCH",
      body: {
        name: "IT i Vestland",
        query: { cpv: "72*", location: "Vestland" },
        paused: true,
        webhook: { url: "https://h.example.com/a" },
      },
    });
    expect(res.status).toBe(200);
    const u = SavedSearch.parse(await res.json());
    expect(u).toMatchObject({
      name: "IT i Vestland",
      paused: true,
      query: { cpv: ["72*"], location: ["Vestland"] },
    });
    expect(u.webhook?.secret).toMatch(/^whsec_/);
    expect(u.feeds).toEqual(s.feeds);
    expect(Date.parse(u.updatedAt)).toBeGreaterThanOrEqual(Date.parse(s.updatedAt));
    // Another URL, no secret: the secret stays (and is not shown again).
    const again = SavedSearch.parse(
      await json(
        await call(`/v1/searches/${s.id}`, {
          method: "PATCH",
          body: { webhook: { url: "https://h.example.com/b" } },
        }),
      ),
    );
    expect(again.webhook).toEqual({ url: "https://h.example.com/b" });
    const off = SavedSearch.parse(
      await json(await call(`/v1/searches/${s.id}`, { method: "PATCH", body: { webhook: null } })),
    );
    expect(off.webhook).toBeNull();
    expect(
      (await env.DB.prepare("SELECT webhook_secret FROM saved_searches WHERE id = ?").bind(s.id).first())
        ?.webhook_secret,
    ).toBeNull();
  });

  it("lists the owner's searches newest first, keyset paged without gaps or repeats", async () => {
    await clearAlerts();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await create({ ...notices, name: `s${i}` })).id);
    await create(notices, "owner-b");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(`/v1/searches?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status).toBe(200);
      const page = SavedSearchPage.parse(await res.json());
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
  });

  it("deletes a search with its matches and events; a second delete is a 404", async () => {
    const s = await create();
    await env.DB.batch([
      env.DB.prepare(
        "INSERT INTO alert_matches (search_id, item_id, source, first_matched_at) VALUES (?, '2026-100001', 'notices', '2026-11-20T12:00:00Z')",
      ).bind(s.id),
      env.DB.prepare(
        "INSERT INTO alert_events (id, search_id, item_id, type, payload, created_at) VALUES ('e1', ?, '2026-100001', 'match.new', '{}', '2026-11-20T12:00:00Z')",
      ).bind(s.id),
    ]);
    expect((await call(`/v1/searches/${s.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await call(`/v1/searches/${s.id}`)).status).toBe(404);
    const left = await env.DB.prepare(
      "SELECT (SELECT COUNT(*) FROM alert_matches WHERE search_id = ?1) + (SELECT COUNT(*) FROM alert_events WHERE search_id = ?1) AS n",
    )
      .bind(s.id)
      .first<{ n: number }>();
    expect(left?.n).toBe(0);
    await expectError(await call(`/v1/searches/${s.id}`, { method: "DELETE" }), 404, "not_found");
  });
});

describe("saved searches: owners", () => {
  let s: SavedSearch;
  beforeAll(async () => {
    await clearAlerts();
    s = await create();
    await env.DB.prepare(
      "INSERT INTO alert_matches (search_id, item_id, source, first_matched_at) VALUES (?, '2026-100002', 'notices', '2026-11-20T12:00:00Z')",
    )
      .bind(s.id)
      .run();
  });

  it("another owner's search is a 404 on every route, and its list is empty", async () => {
    const as = { owner: "owner-b" };
    await expectError(await call(`/v1/searches/${s.id}`, as), 404, "not_found");
    await expectError(
      await call(`/v1/searches/${s.id}`, { ...as, method: "PATCH", body: { name: "mine" } }),
      404,
      "not_found",
    );
    await expectError(await call(`/v1/searches/${s.id}`, { ...as, method: "DELETE" }), 404, "not_found");
    await expectError(await call(`/v1/searches/${s.id}/matches`, as), 404, "not_found");
    await expectError(
      await call(`/v1/searches/${s.id}/matches/2026-100002`, {
        ...as,
        method: "PATCH",
        body: { state: "excluded" },
      }),
      404,
      "not_found",
    );
    expect(SavedSearchPage.parse(await json(await call("/v1/searches", as))).items).toEqual([]);
    // Untouched for its owner.
    const mine = SavedSearch.parse(await json(await call(`/v1/searches/${s.id}`)));
    expect(mine.name).toBe(notices.name);
    const matches = AlertMatchPage.parse(await json(await call(`/v1/searches/${s.id}/matches`)));
    expect(matches.items.map((m) => m.state)).toEqual(["new"]);
  });

  it("no owner header is a 401 envelope", async () => {
    await expectError(await call("/v1/searches", { owner: null }), 401, "unauthorized");
    await expectError(await call("/v1/searches", { owner: null, body: notices }), 401, "unauthorized");
    await expectError(await call(`/v1/searches/${s.id}`, { owner: null }), 401, "unauthorized");
  });

  it("marks a match and filters by state; an unknown item is a 404", async () => {
    const res = await call(`/v1/searches/${s.id}/matches/2026-100002`, {
      method: "PATCH",
      body: { state: "starred" },
    });
    expect(res.status).toBe(200);
    expect((await json<{ state: string }>(res)).state).toBe("starred");
    const starred = AlertMatchPage.parse(
      await json(await call(`/v1/searches/${s.id}/matches?state=starred,seen`)),
    );
    expect(starred.items.map((m) => m.itemId)).toEqual(["2026-100002"]);
    const fresh = AlertMatchPage.parse(await json(await call(`/v1/searches/${s.id}/matches?state=new`)));
    expect(fresh.items).toEqual([]);
    await expectError(
      await call(`/v1/searches/${s.id}/matches/2026-100003`, { method: "PATCH", body: { state: "seen" } }),
      404,
      "not_found",
    );
  });

  it("refuses more than ALERTS_MAX_SEARCHES_PER_OWNER searches with a 409", async () => {
    await clearAlerts();
    const { createApp } = await import("../src/app");
    const app = createApp();
    const capped = { ...env, ALERTS_MAX_SEARCHES_PER_OWNER: "2" };
    const post = () =>
      app.request(
        "/v1/searches",
        {
          method: "POST",
          headers: { "content-type": "application/json", "x-dgw-owner": "owner-c" },
          body: JSON.stringify(notices),
        },
        capped,
      );
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(201);
    const body = await expectError(await post(), 409, "conflict");
    expect(body.error.message).toContain("2 saved searches");
  });
});

describe("saved searches: bad input is a 4xx envelope", () => {
  let s: SavedSearch;
  beforeAll(async () => {
    await clearAlerts();
    s = await create();
  });

  it("an unknown filter parameter: the same message as GET /v1/notices (and /v1/jobs)", async () => {
    const body = await expectError(
      await call("/v1/searches", { body: { ...notices, query: { colour: "red", type: "COMPETITION" } } }),
      400,
      "invalid_request",
    );
    const rest = parseSearchQuery(new URLSearchParams("colour=red&type=COMPETITION"));
    expect(rest.ok).toBe(false);
    const expected = rest.ok ? [] : rest.issues;
    expect(body.error.issues).toEqual(expected.map((i) => ({ ...i, path: `body.query.${i.path}` })));
    const jobs = await expectError(
      await call("/v1/searches", { body: { name: "j", source: "jobs", query: { colour: "red" } } }),
      400,
      "invalid_request",
    );
    const jobRest = parseJobSearchQuery(new URLSearchParams("colour=red"));
    expect(jobs.error.issues?.[0]?.message).toBe(jobRest.ok ? "" : jobRest.issues[0]?.message);
  });

  it("a job search on filters NAV's feed lines do not show is refused, naming them (never a silent no-match)", async () => {
    const body = await expectError(
      await call("/v1/searches", {
        body: { name: "j", source: "jobs", query: { county: "Oslo", extent: "Heltid", sector: "Offentlig" } },
      }),
      400,
      "invalid_request",
    );
    expect(body.error.issues?.map((i) => i.path).sort()).toEqual(["body.query.extent", "body.query.sector"]);
    expect(body.error.message).toContain("q, county, municipality and published");
    // What the feed does show stays allowed.
    expect(
      (await create({ name: "ok", source: "jobs", query: { county: "Oslo", q: "kokk" } })).query,
    ).toEqual({
      county: ["Oslo"],
      q: "kokk",
    });
  });

  it("bad values, codes, fields, names, states and JSON", async () => {
    const cases: [string, Call][] = [
      ["bad cpv code", { body: { ...notices, query: { cpv: "nonsense" } } }],
      ["bad type", { body: { ...notices, query: { type: "TENDER" } } }],
      ["unknown source", { body: { ...notices, source: "tenders" } }],
      ["missing name", { body: { source: "notices", query: {} } }],
      ["empty name", { body: { ...notices, name: "   " } }],
      ["name over 200", { body: { ...notices, name: "x".repeat(201) } }],
      ["unknown field", { body: { ...notices, colour: "red" } }],
      ["short secret", { body: { ...notices, webhook: { url: "https://h.example.com", secret: "short" } } }],
      ["private webhook", { body: { ...notices, webhook: { url: "https://169.254.169.254/latest" } } }],
      ["http webhook", { body: { ...notices, webhook: { url: "http://hooks.example.com/" } } }],
      ["bad JSON", { body: "{not json" }],
      ["JSON array", { body: "[]" }],
      ["query param on POST", { body: notices, headers: {} }],
      ["empty PATCH", { method: "PATCH", body: {} }],
      ["bad state", { method: "PATCH", body: { state: "archived" } }],
    ];
    for (const [what, opts] of cases) {
      const path =
        what === "empty PATCH"
          ? `/v1/searches/${s.id}`
          : what === "bad state"
            ? `/v1/searches/${s.id}/matches/2026-100001`
            : what === "query param on POST"
              ? "/v1/searches?dry=1"
              : "/v1/searches";
      const res = await call(path, opts);
      expect(res.status, what).toBe(400);
      expect((await json<Envelope>(res)).error.code, what).toBe("invalid_request");
    }
  });

  it("bad ids, list parameters and methods", async () => {
    await expectError(await call("/v1/searches/ss_nope"), 400, "invalid_request");
    await expectError(
      await call(`/v1/searches/${s.id}/matches/not-an-item`, { method: "PATCH", body: { state: "seen" } }),
      400,
      "invalid_request",
    );
    await expectError(await call("/v1/searches?limit=0"), 400, "invalid_request");
    await expectError(await call("/v1/searches?cursor=forged.cursor"), 400, "invalid_request");
    await expectError(await call(`/v1/searches/${s.id}/matches?state=archived`), 400, "invalid_request");
    await expectError(await call(`/v1/searches/${s.id}?x=1`), 400, "invalid_request");
    await expectError(
      await call("/v1/searches", { method: "PUT", body: notices }),
      405,
      "method_not_allowed",
    );
    await expectError(
      await call(`/v1/searches/${s.id}/matches`, { method: "POST", body: {} }),
      405,
      "method_not_allowed",
    );
  });

  it("a body over 16 KiB is a 413, a non-JSON content type a 415", async () => {
    const big = { ...notices, query: { q: "a".repeat(17 * 1024) } };
    await expectError(await call("/v1/searches", { body: big }), 413, "payload_too_large");
    await expectError(
      await call("/v1/searches", {
        body: JSON.stringify(notices),
        headers: { "content-type": "text/plain" },
      }),
      415,
      "unsupported_media_type",
    );
  });
});

type Call = Parameters<typeof call>[1];
