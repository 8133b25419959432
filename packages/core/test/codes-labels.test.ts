import { describe, expect, it } from "vitest";
import { FACET_NAMES, facetLabel, getCpv } from "../src/codes/index";
import { CONTRACT_NATURES, NOTICE_STATUSES, NOTICE_TYPES } from "../src/domain/vocabulary";

describe("facetLabel", () => {
  it("names notice types in Norwegian by default and in English on request", () => {
    expect(facetLabel("type", "ANNOUNCEMENT_OF_COMPETITION")).toBe("Konkurransekunngjøring");
    expect(facetLabel("type", "ADVISORY_NOTICE")).toBe("Veiledende kunngjøring");
    expect(facetLabel("type", "ANNOUNCEMENT_OF_INTENT", "en")).toBe("Announcement of intent");
    expect(facetLabel("type", "RESULT", "nb")).toBe("Resultat");
  });

  it("has a distinct label in both languages for every type, status and contract nature", () => {
    for (const [facet, ids] of [
      ["type", NOTICE_TYPES],
      ["status", NOTICE_STATUSES],
      ["contract_nature", CONTRACT_NATURES],
    ] as const) {
      for (const lang of ["nb", "en"] as const) {
        const labels = ids.map((id) => facetLabel(facet, id, lang));
        expect(labels.every((label, i) => label !== ids[i] && label.length > 0)).toBe(true);
        expect(new Set(labels).size).toBe(ids.length);
      }
    }
  });

  it("labels statuses and contract natures", () => {
    expect(facetLabel("status", "ACTIVE")).toBe("Aktiv");
    expect(facetLabel("status", "CANCELLED", "en")).toBe("Cancelled");
    expect(facetLabel("contract_nature", "WORKS")).toBe("Bygge- og anleggsarbeid");
    expect(facetLabel("contract_nature", "SUPPLIES", "en")).toBe("Supplies");
  });

  it("labels locations and CPV codes from the code lists", () => {
    expect(facetLabel("location", "NO0A2")).toBe("Vestland");
    expect(facetLabel("location", "NO07", "en")).toBe("Northern Norway");
    expect(facetLabel("location", "anyw-cou")).toBe("Hvor som helst i det gitte landet");
    expect(facetLabel("cpv", "72000000", "en")).toBe(getCpv("72000000")?.nameEn);
    expect(facetLabel("cpv", "72000000")).toBe(getCpv("72000000")?.nameNb);
  });

  it("labels strategic labels, humanizing codes not yet known", () => {
    expect(facetLabel("strategic_label", "ENVIRONMENT_PROCUREMENT", "en")).toBe(
      "Environmental considerations",
    );
    expect(facetLabel("strategic_label", "INNOVATION_PROCUREMENT")).toBe("Innovation procurement");
  });

  it("falls back to the id for values it does not know", () => {
    for (const facet of FACET_NAMES.filter((f) => f !== "strategic_label")) {
      expect(facetLabel(facet, "FI1D9")).toBe("FI1D9");
    }
    // Inherited object keys are not labels.
    expect(facetLabel("type", "constructor")).toBe("constructor");
  });
});
