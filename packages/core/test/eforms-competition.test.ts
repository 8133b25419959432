import { describe, expect, it } from "vitest";
import { EformsNotice } from "../src/index";
import { eformsFixtureIds, loadEformsNotice } from "./eforms-support";

// Every expected value below was read by hand from the XML file named in the test, not from the parser.

describe("every real Doffin eForms fixture", () => {
  it("covers the 14 downloads", () => {
    expect(eformsFixtureIds()).toHaveLength(14);
  });

  it.each(eformsFixtureIds())("%s parses to a valid EformsNotice without warnings", (id) => {
    const notice = loadEformsNotice(id);
    expect(EformsNotice.safeParse(notice).error).toBeUndefined();
    expect(notice.doffinId).toBe(id);
    expect(notice.warnings).toEqual([]);
    expect(notice.organisations.buyers.length).toBeGreaterThan(0);
    expect(notice.customization.sdkVersion).toMatch(/^1\.(7|8|13)$/);
  });
});

describe("competition notices", () => {
  it("2026-107778: cn-standard SDK 1.13, estimate and framework maximum kept apart, award criteria", () => {
    const n = loadEformsNotice("2026-107778");
    expect(n).toMatchObject({
      noticeId: "db26c9ed-0b0c-433f-a4ac-da964b0569ef",
      noticeVersion: "01",
      procedureId: "c2a8673f-aea5-47d9-b25a-881a76d6a0ea",
      documentType: "ContractNotice",
      formType: "competition",
      noticeType: "cn-standard",
      noticeSubtype: "16",
      customization: { sdkVersion: "1.13", extended: true, eu: true, national: false },
      regulatoryDomain: "32014L0024",
      dispatchedAt: "2026-04-29T05:32:05Z",
      language: "ENG",
      additionalLanguages: ["NOR"],
      results: null,
      changes: null,
    });
    expect(n.procedure).toMatchObject({
      type: "open",
      accelerated: false,
      internalId: "5224",
      title: "Mobile development partner", // the notice language (ENG) wins over NOR
      mainCpv: "72212000",
      additionalCpv: ["72000000"],
      estimatedValue: { amount: 300_000_000, currency: "NOK" },
      frameworkMaximumValue: { amount: 320_000_000, currency: "NOK" },
      frameworkAgreement: true,
      dynamicPurchasingSystem: false,
    });
    expect(n.lots.map((l) => l.id)).toEqual(["LOT-0001"]);
    const lot = n.lots[0];
    expect(lot).toMatchObject({
      kind: "lot",
      submissionDeadline: "2026-06-11T22:00:00Z",
      frameworkAgreement: "fa-mix",
      dynamicPurchasingSystem: null,
      duration: { start: "2026-10-01", end: "2030-09-30", length: null },
      placesOfPerformance: [{ nuts: "NO020", country: "NOR" }],
      reviewBodyRefs: ["ORG-0002"],
    });
    expect(lot?.awardCriteria.map((c) => [c.type, c.weight?.value, c.weight?.kind])).toEqual([
      ["price", 20, "per-exa"],
      ["quality", 80, "per-exa"],
      ["quality-nor-env-none", 0, "per-exa"],
    ]);
    expect(n.organisations.buyers).toMatchObject([
      {
        ref: "ORG-0001",
        name: "Norsk Tipping",
        orgNumber: "925836613",
        identifier: { scheme: "NO-BRC", id: "925836613" },
        legalType: "body-pl",
        activity: "gen-pub",
        address: { city: "HAMAR", postalCode: "2325", nuts: "NO020", country: "NOR" },
      },
    ]);
    expect(n.organisations.reviewBodies).toMatchObject([
      { name: "Hedmarken og Østerdal tingrett", orgNumber: "935364892" },
    ]);
    expect(n.organisations.all.map((o) => o.name)).toEqual([
      "Norsk Tipping",
      "Hedmarken og Østerdal tingrett",
      "Artifik AS",
    ]);
  });

  it("2025-112709: a change notice cancelling a DPS (BT-758, BT-140, BT-141, changed sections)", () => {
    const n = loadEformsNotice("2025-112709");
    expect(n.noticeId).toBe("a1c5b7af-3058-4cf8-915b-dd4d567b74e4");
    expect(n.procedure).toMatchObject({
      type: "restricted",
      estimatedValue: { amount: 20_000_000, currency: "NOK" },
      dynamicPurchasingSystem: true,
      frameworkAgreement: false,
    });
    expect(n.lots[0]?.dynamicPurchasingSystem).toBe("dps-list");
    expect(n.changes).toMatchObject({
      changedNoticeId: "3ed898bd-990f-45ae-b996-f996c769be78-01",
      reasonCode: "cancel",
      sections: ["ORG-0001", "ORG-0002", "PROCEDURE", "LOT-0000"],
    });
    expect(n.changes?.description).toMatch(/^Oppdragsgiver beklager å meddele/);
    expect(n.customization).toMatchObject({ sdkVersion: "1.13", extended: true, eu: true });
  });

  it("2023-618728: an old change notice with no lot element and 23 buyers", () => {
    const n = loadEformsNotice("2023-618728");
    expect(n.lots).toEqual([]);
    expect(n.procedureId).toBe("2023-648589");
    expect(n.changes).toEqual({
      changedNoticeId: "2023-648589",
      reasonCode: null,
      description: null,
      sections: [],
    });
    expect(n.organisations.buyers).toHaveLength(23);
    expect(n.organisations.buyers[0]).toMatchObject({ name: "Hammerfest Kommune", orgNumber: "921770669" });
    // Alta kommune has no BT-501 in the document: no org number, no identifier — not a guess.
    expect(n.organisations.buyers[1]).toMatchObject({
      name: "Alta kommune",
      orgNumber: null,
      identifier: null,
    });
  });

  it("2023-689565: national cn-standard with 8 lots, one deadline each, BT-31", () => {
    const n = loadEformsNotice("2023-689565");
    expect(n.customization).toMatchObject({ national: true, eu: false, extended: false, sdkVersion: "1.7" });
    expect(n).toMatchObject({ noticeType: "cn-standard", noticeSubtype: "N16", regulatoryDomain: "OTHER" });
    expect(n.lots.map((l) => l.id)).toEqual([
      "LOT-0001",
      "LOT-0002",
      "LOT-0003",
      "LOT-0004",
      "LOT-0005",
      "LOT-0006",
      "LOT-0007",
      "LOT-0008",
    ]);
    for (const lot of n.lots) {
      expect(lot.submissionDeadline).toBe("2023-05-12T10:00:00Z");
      expect(lot.duration.start).toBe("2023-06-01");
      expect(lot.placesOfPerformance[0]?.nuts).toBe("NO071");
    }
    expect(n.procedure).toMatchObject({ type: "open", lotsMaxPerTenderer: 8 });
    expect(n.organisations.buyers[0]).toMatchObject({
      name: "Nordland fylkeskommune",
      orgNumber: "964982953",
    });
  });

  it("2024-100506: SDK 1.8, estimated value, deadline, review body, lot rules in the lot's terms", () => {
    const n = loadEformsNotice("2024-100506");
    expect(n.customization).toMatchObject({ sdkVersion: "1.8", extended: true, eu: true });
    expect(n.noticeId).toBe("3503745c-0c1b-406b-9df4-dc1d80c823c4");
    expect(n.language).toBe("NOR");
    expect(n.procedure).toMatchObject({ type: "open", lotsMaxPerTenderer: 1, lotsMaxAwarded: 0 });
    expect(n.lots[0]).toMatchObject({
      id: "LOT-0000",
      title: "Overvåking av mikroplast 2024-2025",
      internalId: "2024/509",
      submissionDeadline: "2024-02-29T11:00:00Z",
      mainCpv: "90711500",
      frameworkAgreement: null,
    });
    expect(n.lots[0]?.duration.start).toBe("2024-03-15");
    expect(n.procedure.estimatedValue).toEqual({ amount: 12_500_000, currency: "NOK" });
    expect(n.organisations.buyers[0]).toMatchObject({
      name: "Miljødirektoratet",
      orgNumber: "999601391",
      legalType: "cga",
    });
    expect(n.organisations.reviewBodies).toMatchObject([
      { name: "Trøndelag tingrett", orgNumber: "926722794" },
    ]);
  });

  it("2023-100863: #extended cn-standard (defence), framework maximum without an estimate", () => {
    const n = loadEformsNotice("2023-100863");
    expect(n.customization).toMatchObject({ extended: true, eu: true, sdkVersion: "1.7" });
    expect(n).toMatchObject({ noticeSubtype: "18", regulatoryDomain: "32009L0081" });
    expect(n.procedure).toMatchObject({
      type: "neg-w-call",
      title: "Individual automatic carbine",
      mainCpv: "35321200",
      estimatedValue: null,
      frameworkMaximumValue: { amount: 75_000_000, currency: "NOK" },
    });
    expect(n.lots[0]).toMatchObject({
      frameworkAgreement: "fa-wo-rc",
      frameworkMaximumValue: { amount: 75_000_000, currency: "NOK" },
      estimatedValue: null,
      participationDeadline: "2023-12-14T11:00:00Z",
      submissionDeadline: null,
    });
    expect(n.organisations.buyers[0]?.name).toBe("FORSVARSMATERIELL");
  });

  it("2023-100860: cn-social, requests-to-participate deadline", () => {
    const n = loadEformsNotice("2023-100860");
    expect(n).toMatchObject({ noticeType: "cn-social", noticeSubtype: "21", regulatoryDomain: "32014L0025" });
    expect(n.noticeId).toBe("d0b9cb0e-6bb1-4ad6-b369-05af6a80035f");
    expect(n.procedure.type).toBe("neg-w-call");
    expect(n.lots[0]).toMatchObject({
      mainCpv: "79713000",
      participationDeadline: "2023-12-20T11:00:00Z",
      duration: { start: "2024-03-01" },
    });
    expect(n.lots[0]?.placesOfPerformance[0]?.nuts).toBe("NO082");
    expect(n.organisations.buyers[0]?.name).toBe("Flytoget AS");
  });

  it("2022-366668: PIN used as a call for competition (pin-cfc-standard)", () => {
    const n = loadEformsNotice("2022-366668");
    expect(n).toMatchObject({
      documentType: "PriorInformationNotice",
      formType: "competition",
      noticeType: "pin-cfc-standard",
      noticeSubtype: "10",
      dispatchedAt: "2022-07-06T10:00:00Z",
    });
    expect(n.procedure.type).toBe("neg-w-call");
    expect(n.procedure.estimatedValue).toEqual({ amount: 2_350_000, currency: "NOK" });
    expect(n.lots[0]).toMatchObject({
      submissionDeadline: "2022-09-12T10:00:00Z",
      frameworkAgreement: "fa-wo-rc",
      estimatedValue: { amount: 2_350_000, currency: "NOK" },
      duration: { length: { amount: 39, unit: "MONTH" } },
    });
    expect(n.organisations.buyers[0]).toMatchObject({ name: "TØNSBERG KOMMUNE", orgNumber: "921383681" });
  });
});
