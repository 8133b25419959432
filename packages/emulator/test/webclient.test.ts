import { describe, expect, it } from "vitest";
import {
  allRecords,
  detail,
  firstPages,
  hasWord,
  makeEmulator,
  tiedEmulator,
  webPost,
  webSearch,
} from "./helpers";

const emu = makeEmulator({ count: 3000 });
const records = allRecords(emu);
const facetTotal = (
  body: { facets: Record<string, { items: { id: string; total: number }[] }> },
  facet: string,
  id: string,
) => body.facets[facet]?.items.find((i) => i.id === id)?.total ?? 0;

describe("web client search: request semantics", () => {
  it("answers GET on the search path with 404 {statusCode:404}", async () => {
    const res = await emu.fetch(new Request("http://emu/webclient/api/v2/search-api/search"));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ statusCode: 404 });
  });

  it("needs no key and ignores unknown body keys (a top-level cpvCodes filters nothing)", async () => {
    const plain = await webSearch(emu, { numHitsPerPage: 5, page: 1 });
    const odd = await webSearch(emu, {
      numHitsPerPage: 5,
      page: 1,
      cpvCodes: ["45000000"],
      size: 3,
      facets: { cpvCodesLabel: { checkedItems: [] } },
    });
    expect(odd.numHitsTotal).toBe(plain.numHitsTotal);
    expect(odd.numHitsTotal).toBe(records.length);
  });

  it("works without facets and defaults to 20 hits, publication date descending", async () => {
    const body = await webSearch(emu, {});
    expect(body.hits).toHaveLength(20);
    const dates = body.hits.map((h) => h.publicationDate);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it("ORs checkedItems within a facet and ANDs across facets", async () => {
    const one = await webSearch(emu, { facets: { type: { checkedItems: ["ADVISORY_NOTICE"] } } });
    const other = await webSearch(emu, { facets: { type: { checkedItems: ["ANNOUNCEMENT_OF_INTENT"] } } });
    const both = await webSearch(emu, {
      facets: { type: { checkedItems: ["ADVISORY_NOTICE", "ANNOUNCEMENT_OF_INTENT"] } },
    });
    expect(both.numHitsTotal).toBe(one.numHitsTotal + other.numHitsTotal);
    const and = await webSearch(emu, {
      facets: { type: { checkedItems: ["COMPETITION"] }, contractNature: { checkedItems: ["WORKS"] } },
    });
    expect(and.numHitsTotal).toBe(
      records.filter((r) => r.allTypes.includes("COMPETITION") && r.contractNature === "WORKS").length,
    );
  });

  it("matches type against allTypes and cpvCodesId exactly against ancestor-expanded codes", async () => {
    const planning = await webSearch(emu, { facets: { type: { checkedItems: ["PLANNING"] } } });
    expect(planning.numHitsTotal).toBe(records.filter((r) => r.allTypes.includes("PLANNING")).length);
    const cpv = await webSearch(emu, { facets: { cpvCodesId: { checkedItems: ["72000000"] } } });
    expect(cpv.numHitsTotal).toBe(records.filter((r) => r.cpvCodes.includes("72000000")).length);
    expect(cpv.numHitsTotal).toBeGreaterThan(0);
  });

  it("matches location on the notice's codes and their NUTS ancestors (NO0 ⊃ NO08 ⊃ NO081)", async () => {
    const oslo = await webSearch(emu, { facets: { location: { checkedItems: ["NO081"] } } });
    const region = await webSearch(emu, { facets: { location: { checkedItems: ["NO08"] } } });
    const norway = await webSearch(emu, { facets: { location: { checkedItems: ["NO0"] } } });
    expect(oslo.numHitsTotal).toBeGreaterThan(0);
    expect(region.numHitsTotal).toBeGreaterThan(oslo.numHitsTotal);
    expect(norway.numHitsTotal).toBeGreaterThan(region.numHitsTotal);
    expect(region.numHitsTotal).toBe(
      records.filter((r) => r.locationIds.some((c) => c.startsWith("NO08"))).length,
    );
    const anyw = await webSearch(emu, { facets: { location: { checkedItems: ["anyw"] } } });
    expect(anyw.numHitsTotal).toBe(records.filter((r) => r.locationIds.includes("anyw")).length);
  });

  it("never matches a null status", async () => {
    const body = await webSearch(emu, {
      facets: { status: { checkedItems: ["EXPIRED", "ACTIVE"] }, type: { checkedItems: ["RESULT"] } },
    });
    expect(body.numHitsTotal).toBe(0);
  });

  it("filters publicationDate from/to inclusively", async () => {
    const body = await webSearch(emu, {
      numHitsPerPage: 100,
      facets: { publicationDate: { from: "2025-06-02", to: "2025-06-06" } },
    });
    const expected = records.filter(
      (r) => r.publicationDate >= "2025-06-02" && r.publicationDate <= "2025-06-06",
    );
    expect(body.numHitsTotal).toBe(expected.length);
    expect(new Set(body.hits.map((h) => h.id))).toEqual(new Set(expected.map((r) => r.id)));
    const open = await webSearch(emu, { facets: { publicationDate: { from: "2026-01-01", to: null } } });
    expect(open.numHitsTotal).toBe(records.filter((r) => r.publicationDate >= "2026-01-01").length);
  });

  it("searches words of heading + description case-insensitively and ranks by relevance by default", async () => {
    const body = await webSearch(emu, { searchString: "SKOLE", numHitsPerPage: 100 });
    expect(body.numHitsTotal).toBe(
      records.filter((r) => hasWord(`${r.heading} ${r.description}`, "skole")).length,
    );
    expect(body.numHitsTotal).toBeGreaterThan(0);
    const first = body.hits[0] as unknown as { heading: string };
    expect(first.heading.toLowerCase()).toContain("skole");
  });

  it("filters on buyer and winner ids from suggest", async () => {
    const suggest = (await (
      await webPost(emu, { searchString: "as" }, "/webclient/api/v2/search-api/search/suggest")
    ).json()) as {
      winner: { items: { id: string; value: string; total: number }[] };
      buyer: { items: { id: string; value: string; total: number }[] };
    };
    const winner = suggest.winner.items[0];
    expect(winner).toBeDefined();
    const byWinner = await webSearch(emu, { facets: { winner: { checkedItems: [winner?.id] } } });
    expect(byWinner.numHitsTotal).toBe(winner?.total);
    const buyerSuggest = (await (
      await webPost(emu, { searchString: "kommune" }, "/webclient/api/v2/search-api/search/suggest")
    ).json()) as typeof suggest;
    const buyer = buyerSuggest.buyer.items[0];
    expect(buyer?.value.toLowerCase()).toContain("kommune");
    const byBuyer = await webSearch(emu, { facets: { buyer: { checkedItems: [buyer?.id] } } });
    expect(byBuyer.numHitsTotal).toBe(buyer?.total);
    const byName = await webSearch(emu, { facets: { buyer: { checkedItems: [buyer?.value] } } });
    expect(byName.numHitsTotal).toBeGreaterThanOrEqual(byBuyer.numHitsTotal);
  });

  it("caps numHitsAccessible at 1000 and answers hits: [] past the cap", async () => {
    const body = await webSearch(emu, { numHitsPerPage: 100, page: 11 });
    expect(body.numHitsTotal).toBe(records.length);
    expect(body.numHitsAccessible).toBe(1000);
    expect(body.hits).toEqual([]);
    expect((await webSearch(emu, { numHitsPerPage: 100, page: 10 })).hits).toHaveLength(100);
  });

  it("sorts ascending by publication date, by deadline and by value", async () => {
    const asc = await webSearch(emu, { sortBy: "PUBLICATION_DATE_ASC", numHitsPerPage: 50 });
    const d = asc.hits.map((h) => h.publicationDate);
    expect([...d].sort()).toEqual(d);
    const deadline = await webSearch(emu, { sortBy: "DEADLINE", numHitsPerPage: 50 });
    const dl = deadline.hits.map((h) => h.deadline as string);
    expect([...dl].sort()).toEqual(dl);
    const value = await webSearch(emu, { sortBy: "ESTIMATED_VALUE_DESC", numHitsPerPage: 50 });
    const v = value.hits.map((h) => (h.estimatedValue as { amount: number }).amount);
    expect([...v].sort((a, b) => b - a)).toEqual(v);
  });
});

describe("web client search: facets", () => {
  it("returns the 2024 facet keys with {id,total} items", async () => {
    const body = await webSearch(emu, { numHitsPerPage: 1 });
    expect(Object.keys(body.facets).sort()).toEqual(
      ["contractNature", "cpvCode", "locations", "procurementStrategicLabels", "status", "type"].sort(),
    );
    for (const facet of Object.values(body.facets)) {
      for (const item of facet.items) expect(Object.keys(item).sort()).toEqual(["id", "total"]);
    }
  });

  it("counts disjunctively: a facet ignores its own filter but respects the others", async () => {
    const body = await webSearch(emu, {
      facets: { type: { checkedItems: ["COMPETITION"] }, contractNature: { checkedItems: ["SERVICES"] } },
    });
    const services = records.filter((r) => r.contractNature === "SERVICES");
    const competitions = records.filter((r) => r.allTypes.includes("COMPETITION"));
    // type facet: counted over SERVICES notices of every type.
    expect(facetTotal(body, "type", "COMPETITION")).toBe(body.numHitsTotal);
    expect(facetTotal(body, "type", "RESULT")).toBe(
      services.filter((r) => r.allTypes.includes("RESULT")).length,
    );
    // contractNature facet: counted over competitions of every nature.
    expect(facetTotal(body, "contractNature", "WORKS")).toBe(
      competitions.filter((r) => r.contractNature === "WORKS").length,
    );
    // status facet: respects both filters; null statuses are not counted.
    const statusSum = body.facets.status?.items.reduce((s, i) => s + i.total, 0);
    expect(statusSum).toBe(body.numHitsTotal);
  });

  it("counts location ancestors (NO0, NO08) in the locations facet", async () => {
    const body = await webSearch(emu, { numHitsPerPage: 1 });
    const oslo = facetTotal(body, "locations", "NO081");
    const region = facetTotal(body, "locations", "NO08");
    expect(oslo).toBeGreaterThan(0);
    expect(region).toBeGreaterThanOrEqual(oslo);
    expect(facetTotal(body, "locations", "NO0")).toBeGreaterThanOrEqual(region);
  });
});

describe("web client: detail, suggest, CPV tree", () => {
  it("uses noticeType/noticeStatus and buyer {id: orgnr, name}", async () => {
    const hit = (
      await webSearch(emu, { numHitsPerPage: 1, facets: { type: { checkedItems: ["COMPETITION"] } } })
    ).hits[0];
    const d = (await (await detail(emu, hit?.id ?? "")).json()) as Record<string, unknown>;
    expect(d.noticeType).toBe(hit?.type);
    expect(d.noticeStatus).toBe(hit?.status);
    expect(d).not.toHaveProperty("type");
    expect(d).not.toHaveProperty("status");
    expect(d.buyer).toEqual(
      ((hit?.buyer ?? []) as { organizationId: string; name: string }[]).map((b) => ({
        id: b.organizationId,
        name: b.name,
      })),
    );
  });

  it("answers 404 for an unknown id", async () => {
    const res = await detail(emu, "2026-999999");
    expect(res.status).toBe(404);
  });

  it("links a correction chain through changeNotices and the procedure through procurementTimeline", async () => {
    const d = (await (await detail(emu, "2026-107918")).json()) as {
      changeNotices: { id: string; selectedNotice: boolean; changedNoticeId: string | null }[];
      procurementTimeline: { id: string; allType: string[]; selectedNotice: boolean }[];
    };
    expect(d.changeNotices.map((c) => c.id)).toEqual(["2026-107918", "2026-105551"]);
    expect(d.changeNotices.map((c) => c.selectedNotice)).toEqual([true, false]);
    expect(d.procurementTimeline.map((t) => t.id)).toEqual(["2026-105551", "2026-107918"]);
    const older = (await (await detail(emu, "2026-105551")).json()) as typeof d;
    expect(older.changeNotices.find((c) => c.selectedNotice)?.id).toBe("2026-105551");
  });

  it("serves the CPV tree with Norwegian labels and nested children", async () => {
    const res = await emu.fetch(new Request("http://emu/webclient/api/v2/notices-api/codes/cpvCodes"));
    const tree = (await res.json()) as {
      id: string;
      label: string;
      children: { id: string; children: unknown[] }[];
    }[];
    expect(tree).toHaveLength(45);
    const works = tree.find((n) => n.id === "45000000");
    expect(works?.label).toBe("Bygge- og anleggsvirksomhet");
    expect(works?.children.some((c) => c.id === "45200000")).toBe(true);
    let count = 0;
    const walk = (nodes: { children: unknown[] }[]) => {
      for (const n of nodes) {
        count++;
        walk(n.children as { children: unknown[] }[]);
      }
    };
    walk(tree);
    expect(count).toBe(9454);
  });

  it("suggest returns winner and buyer items {id, value, total}", async () => {
    const res = await webPost(
      emu,
      { searchString: "kommune", facets: {} },
      "/webclient/api/v2/search-api/search/suggest",
    );
    const body = (await res.json()) as Record<string, { items: Record<string, unknown>[] }>;
    expect(Object.keys(body).sort()).toEqual(["buyer", "winner"]);
    for (const item of body.buyer?.items ?? [])
      expect(Object.keys(item).sort()).toEqual(["id", "total", "value"]);
    expect(body.buyer?.items.length).toBeGreaterThan(0);
  });
});

describe("web client: quirks shared with the Public API", () => {
  it("orders publication-date ties by page size, so mixing page sizes duplicates notices", async () => {
    const tied = tiedEmulator();
    const page = async (size: number, p: number) =>
      (await webSearch(tied, { numHitsPerPage: size, page: p })).hits.map((h) => h.id);
    const by10 = await firstPages(page, 10, 5);
    expect(await page(10, 2)).toEqual(by10.slice(10, 20));
    const mixed = [...by10, ...(await page(25, 3))];
    expect(new Set(mixed).size).toBeLessThan(mixed.length);
  });

  it("keeps raw control characters (a tab) in strings, JSON-escaped", async () => {
    const withTab = records.find((r) => r.description.includes("\t"));
    expect(withTab).toBeDefined();
    const res = await webPost(emu, { searchString: "Kontaktperson:", numHitsPerPage: 200 });
    const text = await res.text();
    expect(text).toContain("\\t");
    const body = JSON.parse(text) as { hits: { id: string; description: string }[] };
    expect(body.hits.find((h) => h.id === withTab?.id)?.description).toContain("\t");
  });
});
