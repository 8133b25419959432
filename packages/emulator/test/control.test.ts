import { describe, expect, it } from "vitest";
import { control, detail, makeEmulator, publicSearch, webSearch } from "./helpers";

const competitionWithDeadline = async (emu: ReturnType<typeof makeEmulator>) => {
  const body = await webSearch(emu, {
    numHitsPerPage: 50,
    facets: { status: { checkedItems: ["ACTIVE"] }, type: { checkedItems: ["ANNOUNCEMENT_OF_COMPETITION"] } },
  });
  const hit = body.hits.find((h) => h.deadline !== null && !h.allTypes.includes("PLANNING"));
  if (!hit) throw new Error("no active competition in the corpus");
  return hit;
};

describe("control API: health, clock, reset, stats", () => {
  it("reports health with the notice count and the clock", async () => {
    const emu = makeEmulator({ count: 300 });
    const res = await control(emu, "GET", "/health");
    expect(await res.json()).toEqual({
      ok: true,
      notices: emu.state.corpus.size,
      now: "2026-08-03T12:00:00Z",
    });
  });

  it("moves an ACTIVE competition to EXPIRED when the clock passes its deadline", async () => {
    const emu = makeEmulator({ count: 3000 });
    const hit = await competitionWithDeadline(emu);
    expect(hit.status).toBe("ACTIVE");
    const after = new Date(Date.parse(hit.deadline as string) + 60_000).toISOString();
    expect(await (await control(emu, "POST", "/clock", { set: after })).json()).toEqual({
      now: `${after.slice(0, 19)}Z`,
    });
    const d = (await (await detail(emu, hit.id)).json()) as { noticeStatus: string };
    expect(d.noticeStatus).toBe("EXPIRED");
  });

  it("publishes notices dated in the future only when the clock reaches their day", async () => {
    const emu = makeEmulator({ count: 800, fixtures: false, now: "2026-08-03T12:00:00Z", to: "2026-08-20" });
    const upcoming = emu.state.corpus.window("2026-08-04", "2026-08-20");
    expect(upcoming.hi - upcoming.lo).toBe(0);
    const before = (await publicSearch(emu)).numHitsTotal;
    const res = await control(emu, "POST", "/clock", { advanceMs: 20 * 86_400_000 });
    expect(((await res.json()) as { now: string }).now).toBe("2026-08-23T12:00:00Z");
    const after = (await publicSearch(emu)).numHitsTotal;
    expect(after).toBe(800);
    expect(after).toBeGreaterThan(before);
    expect(await (await control(emu, "GET", "/clock")).json()).toEqual({ now: "2026-08-23T12:00:00Z" });
  });

  it("regenerates on reset with new options and clears faults and stats", async () => {
    const emu = makeEmulator({ count: 300 });
    await control(emu, "POST", "/faults", { route: "*", kind: "status" });
    await publicSearch(emu).catch(() => undefined);
    const res = await control(emu, "POST", "/reset", {
      seed: 9,
      count: 120,
      fixtures: false,
      now: "2025-01-01T00:00:00Z",
    });
    expect(await res.json()).toEqual({ ok: true, notices: 120, now: "2025-01-01T00:00:00Z" });
    expect(emu.faults()).toEqual([]);
    expect(emu.stats()).toEqual({ total: 0, byRoute: {}, rateLimited: 0 });
    expect((await publicSearch(emu)).numHitsTotal).toBe(120);
  });

  it("rejects invalid control bodies with 400 and the error envelope", async () => {
    const emu = makeEmulator({ count: 50 });
    const res = await control(emu, "POST", "/reset", { count: "many" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string } };
    expect(body.error.code).toBe("invalid_request");
    expect((await control(emu, "POST", "/faults", { route: "nope", kind: "status" })).status).toBe(400);
    expect((await control(emu, "POST", "/clock", { set: "yesterday" })).status).toBe(400);
  });

  it("counts upstream requests per route and never the control API; resets on demand", async () => {
    const emu = makeEmulator({ count: 200 });
    await publicSearch(emu);
    await webSearch(emu, {});
    await webSearch(emu, {});
    await detail(emu, "2026-107918");
    await control(emu, "GET", "/health");
    expect(await (await control(emu, "GET", "/stats")).json()).toEqual({
      total: 4,
      byRoute: { "public.search": 1, "webclient.search": 2, "webclient.notice": 1 },
      rateLimited: 0,
    });
    await control(emu, "POST", "/stats/reset");
    expect(emu.stats().total).toBe(0);
  });

  it("returns the internal record of a notice, 404 for unknown ids", async () => {
    const emu = makeEmulator({ count: 50 });
    const res = await control(emu, "GET", "/notices/2026-112546");
    const record = (await res.json()) as { id: string; type: string; status: null; cpvDirect: string[] };
    expect(record.id).toBe("2026-112546");
    expect(record.status).toBeNull();
    expect(record.cpvDirect.length).toBeGreaterThan(0);
    expect((await control(emu, "GET", "/notices/2020-000001")).status).toBe(404);
  });
});

describe("control API: publish and mutations", () => {
  it("publishes a partial record as a new notice with the next id of the year", async () => {
    const emu = makeEmulator({ count: 500 });
    const res = await control(emu, "POST", "/notices", {
      heading: "Nytt kontorbygg Hamar",
      cpvDirect: ["45210000"],
    });
    expect(res.status).toBe(201);
    const n = (await res.json()) as {
      id: string;
      publicationDate: string;
      cpvCodes: string[];
      status: string;
    };
    expect(n.id).toMatch(/^2026-\d{6}$/);
    expect(n.publicationDate).toBe("2026-08-03");
    expect(n.cpvCodes).toEqual(expect.arrayContaining(["45210000", "45200000", "45000000"]));
    const found = await publicSearch(emu, "searchString=kontorbygg hamar");
    expect(found.hits.map((h) => h.id)).toContain(n.id);
  });

  it("moves a deadline, changes status, value, heading and description", async () => {
    const emu = makeEmulator({ count: 2000 });
    const hit = await competitionWithDeadline(emu);
    const m = (body: unknown) => control(emu, "POST", `/notices/${hit.id}/mutations`, body);
    expect((await m({ op: "deadline", deadline: "2026-07-01T10:00:00Z" })).status).toBe(200);
    let d = (await (await detail(emu, hit.id)).json()) as Record<string, unknown>;
    expect(d.deadline).toBe("2026-07-01T10:00:00Z");
    expect(d.noticeStatus).toBe("EXPIRED");
    await m({ op: "status", status: "CANCELLED" });
    await m({ op: "value", estimatedValue: { amount: 1234000, currencyCode: "NOK" } });
    await m({ op: "heading", heading: "Endret overskrift" });
    const res = await m({ op: "description", description: "Ny beskrivelse" });
    expect(((await res.json()) as { id: string }).id).toBe(hit.id);
    d = (await (await detail(emu, hit.id)).json()) as Record<string, unknown>;
    expect(d).toMatchObject({
      noticeStatus: "CANCELLED",
      heading: "Endret overskrift",
      description: "Ny beskrivelse",
      core: { estimatedValue: { amount: 1234000, currencyCode: "NOK" } },
    });
    const searched = await webSearch(emu, { searchString: "endret overskrift" });
    expect(searched.hits.map((h) => h.id)).toContain(hit.id);
  });

  it("refuses a status on a non-competition notice (status stays null on Doffin)", async () => {
    const emu = makeEmulator({ count: 50 });
    const res = await control(emu, "POST", "/notices/2026-112546/mutations", {
      op: "status",
      status: "ACTIVE",
    });
    expect(res.status).toBe(400);
  });

  it("award publishes a result in the same procedure and marks the competition AWARDED", async () => {
    const emu = makeEmulator({ count: 2000 });
    const hit = await competitionWithDeadline(emu);
    const res = await control(emu, "POST", `/notices/${hit.id}/mutations`, {
      op: "award",
      winners: [{ name: "Fjord Bygg AS", organizationId: "912345678" }],
    });
    const { id } = (await res.json()) as { id: string };
    expect(id).not.toBe(hit.id);
    const award = (await (await detail(emu, id)).json()) as {
      noticeType: string;
      awardedNames: string[];
      procurementTimeline: { id: string }[];
      procedureId: string;
    };
    expect(award.noticeType).toBe("ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT");
    expect(award.awardedNames).toEqual(["Fjord Bygg AS"]);
    expect(award.procurementTimeline.map((t) => t.id)).toEqual(expect.arrayContaining([hit.id, id]));
    const competition = (await (await detail(emu, hit.id)).json()) as {
      noticeStatus: string;
      procedureId: string;
    };
    expect(competition.noticeStatus).toBe("AWARDED");
    expect(competition.procedureId).toBe(award.procedureId);
    const winnerHit = (await publicSearch(emu, "type=RESULT&numHitsPerPage=5")).hits.find((h) => h.id === id);
    expect(
      ((winnerHit?.lots ?? []) as { winner: { name: string; organizationId: string }[] }[])[0]?.winner[0],
    ).toMatchObject({
      name: "Fjord Bygg AS",
      organizationId: "912345678",
    });
  });

  it("correct publishes a new notice linked through changeNotices on both versions", async () => {
    const emu = makeEmulator({ count: 2000 });
    const hit = await competitionWithDeadline(emu);
    const res = await control(emu, "POST", `/notices/${hit.id}/mutations`, {
      op: "correct",
      changes: { heading: "Korrigert: ny frist", deadline: "2026-12-01T10:00:00Z" },
    });
    const { id, notice } = (await res.json()) as { id: string; notice: { correctsId: string } };
    expect(id).not.toBe(hit.id);
    expect(notice.correctsId).toBe(hit.id);
    const fresh = (await (await detail(emu, id)).json()) as {
      heading: string;
      deadline: string;
      changeNotices: {
        id: string;
        selectedNotice: boolean;
        changedNoticeId: string | null;
        eformId: string;
      }[];
    };
    const old = (await (await detail(emu, hit.id)).json()) as typeof fresh & { eFormId: string };
    expect(fresh.heading).toBe("Korrigert: ny frist");
    expect(fresh.deadline).toBe("2026-12-01T10:00:00Z");
    expect(fresh.changeNotices.map((c) => c.id)).toEqual([id, hit.id]);
    expect(fresh.changeNotices[0]?.changedNoticeId).toBe(`${old.eFormId}-01`);
    expect(old.changeNotices.map((c) => [c.id, c.selectedNotice])).toEqual([
      [id, false],
      [hit.id, true],
    ]);
    // The old version stays searchable.
    expect(
      (await webSearch(emu, { searchString: hit.heading as string, numHitsPerPage: 100 })).hits.map(
        (h) => h.id,
      ),
    ).toContain(hit.id);
  });

  it("withdraw removes a notice from search, detail and download", async () => {
    const emu = makeEmulator({ count: 500 });
    const before = (await publicSearch(emu)).numHitsTotal;
    await control(emu, "POST", "/notices/2026-107778/mutations", { op: "withdraw" });
    expect((await detail(emu, "2026-107778")).status).toBe(404);
    expect((await publicSearch(emu)).numHitsTotal).toBe(before - 1);
    const dl = await emu.fetch(
      new Request("http://emu/public/v2/download/2026-107778", {
        headers: { "Ocp-Apim-Subscription-Key": "test-key" },
      }),
    );
    expect(dl.status).toBe(404);
    expect(
      (await control(emu, "POST", "/notices/2026-107778/mutations", { op: "heading", heading: "x" })).status,
    ).toBe(404);
  });

  it("rejects an unknown mutation op with 400", async () => {
    const emu = makeEmulator({ count: 50 });
    expect((await control(emu, "POST", "/notices/2026-107778/mutations", { op: "explode" })).status).toBe(
      400,
    );
  });
});

describe("control API: reset isolation", () => {
  it("merges reset options over the creation options, never over an earlier reset", async () => {
    const emu = makeEmulator({ count: 150, fixtures: false });
    await control(emu, "POST", "/reset", { count: 40, to: "2020-12-31" });
    expect(emu.health().notices).toBe(40);
    await control(emu, "POST", "/reset", { seed: 3 });
    expect(emu.health().notices).toBe(150);
    const latest = (await publicSearch(emu, "numHitsPerPage=1")).hits[0]?.publicationDate as string;
    expect(latest > "2021-01-01").toBe(true);
  });
});

describe("control API: listing faults and future publications", () => {
  it("lists active faults with their remaining uses", async () => {
    const emu = makeEmulator({ count: 20 });
    await control(emu, "POST", "/faults", { route: "public.search", kind: "status", status: 500, times: 3 });
    await publicSearch(emu).catch(() => undefined);
    const { faults } = (await (await control(emu, "GET", "/faults")).json()) as {
      faults: { route: string; remaining: number }[];
    };
    expect(faults).toHaveLength(1);
    expect(faults[0]).toMatchObject({ route: "public.search", kind: "status", remaining: 2 });
  });

  it("keeps a notice published on a future day hidden until the clock gets there", async () => {
    const emu = makeEmulator({ count: 20 });
    const res = await control(emu, "POST", "/notices", {
      publicationDate: "2026-08-10",
      heading: "Fremtidig kunngjøring",
    });
    const { id, published } = (await res.json()) as { id: string; published: boolean };
    expect(published).toBe(false);
    expect((await detail(emu, id)).status).toBe(404);
    await control(emu, "POST", "/clock", { set: "2026-08-10T08:00:00Z" });
    expect((await detail(emu, id)).status).toBe(200);
  });
});
