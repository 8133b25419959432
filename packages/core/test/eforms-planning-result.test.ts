import { describe, expect, it } from "vitest";
import { loadEformsNotice } from "./eforms-support";

// Every expected value below was read by hand from the XML file named in the test, not from the parser.

describe("result notice", () => {
  it("2022-319091: can-social — the winner, the tender value, tenders received, the contract", () => {
    const n = loadEformsNotice("2022-319091");
    expect(n).toMatchObject({
      documentType: "ContractAwardNotice",
      formType: "result",
      noticeType: "can-social",
      noticeSubtype: "33",
      noticeId: "2022-319091",
      procedureId: "2022-319091",
      dispatchedAt: "2022-08-25T10:00:00Z",
      language: "NOB",
      customization: { sdkVersion: "1.7", eu: true, national: false, extended: false },
    });
    expect(n.lots.map((l) => l.id)).toEqual(["LOT-0000"]);
    expect(n.lots[0]?.placesOfPerformance).toMatchObject([{ nuts: "NO0A3" }]);
    expect(n.procedure).toMatchObject({ mainCpv: "85147000", internalId: "22/4397", estimatedValue: null });
    expect(n.organisations.buyers).toMatchObject([
      { name: "Ålesund kommune", orgNumber: "920415288", rawCompanyId: "920 415 288", legalType: "ra" },
    ]);
    expect(n.organisations.reviewBodies).toMatchObject([
      { name: "Møre og Romsdal tingrett", orgNumber: null },
    ]);

    const results = n.results;
    expect(results?.totalValue).toEqual({ amount: 17_000_000, currency: "NOK" });
    expect(results?.frameworkMaximumValue).toBeNull();
    expect(results?.frameworkApproximateValue).toBeNull();
    expect(results?.lots).toHaveLength(1);
    const lot = results?.lots[0];
    expect(lot).toMatchObject({
      id: "RES-0001",
      lotId: "LOT-0000",
      outcome: "winner_chosen",
      outcomeCode: "selec-w",
      tendersReceived: 2,
      submissions: [{ kind: "tenders", count: 2 }],
    });
    expect(lot?.tenders).toMatchObject([
      { id: "TEN-0001", lotId: "LOT-0000", value: { amount: 17_000_000, currency: "NOK" }, rank: null },
    ]);
    expect(lot?.winners).toMatchObject([
      {
        ref: "ORG-0002",
        name: "AVONOVA HELSE AS",
        orgNumber: "884039312",
        identifier: { scheme: "NO-BRC", id: "884039312" },
        address: { city: "Oslo", postalCode: "0663", country: "NOR" },
      },
    ]);
    // BT-150 is present but empty in this notice: the contract is there, its number is not.
    expect(lot?.contracts).toEqual([
      {
        id: "CON-0001",
        reference: null,
        title: null,
        concludedOn: null,
        awardedOn: null,
        tenderIds: ["TEN-0001"],
      },
    ]);
  });
});

describe("planning notices", () => {
  it("2023-653367: pin-rtl with 18 lots, a placeholder 2099 deadline kept as given", () => {
    const n = loadEformsNotice("2023-653367");
    expect(n).toMatchObject({ formType: "planning", noticeType: "pin-rtl", noticeSubtype: "8" });
    expect(n.lots).toHaveLength(18);
    expect(n.lots[0]?.id).toBe("LOT-E60");
    expect(n.lots[17]?.id).toBe("LOT-E33");
    expect(n.lots.every((l) => l.kind === "lot" && l.submissionDeadline === "2099-01-01T11:59:59Z")).toBe(
      true,
    );
    expect(n.lots.every((l) => l.frameworkAgreement === null && l.dynamicPurchasingSystem === null)).toBe(
      true,
    );
    expect(n.regulatoryDomain).toBe("32014L0025");
    expect(n.organisations.buyers[0]).toMatchObject({ name: "Bybanen Utbygging", orgNumber: "992051825" });
    expect(n.results).toBeNull();
  });

  it("2023-673152: national pin-only with three parts and four organisations", () => {
    const n = loadEformsNotice("2023-673152");
    expect(n.customization).toMatchObject({
      raw: "eforms-sdk-1.7#urn:fdc:anskaffelser.no:2023:eforms:national",
      national: true,
      eu: false,
      extended: false,
    });
    expect(n).toMatchObject({ noticeType: "pin-only", noticeSubtype: "N4", regulatoryDomain: "OTHER" });
    expect(n.lots.map((l) => [l.id, l.kind])).toEqual([
      ["PAR-0001", "part"],
      ["PAR-0002", "part"],
      ["PAR-0003", "part"],
    ]);
    expect(n.organisations.all.map((o) => o.orgNumber)).toEqual(
      expect.arrayContaining(["921693230", "911770709", "969159570", "989861751"]),
    );
    expect(n.organisations.buyers[0]).toMatchObject({ name: "Viken fylkeskommune", orgNumber: "921693230" });
  });

  it("2024-102293: national #extended pin-only — one part, an estimate, a buyer without BT-501", () => {
    const n = loadEformsNotice("2024-102293");
    expect(n.customization).toMatchObject({ national: true, extended: true, eu: false });
    expect(n.lots.map((l) => l.id)).toEqual(["PAR-0000"]);
    expect(n.lots[0]).toMatchObject({ kind: "part", mainCpv: "92331200" });
    expect(n.lots[0]?.estimatedValue).toEqual({ amount: 110_000, currency: "NOK" });
    expect(n.organisations.buyers.map((b) => [b.name, b.orgNumber, b.legalType])).toEqual([
      ["Sandnes kommune", "964965137", "pub-undert"],
      ["Sandnes kommnune", null, "pub-undert"],
    ]);
  });

  it("2023-612007: pin-buyer (subtype 3), defence directive, central government buyer", () => {
    const n = loadEformsNotice("2023-612007");
    expect(n).toMatchObject({ noticeType: "pin-buyer", noticeSubtype: "3", regulatoryDomain: "32009L0081" });
    expect(n.procedureId).toBeNull();
    expect(n.lots[0]?.mainCpv).toBe("50421000");
    expect(n.organisations.buyers[0]).toMatchObject({
      name: "Forsvaret v/Forsvarets logistikkorganisasjon",
      orgNumber: "988517860",
      legalType: "cga",
    });
  });

  it("2023-661116: pin-buyer (subtype 1)", () => {
    const n = loadEformsNotice("2023-661116");
    expect(n).toMatchObject({
      noticeType: "pin-buyer",
      noticeSubtype: "1",
      dispatchedAt: "2023-02-02T10:00:00Z",
    });
    expect(n.organisations.buyers[0]).toMatchObject({
      name: "Trondheim Renholdsverk AS",
      orgNumber: "988964573",
      legalType: "body-pl-ra",
    });
  });
});
