import { env } from "cloudflare:workers";
import { ChangesFeed, ErrorEnvelope, NoticeHistory } from "@doffin/core";
import { beforeEach, describe, expect, it } from "vitest";
import { expectBadRequest, get, hit, insertEvents, trackNotice } from "./feed-helpers";
import { clearDb } from "./helpers";

/** Every page of a feed walk, following nextCursor; `between` runs after each page (concurrent writes). */
async function walk(query: string, between: (page: number) => Promise<unknown> = async () => undefined) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res = await get(`/v1/changes?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(res.status).toBe(200);
    const page = ChangesFeed.parse(await res.json());
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    pages++;
    await between(pages);
  } while (cursor);
  return ids;
}

const feed = async (query: string) => {
  const res = await get(`/v1/changes?${query}`);
  expect(res.status).toBe(200);
  return ChangesFeed.parse(await res.json());
};

describe("GET /v1/changes: order", () => {
  beforeEach(() => clearDb());

  it("pages oldest first and newest first with cursors, without gaps or repeats while events arrive", async () => {
    const initial = await insertEvents(7);
    const late: string[] = [];
    const asc = await walk("limit=3", async (page) => {
      if (page === 1) late.push(...(await insertEvents(2, "2026-11-20T11:00:00.000Z")));
    });
    // Ascending: everything, in insertion order, including what arrived mid-walk (at its end).
    expect(asc).toEqual([...initial, ...late]);

    const before = [...initial, ...late];
    const lateDesc: string[] = [];
    const desc = await walk("limit=3&order=desc", async (page) => {
      if (page <= 2) lateDesc.push(...(await insertEvents(1)));
    });
    // Descending: exactly the events that existed when the walk started, newest first; the ones
    // written meanwhile are newer than its first page, so a new walk shows them first.
    expect(desc).toEqual([...before].reverse());
    const fresh = await feed("limit=2&order=desc");
    expect(fresh.items.map((i) => i.id)).toEqual([...lateDesc].reverse());
  });

  it("refuses an ascending cursor for a descending walk", async () => {
    await insertEvents(3);
    const page = await feed("limit=1");
    await expectBadRequest(
      `/v1/changes?limit=1&order=desc&cursor=${encodeURIComponent(page.nextCursor ?? "")}`,
      "query.cursor",
    );
  });
});

describe("GET /v1/changes: kinds, summaries, since", () => {
  beforeEach(() => clearDb());

  it("filters by several kinds (repeated or comma-separated) and excludes kinds", async () => {
    await insertEvents(2, undefined, "created");
    await insertEvents(1, undefined, "cancelled");
    await insertEvents(1, undefined, "awarded");
    await insertEvents(1, undefined, "deadline_changed");
    const kinds = (f: ChangesFeed) => f.items.map((i) => i.kind);
    expect(kinds(await feed("kind=cancelled,awarded"))).toEqual(["cancelled", "awarded"]);
    expect(kinds(await feed("kind=cancelled&kind=awarded"))).toEqual(["cancelled", "awarded"]);
    expect(kinds(await feed("exclude_kind=created"))).toEqual(["cancelled", "awarded", "deadline_changed"]);
    expect(kinds(await feed("exclude_kind=created,awarded&order=desc"))).toEqual([
      "deadline_changed",
      "cancelled",
    ]);
    expect(kinds(await feed("kind=created&exclude_kind=awarded"))).toEqual(["created", "created"]);
    // The same kinds in another order or spelling are the same query: its cursor carries over.
    const page = await feed("kind=created,cancelled&limit=1");
    const next = await get(
      `/v1/changes?kind=cancelled&kind=created&limit=1&cursor=${encodeURIComponent(page.nextCursor ?? "")}`,
    );
    expect(next.status).toBe(200);
  });

  it("carries each event's notice summary from the stored snapshot", async () => {
    await trackNotice(
      hit("2026-100007", {
        heading: "Rammeavtale om renhold",
        buyers: [
          { name: "Bergen kommune", orgNumber: "964338531", rawOrganizationId: "964338531" },
          { name: "Vestland fylkeskommune", orgNumber: "821311632", rawOrganizationId: "821311632" },
        ],
      }),
      "2026-11-20T12:00:00.000Z",
    );
    await trackNotice(
      hit("2026-100008", { heading: "Kontraktstildeling - skolebygg", type: "RESULT", status: null }),
      "2026-11-20T12:01:00.000Z",
    );
    await trackNotice(
      hit("2026-100007", { heading: "Rammeavtale om renhold", status: "CANCELLED" }),
      "2026-11-20T12:15:00.000Z",
      "cancelled",
    );
    const page = await feed("order=desc");
    expect(page.items.map((i) => [i.noticeId, i.kind, i.notice])).toEqual([
      [
        "2026-100007",
        "cancelled",
        {
          heading: "Rammeavtale om renhold",
          buyer: null,
          type: "ANNOUNCEMENT_OF_COMPETITION",
          status: "CANCELLED",
        },
      ],
      [
        "2026-100008",
        "created",
        { heading: "Kontraktstildeling - skolebygg", buyer: null, type: "RESULT", status: null },
      ],
      // The summary is the notice's current snapshot, also on its older events.
      [
        "2026-100007",
        "created",
        {
          heading: "Rammeavtale om renhold",
          buyer: null,
          type: "ANNOUNCEMENT_OF_COMPETITION",
          status: "CANCELLED",
        },
      ],
    ]);
    await trackNotice(
      hit("2026-100009", {
        buyers: [
          { name: "Bergen kommune", orgNumber: "964338531", rawOrganizationId: "964338531" },
          { name: "Askøy kommune", orgNumber: "964338442", rawOrganizationId: "964338442" },
        ],
      }),
      "2026-11-20T12:20:00.000Z",
    );
    const [newest] = (await feed("order=desc&limit=1")).items;
    // Buyers are sorted in the canonical snapshot: the summary names the first of them.
    expect(newest?.notice?.buyer).toBe("Askøy kommune");
  });

  it("reads since=YYYY-MM-DD as the start of that Oslo day (winter and summer time)", async () => {
    const [lastOfNov30] = await insertEvents(1, "2026-11-30T22:59:59.999Z");
    const [firstOfDec1] = await insertEvents(1, "2026-11-30T23:00:00.000Z");
    const [lastOfJun30] = await insertEvents(1, "2026-06-30T21:59:59.999Z");
    const [firstOfJul1] = await insertEvents(1, "2026-06-30T22:00:00.000Z");
    const ids = async (q: string) => (await feed(q)).items.map((i) => i.id);
    expect(await ids("since=2026-12-01")).toEqual([firstOfDec1]);
    expect(await ids("since=2026-11-30T23:00:00Z")).toEqual([firstOfDec1]);
    expect(await ids("since=2026-07-01")).toEqual([lastOfNov30, firstOfDec1, firstOfJul1]);
    expect(await ids("since=2026-07-01T00:00:00%2B02:00")).toEqual([lastOfNov30, firstOfDec1, firstOfJul1]);
    expect(await ids("since=2026-06-30")).toHaveLength(4);
    expect(lastOfJun30).toBeDefined();
    await expectBadRequest("/v1/changes?since=2026-02-30", "query.since");
    await expectBadRequest("/v1/changes?since=2026-12", "query.since");
  });
});

describe("strict parameters on every tracker route", () => {
  beforeEach(() => clearDb());

  it.each([
    ["/v1/changes?sinse=2026-01-01", "sinse"],
    ["/v1/changes?limit=5&orderby=desc", "orderby"],
    ["/v1/notices/2026-100001/history?since=2026-01-01", "since"],
    ["/v1/tracker/status?verbose=1", "verbose"],
    ["/health?x=1", "x"],
  ])("%s is a 400 naming the unknown parameter", async (path, name) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    const body = ErrorEnvelope.parse(await res.json());
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
    expect(body.error.issues?.map((i) => i.message).join(" ")).toContain(`"${name}"`);
  });

  it.each([
    ["/v1/changes?order=up", "query.order"],
    ["/v1/changes?order=asc&order=desc", "query.order"],
    ["/v1/changes?since=2026-11-01&since=2026-11-02", "query.since"],
    ["/v1/changes?limit=1&limit=2", "query.limit"],
    ["/v1/changes?field=deadline&field=status", "query.field"],
    ["/v1/changes?kind=created&exclude_kind=created,awarded", "query.exclude_kind"],
    ["/v1/changes?kind=created,exploded", "query.kind"],
    ["/v1/changes?exclude_kind=", "query.exclude_kind"],
  ])("%s is a 400 on %s", async (path, issue) => {
    await expectBadRequest(path, issue);
  });

  it("folds a repeat with the same value", async () => {
    await insertEvents(3);
    expect((await feed("limit=2&limit=2")).items).toHaveLength(2);
  });
});

describe("GET /v1/notices/{id}/history: state", () => {
  beforeEach(() => clearDb());

  it("shows a cancelled notice as cancelled, an awarded one as awarded, a withdrawn one as withdrawn", async () => {
    await trackNotice(hit("2026-100011"), "2026-11-20T12:00:00.000Z");
    await trackNotice(hit("2026-100011", { status: "CANCELLED" }), "2026-11-20T12:15:00.000Z", "cancelled");
    await trackNotice(hit("2026-100012", { status: "AWARDED" }), "2026-11-20T12:00:00.000Z");
    await trackNotice(hit("2026-100013", { status: "EXPIRED" }), "2026-11-20T12:00:00.000Z");
    await env.DB.prepare("UPDATE notices SET state = 'withdrawn' WHERE id = '2026-100013'").run();
    const state = async (id: string) =>
      NoticeHistory.parse(await (await get(`/v1/notices/${id}/history`)).json()).state;
    expect(await state("2026-100011")).toBe("cancelled");
    expect(await state("2026-100012")).toBe("awarded");
    expect(await state("2026-100013")).toBe("withdrawn");
  });
});

describe("GET /openapi.json", () => {
  it("documents the tracker's routes from the shared contracts", async () => {
    const res = await get("/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      paths: Record<string, { get: { tags: string[]; parameters?: { name: string }[]; responses: object } }>;
    };
    const changes = doc.paths["/v1/changes"]?.get;
    expect(changes?.tags).toEqual(["Change feed"]);
    expect(changes?.parameters?.map((p) => p.name).sort()).toEqual(
      // `pretty` is every JSON route's (@doffin/http), documented on each
      ["cursor", "exclude_kind", "field", "kind", "limit", "notice_id", "order", "pretty", "since"].sort(),
    );
    expect(Object.keys(changes?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "304", "400", "503"]),
    );
    expect(Object.keys(doc.paths["/v1/notices/{id}/history"]?.get.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "400", "404", "503"]),
    );
    expect(Object.keys(doc.paths["/health"]?.get.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "400"]),
    );
  });
});
