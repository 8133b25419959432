import { describe, expect, it } from "vitest";
import {
  buildRecord,
  compileRelease,
  EFORMS_MERGE_RULES,
  type EformsNotice,
  extendCompiledRelease,
  extendRecord,
  type JsonObject,
  mapEformsNotice,
  type OcdsRelease,
  ocidFor,
} from "../src/index";
import { loadEformsNotice } from "./eforms-support";
import { createOcdsValidator } from "./ocds-validator";

const PROCEDURE = "7c1f0e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b";

/** A real notice re-homed into one procedure: same BT-04, its own notice id and dispatch instant. */
const inProcedure = (
  doffinId: string,
  noticeId: string,
  dispatchedAt: string,
  patch: Partial<EformsNotice> = {},
) => ({
  ...loadEformsNotice(doffinId),
  procedureId: PROCEDURE,
  noticeId,
  dispatchedAt,
  ...patch,
});

const single = (notice: EformsNotice): OcdsRelease => {
  const releases = mapEformsNotice(notice);
  expect(releases).toHaveLength(1);
  return releases[0] as OcdsRelease;
};

// PIN (pin-buyer, subtype 1) → competition (16) → two change notices → award (can-social, 33), all real XML.
const competition = inProcedure("2024-100506", "n2-competition", "2026-02-01T09:00:00Z");
const notices = [
  inProcedure("2023-661116", "n1-pin", "2026-01-10T09:00:00Z"),
  competition,
  // 2023-618728 is a real change notice; it gets a reason and a lot section here (the fixture gives none).
  inProcedure("2023-618728", "n3-change", "2026-02-10T09:00:00Z", {
    changes: {
      changedNoticeId: "n2-competition",
      reasonCode: "update-add",
      description: "Frist forlenget",
      sections: ["LOT-0001"],
    },
  }),
  // 2025-112709's real reason is `cancel`; a correction here, so the procedure goes on to its award.
  inProcedure("2025-112709", "n4-change", "2026-02-20T09:00:00Z", {
    changes: {
      ...(loadEformsNotice("2025-112709").changes as NonNullable<EformsNotice["changes"]>),
      reasonCode: "cor-buy",
    },
  }),
  inProcedure("2022-319091", "n5-award", "2026-04-01T09:00:00Z"),
];
const releases = notices.map(single);
const record = buildRecord(releases);
const compiled = record.compiledRelease as JsonObject & { tender: JsonObject; awards: JsonObject[] };

describe("a procedure's record holds all its releases (PIN, competition, 2 changes, award)", () => {
  it("gives all five notices one ocid and puts all five releases in the record, in date order", () => {
    expect(new Set(releases.map((r) => r.ocid))).toEqual(new Set([`ocds-xxxxxx-${PROCEDURE}`]));
    expect(record.releases.map((r) => r.id)).toEqual([
      "n1-pin",
      "n2-competition",
      "n3-change",
      "n4-change",
      "n5-award",
    ]);
    expect(record.releases.map((r) => r.tag)).toEqual([
      ["planning"],
      ["tender"],
      ["tender"],
      ["tender"],
      ["award", "contract"],
    ]);
  });

  it("compiles the latest state: complete, both amendments kept, competition lots and award present", () => {
    expect(compiled.tag).toEqual(["compiled"]);
    expect(compiled.id).toBe(`ocds-xxxxxx-${PROCEDURE}-2026-04-01T09:00:00Z`);
    expect(compiled.tender.status).toBe("complete");
    const amendments = compiled.tender.amendments as JsonObject[];
    expect(amendments.map((a) => a.id)).toEqual(["n3-change", "n4-change"]);
    expect(amendments[0]).toMatchObject({ relatedLots: ["LOT-0001"], amendsReleaseID: "n2-competition" });
    expect(amendments[1]?.rationaleClassifications).toEqual([
      { scheme: "eu-change-corrig-justification", id: "cor-buy" },
    ]);
    const lotIds = (compiled.tender.lots as JsonObject[]).map((l) => l.id);
    expect(lotIds).toEqual(expect.arrayContaining(competition.lots.map((l) => l.id)));
    expect(compiled.awards.length).toBeGreaterThan(0);
    const parties = compiled.parties as JsonObject[];
    expect(parties.some((p) => (p.roles as string[]).includes("buyer"))).toBe(true);
  });

  it("versions tender.status as planned → active → complete, one entry per change of value", () => {
    const status = (record.versionedRelease.tender as JsonObject).status as JsonObject[];
    expect(status.map((s) => [s.releaseID, s.value])).toEqual([
      ["n1-pin", "planned"],
      ["n2-competition", "active"],
      ["n5-award", "complete"],
    ]);
  });

  it("extends the compiled release one notice at a time to exactly the full merge", () => {
    let incremental = compileRelease(releases.slice(0, 1), EFORMS_MERGE_RULES);
    for (const r of releases.slice(1))
      incremental = extendCompiledRelease(incremental, r, EFORMS_MERGE_RULES);
    expect(incremental).toStrictEqual(record.compiledRelease);
  });

  it("extends the whole record (compiled and versioned) one notice at a time to exactly buildRecord", () => {
    let incremental = buildRecord(releases.slice(0, 1));
    for (const r of releases.slice(1)) incremental = extendRecord(incremental, r);
    expect(incremental).toStrictEqual(record);
    // Out of order: falls back to the full merge, same result.
    const late = extendRecord(buildRecord(releases.slice(1)), releases[0] as OcdsRelease);
    expect(late).toStrictEqual(record);
    expect(() =>
      extendRecord(record, { ...(releases[0] as OcdsRelease), ocid: "ocds-xxxxxx-other" }),
    ).toThrow(/not the record/);
  });

  it("validates, record and all, against the schemas", () => {
    const validate = createOcdsValidator();
    expect(validate("profileRelease", record.compiledRelease)).toEqual([]);
    expect(validate("versioned", record.versionedRelease)).toEqual([]);
  });
});

describe("ocid rules", () => {
  it("gives a competition after a PIN-only notice a new ocid, and each PIN-only part its own", () => {
    const pinOnly = inProcedure("2023-673152", "pin-only-1", "2026-01-01T00:00:00Z");
    const parts = mapEformsNotice(pinOnly);
    expect(parts.map((r) => r.ocid)).toEqual(pinOnly.lots.map((l) => `ocds-xxxxxx-pin-only-1-${l.id}`));
    expect(parts.every((r) => r.ocid !== single(competition).ocid)).toBe(true);
  });

  it("gives a framework call-off award its own ocid and honours a registered prefix", () => {
    const award = notices[4] as EformsNotice;
    expect(ocidFor(award, { frameworkCallOff: true })).toBe("ocds-xxxxxx-n5-award");
    expect(single(award).ocid).toBe(`ocds-xxxxxx-${PROCEDURE}`);
    expect(mapEformsNotice(award, { prefix: "ocds-abc123" })[0]?.ocid).toBe(`ocds-abc123-${PROCEDURE}`);
  });

  it("discards a bri notice and refuses a notice without a dispatch date", () => {
    expect(mapEformsNotice({ ...competition, formType: "bri" })).toEqual([]);
    expect(() => mapEformsNotice({ ...competition, dispatchedAt: null })).toThrow(/dispatch date/);
  });

  it("rejects releases of two ocids in one record", () => {
    expect(() =>
      buildRecord([...releases, { ...(releases[0] as OcdsRelease), ocid: "ocds-xxxxxx-other" }]),
    ).toThrow(/one ocid/);
  });
});
