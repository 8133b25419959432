import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CanonicalSnapshot,
  ChangeEvent,
  ChangesFeed,
  ChangesQuery,
  canonicalJson,
  canonicalSnapshot,
  classifyChange,
  correctionEvent,
  diffSnapshots,
  type Notice,
  type NoticeSummary,
  noticeFromSummary,
  snapshotHash,
} from "../src/index";

const summary = (over: Partial<NoticeSummary> = {}): NoticeSummary => ({
  id: "2026-100001",
  url: "https://www.doffin.no/notices/2026-100001",
  heading: "Renhold av skoler",
  description: "Rammeavtale om renhold.",
  type: "ANNOUNCEMENT_OF_COMPETITION",
  allTypes: ["COMPETITION", "ANNOUNCEMENT_OF_COMPETITION"],
  status: "ACTIVE",
  buyers: [
    { name: "Oslo kommune", orgNumber: "958935420", rawOrganizationId: "958 935 420" },
    { name: "Bergen kommune", orgNumber: "964338531", rawOrganizationId: "964338531" },
  ],
  locations: ["NO081", "NO0A2"],
  placeOfPerformance: ["Oslo"],
  issuedAt: "2026-11-01T08:00:00Z",
  publishedOn: "2026-11-01",
  deadline: "2026-12-01T12:00:00Z",
  estimatedValue: { amount: 1_000_000, currency: "NOK" },
  cpvCodes: null,
  sentToTed: false,
  lots: [],
  strategicLabels: [],
  receivedTenders: null,
  ...over,
});

const detail = (s: NoticeSummary, over: Partial<Notice> = {}): Notice => ({
  ...noticeFromSummary(s, {
    procedureId: "p-1",
    eFormId: "e-1",
    cpv: { direct: ["90911200"], all: ["90911200", "90910000", "90900000"] },
    competitionDocsUrl: "https://example.test/docs/1",
  }),
  ...over,
});

describe("canonicalSnapshot", () => {
  it("keeps only tracked fields, sorted and normalized", () => {
    const snap = canonicalSnapshot(
      summary({ heading: "  Renhold \t av skoler ", deadline: "2026-12-01T13:00:00+01:00" }),
    );
    expect(CanonicalSnapshot.parse(snap)).toEqual(snap);
    expect(snap.heading).toBe("Renhold av skoler");
    expect(snap.deadline).toBe("2026-12-01T12:00:00Z");
    expect(snap.allTypes).toEqual(["ANNOUNCEMENT_OF_COMPETITION", "COMPETITION"]);
    expect(snap.buyers.map((b) => b.orgNumber)).toEqual(["958935420", "964338531"]);
    expect(snap).not.toHaveProperty("placeOfPerformance");
    expect(snap.detail).toBeNull();
  });

  it("takes detail-only fields from the notice", () => {
    const s = summary();
    const snap = canonicalSnapshot(
      s,
      detail(s, {
        changeNotices: [
          { id: "2026-100000", changedNoticeId: null, issuedAt: null, selected: false, eFormId: null },
        ],
      }),
    );
    expect(snap.detail?.cpvCodes).toEqual(["90900000", "90910000", "90911200"]);
    expect(snap.detail?.changeNotices).toEqual(["2026-100000"]);
  });

  it("hashes equal content equally whatever the array order (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(["NO081", "NO0A2", "NO071", "anyw"], { minLength: 1 }),
        async (locs) => {
          const a = await snapshotHash(canonicalSnapshot(summary({ locations: locs })));
          const b = await snapshotHash(canonicalSnapshot(summary({ locations: [...locs].reverse() })));
          expect(a).toBe(b);
          expect(a).toMatch(/^[0-9a-f]{64}$/);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("changes the hash when a tracked field changes", async () => {
    const a = await snapshotHash(canonicalSnapshot(summary()));
    const b = await snapshotHash(
      canonicalSnapshot(summary({ estimatedValue: { amount: 2, currency: "NOK" } })),
    );
    expect(a).not.toBe(b);
  });

  it("canonicalJson sorts keys at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe("diffSnapshots / classifyChange", () => {
  const before = canonicalSnapshot(summary());

  it("records creation and withdrawal", () => {
    expect(classifyChange(null, before)).toEqual([{ kind: "created", changes: [] }]);
    expect(classifyChange(before, null)).toEqual([{ kind: "withdrawn", changes: [] }]);
  });

  it("types a moved deadline with its shift", () => {
    const after = canonicalSnapshot(summary({ deadline: "2026-12-08T12:00:00Z" }));
    expect(classifyChange(before, after)).toEqual([
      {
        kind: "deadline_changed",
        shiftSeconds: 7 * 86_400,
        changes: [{ field: "deadline", before: "2026-12-01T12:00:00Z", after: "2026-12-08T12:00:00Z" }],
      },
    ]);
  });

  it.each([
    ["CANCELLED", "cancelled"],
    ["AWARDED", "awarded"],
    ["EXPIRED", "status_changed"],
  ])("types status ACTIVE → %s as %s", (to, kind) => {
    const [event, ...rest] = classifyChange(before, canonicalSnapshot(summary({ status: to })));
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      kind,
      from: "ACTIVE",
      to,
      changes: [{ field: "status", before: "ACTIVE", after: to }],
    });
  });

  it("yields one event per kind, grouping fields of the same kind", () => {
    const after = canonicalSnapshot(
      summary({ heading: "Nytt", description: "Ny", estimatedValue: null, locations: ["NO081"] }),
    );
    const events = classifyChange(before, after);
    expect(events.map((e) => e.kind)).toEqual(["value_changed", "text_changed", "updated"]);
    expect(events[1]?.changes.map((c) => c.field)).toEqual(["heading", "description"]);
    expect(events[0]?.changes).toEqual([
      { field: "estimatedValue", before: { amount: 1_000_000, currency: "NOK" }, after: null },
    ]);
  });

  it("ignores detail fields unless both sides have the detail", () => {
    const s = summary();
    const full = canonicalSnapshot(s, detail(s, { awardedNames: ["Vask AS"] }));
    expect(diffSnapshots(before, full)).toEqual([]);
    const fuller = canonicalSnapshot(s, detail(s, { awardedNames: ["Vask AS", "Rent AS"] }));
    expect(classifyChange(full, fuller)).toEqual([
      {
        kind: "awarded",
        changes: [{ field: "awardedNames", before: ["Vask AS"], after: ["Rent AS", "Vask AS"] }],
      },
    ]);
  });

  it("describes a correction on the corrected notice", () => {
    const corr = canonicalSnapshot(
      summary({ id: "2026-100002", deadline: "2026-12-15T12:00:00Z", publishedOn: "2026-11-05" }),
    );
    expect(correctionEvent(before, "2026-100002", corr)).toEqual({
      kind: "corrected",
      changes: [
        { field: "correctedBy", before: null, after: "2026-100002" },
        { field: "deadline", before: "2026-12-01T12:00:00Z", after: "2026-12-15T12:00:00Z" },
      ],
    });
  });
});

describe("feed schemas", () => {
  it("parse a feed page and reject unknown kinds", () => {
    const ev = {
      id: "e1",
      noticeId: "2026-100001",
      detectedAt: "2026-11-01T00:00:00Z",
      kind: "created",
      changes: [],
    };
    expect(ChangesFeed.parse({ items: [ev], nextCursor: null }).items).toHaveLength(1);
    expect(ChangeEvent.safeParse({ ...ev, kind: "exploded" }).success).toBe(false);
  });

  it("coerces and bounds the feed query", () => {
    expect(ChangesQuery.parse({ limit: "10" }).limit).toBe(10);
    expect(ChangesQuery.parse({}).limit).toBe(50);
    expect(ChangesQuery.safeParse({ limit: "0" }).success).toBe(false);
    expect(ChangesQuery.safeParse({ limit: "101" }).success).toBe(false);
    expect(ChangesQuery.safeParse({ since: "yesterday" }).success).toBe(false);
    expect(ChangesQuery.safeParse({ since: "2026-11-01T00:00:00Z" }).success).toBe(true);
  });
});
