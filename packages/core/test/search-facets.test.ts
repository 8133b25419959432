import { describe, expect, it } from "vitest";
import { labelFacets, normalizeWebclientFacets } from "../src/index";

describe("labelFacets (search normalization)", () => {
  it("labels code facets from the code lists and leaves name facets alone", () => {
    const facets = normalizeWebclientFacets({
      type: { items: [{ id: "COMPETITION", total: 3 }] },
      locations: { items: [{ id: "NO081", total: 2 }] },
      cpvCodesId: { items: [{ id: "72000000", total: 1 }] },
      buyer: { items: [{ id: "Oslo kommune", total: 1 }] },
    });
    const labelled = labelFacets(facets);
    expect(labelled.type).toEqual([{ id: "COMPETITION", label: "Konkurranse", count: 3 }]);
    expect(labelled.location?.[0]?.label).toBe("Oslo");
    expect(labelled.cpv?.[0]?.label).toMatch(/^Datatjenester/);
    expect(labelled.buyer).toEqual([{ id: "Oslo kommune", label: null, count: 1 }]);
    expect(labelFacets(facets, "en").cpv?.[0]?.label).toMatch(/^IT services/);
  });

  it("keeps a label the source already gave, and the id for an unknown code", () => {
    expect(
      labelFacets({
        status: [{ id: "ACTIVE", label: "Open", count: 1 }],
        cpv: [{ id: "99999999", label: null, count: 1 }],
      }),
    ).toEqual({
      status: [{ id: "ACTIVE", label: "Open", count: 1 }],
      cpv: [{ id: "99999999", label: "99999999", count: 1 }],
    });
  });
});
