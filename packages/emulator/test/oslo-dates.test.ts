import { describe, expect, it } from "vitest";
import { osloDay, osloDayStart } from "../src/oslo";
import { allRecords, control, detail, makeEmulator, publicSearch, webSearch } from "./helpers";

/**
 * Two notices either side of an Oslo midnight, at 23:30 and 00:30 Oslo time. In summer (CEST, UTC+2)
 * and in winter (CET, UTC+1) the UTC day of the first is the same as the second's, so a UTC
 * comparison puts both on one day; Doffin (and the emulator) put them on two.
 */
const MIDNIGHTS = [
  {
    name: "summer time (CEST) midnight 30 June → 1 July 2026",
    before: "2026-06-30T21:30:00Z",
    after: "2026-06-30T22:30:00Z",
    dayBefore: "2026-06-30",
    dayAfter: "2026-07-01",
    clock: "2026-07-01T10:00:00Z",
  },
  {
    name: "winter time (CET) midnight 15 → 16 January 2026",
    before: "2026-01-15T22:30:00Z",
    after: "2026-01-15T23:30:00Z",
    dayBefore: "2026-01-15",
    dayAfter: "2026-01-16",
    clock: "2026-01-16T10:00:00Z",
  },
] as const;

type Published = { id: string; issueDate: string; publicationDate: string; published: boolean };

const publishAt = async (emu: ReturnType<typeof makeEmulator>, publishedAt: string, heading: string) => {
  const res = await control(emu, "POST", "/notices", {
    publishedAt,
    heading,
    type: "ANNOUNCEMENT_OF_COMPETITION",
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Published;
};

const webIds = async (emu: ReturnType<typeof makeEmulator>, from: string | null, to: string | null) => {
  const body = await webSearch(emu, {
    searchString: "midnattsprøve",
    numHitsPerPage: 100,
    facets: { publicationDate: { from, to } },
  });
  return body.hits.map((h) => `${h.id}@${h.publicationDate}`).sort();
};

const publicIds = async (emu: ReturnType<typeof makeEmulator>, from: string, to: string) => {
  const body = await publicSearch(emu, [
    ["searchString", "midnattsprøve"],
    ["issueDateFrom", from],
    ["issueDateTo", to],
    ["numHitsPerPage", "100"],
  ]);
  return body.hits.map((h) => `${h.id}@${h.publicationDate as string}`).sort();
};

describe("Oslo calendar days", () => {
  it("osloDay and osloDayStart follow Europe/Oslo, including the DST switch days", () => {
    expect(osloDay(Date.parse("2026-06-30T21:59:59Z"))).toBe("2026-06-30");
    expect(osloDay(Date.parse("2026-06-30T22:00:00Z"))).toBe("2026-07-01");
    expect(osloDay(Date.parse("2026-01-15T22:59:59Z"))).toBe("2026-01-15");
    expect(osloDay(Date.parse("2026-01-15T23:00:00Z"))).toBe("2026-01-16");
    expect(new Date(osloDayStart("2026-07-01")).toISOString()).toBe("2026-06-30T22:00:00.000Z");
    expect(new Date(osloDayStart("2026-01-16")).toISOString()).toBe("2026-01-15T23:00:00.000Z");
    // 29 March 2026 starts in CET (the switch is at 02:00), 25 October 2026 in CEST (back at 03:00).
    expect(new Date(osloDayStart("2026-03-29")).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(new Date(osloDayStart("2026-03-30")).toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(new Date(osloDayStart("2026-10-25")).toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(new Date(osloDayStart("2026-10-26")).toISOString()).toBe("2026-10-25T23:00:00.000Z");
  });

  it("generated notices are never published before the Oslo day they were issued", () => {
    const emu = makeEmulator({ count: 3000 });
    const records = allRecords(emu);
    expect(records.length).toBeGreaterThan(3000);
    for (const n of records) expect(osloDay(Date.parse(n.issueDate)) <= n.publicationDate).toBe(true);
  });

  for (const m of MIDNIGHTS) {
    describe(m.name, () => {
      const setup = async () => {
        const emu = makeEmulator({ count: 300, now: m.clock });
        const a = await publishAt(emu, m.before, "Midnattsprøve før midnatt");
        const b = await publishAt(emu, m.after, "Midnattsprøve etter midnatt");
        return { emu, a, b };
      };

      it("publishedAt places a notice at the instant, on its Oslo publication day", async () => {
        const { a, b } = await setup();
        expect(a).toMatchObject({ issueDate: m.before, publicationDate: m.dayBefore, published: true });
        expect(b).toMatchObject({ issueDate: m.after, publicationDate: m.dayAfter, published: true });
      });

      it("web client: hits carry the Oslo publicationDate and the publicationDate facet splits at Oslo midnight", async () => {
        const { emu, a, b } = await setup();
        const before = `${a.id}@${m.dayBefore}`;
        const after = `${b.id}@${m.dayAfter}`;
        expect(await webIds(emu, null, null)).toEqual([before, after].sort());
        expect(await webIds(emu, m.dayBefore, m.dayBefore)).toEqual([before]);
        expect(await webIds(emu, m.dayAfter, m.dayAfter)).toEqual([after]);
        expect(await webIds(emu, null, m.dayBefore)).toEqual([before]);
        expect(await webIds(emu, m.dayAfter, null)).toEqual([after]);
      });

      it("Public API: issueDateFrom/To are Oslo days", async () => {
        const { emu, a, b } = await setup();
        const before = `${a.id}@${m.dayBefore}`;
        const after = `${b.id}@${m.dayAfter}`;
        expect(await publicIds(emu, m.dayBefore, m.dayBefore)).toEqual([before]);
        expect(await publicIds(emu, m.dayAfter, m.dayAfter)).toEqual([after]);
        expect(await publicIds(emu, m.dayBefore, m.dayAfter)).toEqual([before, after].sort());
      });

      it("the emulator's today is Oslo's: a notice of the Oslo day after appears at Oslo midnight", async () => {
        const emu = makeEmulator({ count: 50, now: m.before });
        const b = await publishAt(emu, m.after, "Midnattsprøve etter midnatt");
        expect(b.published).toBe(false);
        expect((await detail(emu, b.id)).status).toBe(404);
        // Midnight in Oslo; in UTC it is still the evening before.
        await control(emu, "POST", "/clock", { set: new Date(osloDayStart(m.dayAfter)).toISOString() });
        expect((await detail(emu, b.id)).status).toBe(200);
        expect(await webIds(emu, m.dayAfter, m.dayAfter)).toEqual([`${b.id}@${m.dayAfter}`]);
      });
    });
  }

  it("rejects contradictory or malformed instants with a 400 invalid_request", async () => {
    const emu = makeEmulator({ count: 20 });
    const cases = [
      { publishedAt: "not a date" },
      { publishedAt: "2026-08-01T10:00:00Z", issueDate: "2026-08-01T10:00:00Z" },
      { publishedAt: "2026-08-01T10:00:00Z", publicationDate: "2026-08-01" },
      // 23:30Z on 1 August is 01:30 on 2 August in Oslo: it cannot be published on 1 August.
      { issueDate: "2026-08-01T23:30:00Z", publicationDate: "2026-08-01" },
    ];
    for (const body of cases) {
      const res = await control(emu, "POST", "/notices", body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as { error: { code: string; message: string; issues: unknown[] } };
      expect(json.error.code).toBe("invalid_request");
      expect(json.error.issues.length).toBeGreaterThan(0);
    }
  });
});
