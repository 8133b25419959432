import type { Notice, NoticeSummary, SearchResult } from "@doffin/core";
import { describe, expect, it } from "vitest";
import { langOf } from "../src/output/labels";
import { changesView, noticeView, rangeLine, searchView } from "../src/output/views";
import type { ChangeItem } from "../src/transport/types";
import { detailOf, makeCorpus } from "./fake-gateway";

const [template] = makeCorpus([1], "2026-11-02");
if (!template) throw new Error("empty corpus");
const notice = (id: string, over: Partial<NoticeSummary>): NoticeSummary => ({
  ...template,
  id,
  url: `https://www.doffin.no/notices/${id}`,
  type: "ANNOUNCEMENT_OF_COMPETITION",
  allTypes: ["ANNOUNCEMENT_OF_COMPETITION", "COMPETITION"],
  status: "ACTIVE",
  buyers: [{ name: "Oslo kommune v/ Utdanningsetaten", orgNumber: "974760673", rawOrganizationId: null }],
  deadline: "2026-12-15T11:00:00Z",
  estimatedValue: null,
  ...over,
});

const items = [
  notice("2026-107918", {
    heading: "Skoleskyss for grunnskolene i Oslo 2027–2031, rammeavtale med to leverandører",
  }),
  notice("2026-107921", {
    type: "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT",
    allTypes: ["ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT", "RESULT"],
    status: null,
    deadline: null,
    buyers: [{ name: "Vestland fylkeskommune", orgNumber: "821311632", rawOrganizationId: null }],
    heading: "Brannbil med høyderedskap til Bergen brannvesen",
  }),
  notice("2026-108002", {
    type: "CHANGE_OF_CONCLUSION_OF_CONTRACT",
    allTypes: ["CHANGE_OF_CONCLUSION_OF_CONTRACT", "RESULT"],
    status: null,
    deadline: null,
    buyers: [{ name: "Statens vegvesen", orgNumber: "971032081", rawOrganizationId: null }],
    heading: "Renhold av trafikkstasjoner, region øst",
  }),
  notice("2026-108010", {
    status: "CANCELLED",
    buyers: [
      {
        name: "Helse Sør-Øst RHF, Sykehuspartner HF avdeling innkjøp",
        orgNumber: null,
        rawOrganizationId: null,
      },
    ],
    heading: "Programvare for journalsystem",
  }),
];
const result: SearchResult = { items, total: 4650, accessible: 1000, page: 1, limit: 20, facets: {} };

describe("the search table", () => {
  it("fits 80 columns: heading keeps its room, buyer and publication day give way", () => {
    const out = searchView(result, { width: 80 });
    for (const line of out.split("\n")) expect(Array.from(line).length).toBeLessThanOrEqual(80);
    expect(out).toMatchInlineSnapshot(`
      "ID           TYPE             STATUS     DEADLINE    HEADING
      2026-107918  Competition      Active     2026-12-15  Skoleskyss for grunnskolen…
      2026-107921  Award                                   Brannbil med høyderedskap …
      2026-108002  Contract change                         Renhold av trafikkstasjone…
      2026-108010  Competition      Cancelled  2026-12-15  Programvare for journalsys…

      1–4 of 4,650 notices (page 1)
      Doffin serves only the first 1000: narrow the filters or use \`doffin export\`
      (BUYER, PUBLISHED left out to fit: --wide shows every column)"
    `);
  });

  it("shows every column at 120 columns", () => {
    const out = searchView(result, { width: 120 });
    for (const line of out.split("\n")) expect(Array.from(line).length).toBeLessThanOrEqual(120);
    expect(out).toMatchInlineSnapshot(`
      "ID           PUBLISHED   TYPE             STATUS     DEADLINE    BUYER                   HEADING
      2026-107918  2026-11-02  Competition      Active     2026-12-15  Oslo kommune v/ Utdan…  Skoleskyss for grunnskolene i …
      2026-107921  2026-11-02  Award                                   Vestland fylkeskommune  Brannbil med høyderedskap til …
      2026-108002  2026-11-02  Contract change                         Statens vegvesen        Renhold av trafikkstasjoner, r…
      2026-108010  2026-11-02  Competition      Cancelled  2026-12-15  Helse Sør-Øst RHF, Sy…  Programvare for journalsystem

      1–4 of 4,650 notices (page 1)
      Doffin serves only the first 1000: narrow the filters or use \`doffin export\`"
    `);
  });

  it("labels types and statuses in Norwegian with --lang nb", () => {
    const out = searchView(result, { width: 80, lang: "nb" });
    expect(out).toMatch(/^2026-107921\s+Tildeling\s+/m);
    expect(out).toMatch(/^2026-108010\s+Konkurranse\s+Avlyst\s+/m);
    expect(out).toMatch(/^2026-108002\s+Kontraktsendring\s+/m);
  });

  it("prints every column in full with --wide", () => {
    const out = searchView(result, { width: 80, wide: true });
    expect(out).toContain("Announcement of conclusion of contract");
    expect(out).toContain("Helse Sør-Øst RHF, Sykehuspartner HF avdeling innkjøp");
    expect(out).toContain("Skoleskyss for grunnskolene i Oslo 2027–2031, rammeavtale med to leverandører");
    expect(out).not.toContain("…");
  });

  it("counts in words: 1 notice, 1–20 of 4,650 notices", () => {
    expect(rangeLine({ page: 1, limit: 20, total: 1 }, 1)).toBe("1 notice");
    expect(rangeLine({ page: 1, limit: 20, total: 4650 }, 20)).toBe("1–20 of 4,650 notices (page 1)");
    expect(rangeLine({ page: 3, limit: 20, total: 45 }, 5)).toBe("41–45 of 45 notices (page 3)");
  });
});

describe("one notice", () => {
  const base = items[0] as NoticeSummary;
  const full: Notice = {
    ...detailOf({ ...base, locations: ["NO081", "anyw"] }),
    procedureId: null,
    cpv: { direct: ["60130000", "99999999"], all: [] },
  };

  it("shows labels next to codes: type, status, locations, CPV (one per line), deadline in Oslo time", () => {
    const out = noticeView(full, "en");
    expect(out).toMatch(/^Type\s+Announcement of competition \(ANNOUNCEMENT_OF_COMPETITION\)$/m);
    expect(out).toMatch(/^Status\s+Active \(ACTIVE\)$/m);
    expect(out).toMatch(/^Deadline\s+2026-12-15 12:00 Oslo time \(2026-12-15T11:00:00Z\)$/m);
    expect(out).toMatch(/^Locations\s+Oslo \(NO081\), .+ \(anyw\)$/m);
    expect(out).toMatch(/^CPV\s+60130000 \S.+\n\s+99999999$/m);
    const nb = noticeView(full, "nb");
    expect(nb).toMatch(/^Type\s+Konkurransekunngjøring \(ANNOUNCEMENT_OF_COMPETITION\)$/m);
    expect(nb).toMatch(/^Status\s+Aktiv \(ACTIVE\)$/m);
  });
});

describe("the change feed", () => {
  const events: ChangeItem[] = [
    {
      id: "7",
      noticeId: "2026-107918",
      detectedAt: "2026-11-20T08:00:00.000Z",
      kind: "deadline_changed",
      changes: [{ field: "deadline", before: "2026-12-01T11:00:00Z", after: "2026-12-15T11:00:00Z" }],
      notice: {
        heading: "Skoleskyss for grunnskolene i Oslo 2027–2031",
        buyer: "Oslo kommune",
        type: "ANNOUNCEMENT_OF_COMPETITION",
        status: "ACTIVE",
      },
    },
    {
      id: "8",
      noticeId: "2026-108002",
      detectedAt: "2026-11-20T09:30:00.000Z",
      kind: "created",
      changes: [],
    },
  ];

  it("reads as kinds, Oslo times and headings, with what changed below, at 80 columns", () => {
    const out = changesView(events, true, { width: 80 });
    for (const line of out.split("\n")) expect(Array.from(line).length).toBeLessThanOrEqual(80);
    expect(out).toMatchInlineSnapshot(`
      "DETECTED          NOTICE       KIND            HEADING
      2026-11-20 09:00  2026-107918  Deadline moved  Skoleskyss for grunnskolene i Os…
                        deadline 2026-12-01 12:00 → 2026-12-15 12:00
      2026-11-20 10:30  2026-108002  New"
    `);
  });
});

describe("label language", () => {
  it("takes --lang, else LANG, else English", () => {
    expect(langOf("nb", "en_US.UTF-8")).toBe("nb");
    expect(langOf(undefined, "nb_NO.UTF-8")).toBe("nb");
    expect(langOf(undefined, "nn_NO")).toBe("nb");
    expect(langOf(undefined, "C.UTF-8")).toBe("en");
    expect(langOf(undefined, undefined)).toBe("en");
    expect(() => langOf("de")).toThrow(/--lang must be nb or en/);
  });
});
