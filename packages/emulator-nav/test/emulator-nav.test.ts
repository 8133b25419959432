import { describe, expect, it } from "vitest";
import { createNavEmulator } from "../src/index";

/** The NAV emulator's documented quirks, in-process (no socket). */

const NOW = "2026-12-01T10:00:00Z";
const make = (extra = {}) => createNavEmulator({ seed: 5, count: 200, now: NOW, waf: false, ...extra });
type Emu = ReturnType<typeof make>;

const tokenOf = async (emu: Emu) => {
  const text = await (await emu.fetch(new Request("http://nav/api/publicToken"))).text();
  return text.trim().split("\n").at(-1) ?? "";
};
const feed = async (emu: Emu, path: string, headers: Record<string, string> = {}) =>
  emu.fetch(
    new Request(`http://nav${path}`, {
      headers: { authorization: `Bearer ${await tokenOf(emu)}`, ...headers },
    }),
  );
const search = async (emu: Emu, qs: string) =>
  emu.fetch(new Request(`http://nav/stillinger/api/search?${qs}`));
type Page = {
  id: string;
  next_id: string | null;
  items: { id: string; date_modified: string; _feed_entry: { status: string; title: string } }[];
};
type SearchBody = {
  hits: { total: { value: number }; hits: { _id: string; _source: Record<string, unknown> }[] };
  aggregations: Record<string, unknown> & {
    sector: { values: { buckets: { key: string }[] } };
    extent: { values: { buckets: Record<string, unknown> } };
    counties: { nestedLocations: { values: { buckets: { root_doc_count: { doc_count: number } }[] } } };
  };
};

describe("public token and 401", () => {
  it("serves the two-line token text and refuses a missing, wrong or rotated token with Javalin's body", async () => {
    const emu = make();
    const res = await emu.fetch(new Request("http://nav/api/publicToken"));
    expect(res.headers.get("content-type")).toContain("text/plain");
    const [heading, jwt] = (await res.text()).trim().split("\n");
    expect(heading).toBe("Current public token for Nav Job Vacancy Feed:");
    expect(jwt?.split(".")).toHaveLength(3);
    const none = await emu.fetch(new Request("http://nav/api/v1/feed"));
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      title: "Unauthorized",
      status: 401,
      type: "https://javalin.io/documentation#unauthorizedresponse",
      details: {},
    });
    emu.world.rotateToken();
    const old = await emu.fetch(
      new Request("http://nav/api/v1/feed", { headers: { authorization: `Bearer ${jwt}` } }),
    );
    expect(old.status).toBe(401);
    expect((await feed(emu, "/api/v1/feed?pageSize=2")).status).toBe(200);
    emu.world.setTokenAvailable(false);
    const gone = await emu.fetch(new Request("http://nav/api/publicToken"));
    expect([gone.status, await gone.text()]).toEqual([404, "Public token is not currently available"]);
  });
});

describe("feed paging", () => {
  it("overlaps pages by one line, ETag = next_id, and ends at a tip page with next_id null", async () => {
    const emu = make();
    const lines = emu.world.lines;
    let res = await feed(emu, "/api/v1/feed?pageSize=4");
    let page = (await res.json()) as Page;
    expect(page.items).toHaveLength(4);
    expect(res.headers.get("etag")).toBe(page.next_id);
    expect(res.headers.get("last-modified")).toMatch(
      /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0[12]00$/,
    );
    expect(page.next_id).toBe(lines[3]?.pageItemId);
    res = await feed(emu, `/api/v1/feed/${page.next_id}?pageSize=4`);
    const second = (await res.json()) as Page;
    expect(second.items[0]).toEqual(page.items[3]);
    page = (await (await feed(emu, "/api/v1/feed?last=true")).json()) as Page;
    expect(page.next_id).toBeNull();
    expect(page.items).toHaveLength(1);
    emu.world.publish();
    const grown = (await (await feed(emu, `/api/v1/feed/${page.id}`)).json()) as Page;
    expect([grown.id, grown.items.length, grown.next_id]).toEqual([page.id, 2, null]);
  });

  it("answers 304 only when the tag matches and that line is older than If-Modified-Since", async () => {
    const emu = make();
    // If-Modified-Since also filters a page's newer lines, so in practice only a one-line tip page can 304.
    const tip = await feed(emu, "/api/v1/feed?last=true");
    const { id } = (await tip.json()) as Page;
    const etag = tip.headers.get("etag") ?? "";
    expect(etag).toBe(emu.world.lines.at(-1)?.pageItemId);
    const later = new Date(Date.parse(tip.headers.get("last-modified") ?? "") + 5000).toUTCString();
    const earlier = new Date(Date.parse(tip.headers.get("last-modified") ?? "") - 5000).toUTCString();
    expect(
      (await feed(emu, `/api/v1/feed/${id}`, { "if-none-match": etag, "if-modified-since": later })).status,
    ).toBe(304);
    expect(
      (await feed(emu, `/api/v1/feed/${id}`, { "if-none-match": "other", "if-modified-since": later }))
        .status,
    ).toBe(200);
    expect(
      (await feed(emu, `/api/v1/feed/${id}`, { "if-none-match": etag, "if-modified-since": earlier })).status,
    ).toBe(200);
  });

  it("refuses pageSize past 10000 with NAV's text and 404s an unknown page", async () => {
    const emu = make();
    const res = await feed(emu, "/api/v1/feed?pageSize=10001");
    expect([res.status, await res.text()]).toEqual([400, "pageSize must be less than or equal to 10000"]);
    expect((await feed(emu, "/api/v1/feed/00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("writes INACTIVE lines without content and masks withdrawn ads", async () => {
    const emu = make();
    const { ad } = emu.world.publish({ source: "Stillingsregistrering", privacy: "SHOW_ALL" });
    emu.world.withdraw(ad.uuid);
    const entry = (await (await feed(emu, `/api/v1/feedentry/${ad.uuid}`)).json()) as Record<string, unknown>;
    expect(entry).toEqual({ uuid: ad.uuid, sistEndret: expect.any(String), status: "INACTIVE" });
    const tip = (await (await feed(emu, "/api/v1/feed?last=true")).json()) as Page;
    expect(tip.items.at(-1)?._feed_entry).toMatchObject({
      status: "INACTIVE",
      title: "...",
      businessName: "",
    });
    const finn = emu.world.publish({ source: "FINN" });
    expect(finn.line).toBeNull();
    expect((await feed(emu, `/api/v1/feedentry/${finn.ad.uuid}`)).status).toBe(404);
  });

  it("expires ads when the clock passes their expiry", () => {
    const emu = make();
    const lines = emu.world.lines.length;
    const active = [...emu.world.ads.values()].filter((a) => a.status === "ACTIVE" && a.source !== "FINN");
    emu.world.setNow(Date.parse(NOW) + 120 * 86_400_000);
    expect(emu.world.lines.length).toBe(lines + active.length);
    expect(emu.world.lines.slice(lines).every((l) => l.status === "INACTIVE")).toBe(true);
  });
});

describe("search quirks", () => {
  it("coerces size to 25 unless it is 100, and refuses from+size past 10000", async () => {
    const emu = make({ count: 400 });
    for (const [size, n] of [
      ["50", 25],
      ["15", 25],
      ["100", 100],
      ["abc", 25],
    ] as const) {
      const body = (await (await search(emu, `size=${size}`)).json()) as SearchBody;
      expect(body.hits.hits).toHaveLength(Math.min(n, body.hits.total.value));
    }
    const deep = await search(emu, "from=9901&size=100");
    expect([deep.status, await deep.json()]).toEqual([
      400,
      { error: "Pagination depth exceeds maximum allowed window" },
    ]);
    expect((await search(emu, "from=9975&size=25")).status).toBe(200);
  });

  it("applies a municipal only with its county, and migrates legacy [] names only without v=6", async () => {
    const emu = make({ count: 400 });
    const total = async (qs: string) =>
      ((await (await search(emu, qs)).json()) as SearchBody).hits.total.value;
    const all = await total("");
    const vestland = await total("county=VESTLAND");
    const bergen = await total("county=VESTLAND&municipal=VESTLAND.BERGEN");
    expect(vestland).toBeGreaterThan(bergen);
    expect(bergen).toBeGreaterThan(0);
    expect(await total("municipal=VESTLAND.BERGEN")).toBe(all);
    expect(await total("counties[]=VESTLAND")).toBe(vestland);
    expect(await total("v=6&counties[]=VESTLAND")).toBe(all);
  });

  it("returns only _source fields the site asks for (no orgnr) and every aggregation", async () => {
    const emu = make();
    const body = (await (await search(emu, "sector=Offentlig")).json()) as SearchBody;
    const src = body.hits.hits[0]?._source ?? {};
    expect(JSON.stringify(src)).not.toContain("orgnr");
    expect(Object.keys(body.aggregations)).toHaveLength(16);
    // The sector facet ignores the sector filter itself; the others apply it.
    const sectors = body.aggregations.sector.values.buckets.map((b) => b.key).sort();
    expect(sectors).toEqual(["Offentlig", "Privat"]);
    const counties = body.aggregations.counties.nestedLocations.values.buckets as {
      root_doc_count: { doc_count: number };
    }[];
    expect(counties.reduce((s, b) => s + b.root_doc_count.doc_count, 0)).toBe(body.hits.total.value);
    expect(Object.keys(body.aggregations.extent.values.buckets)).toEqual([
      "Heltid",
      "Deltid",
      "Ikke oppgitt",
    ]);
  });
});

describe("WAF", () => {
  it("answers 429 after the burst, with or without Retry-After", async () => {
    const emu = createNavEmulator({ seed: 1, count: 20, now: NOW, waf: { burst: 3, blockMs: 30_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await search(emu, "")).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const blocked = await search(emu, "");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Other clients are not blocked; the feed is not behind the WAF.
    expect(
      (
        await emu.fetch(
          new Request("http://nav/stillinger/api/search", { headers: { "x-emulator-client": "b" } }),
        )
      ).status,
    ).toBe(200);
    emu.waf.configure({ retryAfter: false });
    expect((await search(emu, "")).headers.get("retry-after")).toBeNull();
    expect(emu.stats.snapshot().byStatus["search 429"]).toBe(4);
  });
});

describe("control API", () => {
  it("publishes, updates, expires and reports state over HTTP", async () => {
    const emu = make();
    const post = (path: string, body?: unknown) =>
      emu.fetch(
        new Request(`http://nav/_emulator${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body ?? {}),
        }),
      );
    const pub = (await (
      await post("/ads", { title: "Kokk til hotell", county: "OSLO", municipal: "OSLO" })
    ).json()) as { uuid: string };
    expect(emu.world.ads.get(pub.uuid)?.title).toBe("Kokk til hotell");
    expect((await post(`/ads/${pub.uuid}/update`, { title: "Sous-chef" })).status).toBe(200);
    expect(emu.world.ads.get(pub.uuid)?.title).toBe("Sous-chef");
    expect((await post(`/ads/${pub.uuid}/update`, { colour: "red" })).status).toBe(400);
    expect((await post("/ads/00000000-0000-4000-8000-000000000000/expire")).status).toBe(404);
    expect((await post("/clock", { now: "2026-12-02T10:00:00Z" })).status).toBe(200);
    const state = (await (await emu.fetch(new Request("http://nav/_emulator/state"))).json()) as {
      now: string;
    };
    expect(state.now).toBe("2026-12-02T10:00:00.000Z");
    expect((await post("/faults", { route: "nope", kind: "status" })).status).toBe(400);
  });

  it("is deterministic for a seed", () => {
    const a = make();
    const b = make();
    expect([...a.world.ads.keys()]).toEqual([...b.world.ads.keys()]);
    expect(a.world.lines.map((l) => l.pageItemId)).toEqual(b.world.lines.map((l) => l.pageItemId));
  });
});
