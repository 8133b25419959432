import { describe, expect, it } from "vitest";
import { Notice, NoticeSummary, SearchResult } from "../src/domain/notice";
import {
  cleanEformTree,
  normalizePublicApiHit,
  normalizePublicApiSearch,
  normalizeWebclientDetail,
  normalizeWebclientFacets,
  normalizeWebclientHit,
  normalizeWebclientSearch,
  noticeFromPublicApiHit,
} from "../src/normalize/index";
import {
  PublicApiHit,
  PublicApiSearchResponse,
  WebclientHit,
  WebclientNoticeDetail,
  WebclientSearchResponse,
} from "../src/upstream/index";
import { fixtureFiles, readFixture } from "./client-support";

const webHit = () =>
  normalizeWebclientHit(WebclientHit.parse(readFixture("webclient/search-hit-2026-107921.json")));
const detail = () =>
  normalizeWebclientDetail(
    WebclientNoticeDetail.parse(readFixture("webclient/notice-detail-2026-107918.abridged.json")),
  );
const publicHit = (name: string) =>
  normalizePublicApiHit(PublicApiHit.parse(readFixture(`public-api/hits/${name}.json`)));

describe("every fixture normalizes to a schema-valid domain value", () => {
  it.each(fixtureFiles("public-api/hits"))("%s → NoticeSummary and Notice", (path) => {
    const hit = PublicApiHit.parse(readFixture(path));
    expect(NoticeSummary.parse(normalizePublicApiHit(hit)).id).toBe(hit.id);
    expect(Notice.parse(noticeFromPublicApiHit(hit)).sections).toEqual([]);
  });

  it.each(fixtureFiles("webclient"))("%s → domain", (path) => {
    const value = path.includes("notice-detail") ? detail() : webHit();
    expect((path.includes("notice-detail") ? Notice : NoticeSummary).safeParse(value).error).toBeUndefined();
  });
});

describe("web client search hit 2026-107921", () => {
  it("maps identity, text, url, types and status", () => {
    const n = webHit();
    expect(n.id).toBe("2026-107921");
    expect(n.url).toBe("https://www.doffin.no/notices/2026-107921");
    expect(n.heading).toBe("Lopphavet Marine verneområde");
    expect(n.description).toContain("\n\nI den forbindelsen");
    expect(n.type).toBe("ANNOUNCEMENT_OF_COMPETITION");
    expect(n.allTypes).toEqual(["COMPETITION", "ANNOUNCEMENT_OF_COMPETITION"]);
    expect(n.status).toBe("ACTIVE");
  });

  it("maps buyers, places, dates, value, and leaves what hits lack empty", () => {
    const n = webHit();
    expect(n.buyers).toEqual([
      { name: "Statsforvalterens fellestjenester", orgNumber: "921627009", rawOrganizationId: "921627009" },
    ]);
    expect(n.locations).toEqual(["NO073"]);
    expect(n.placeOfPerformance).toEqual(["Finnmark/Finnmárku/Finmarkku"]);
    expect(n.issuedAt).toBe("2026-05-01T11:33:48Z");
    expect(n.publishedOn).toBe("2026-05-02");
    expect(n.deadline).toBe("2026-06-01T10:00:00Z");
    expect(n.estimatedValue).toEqual({ amount: 1500000, currency: "NOK" });
    expect(n.sentToTed).toBe(false);
    expect(n.cpvCodes).toBeNull();
    expect(n.lots).toEqual([]);
    expect(n.receivedTenders).toBeNull();
  });
});

describe("web client notice detail 2026-107918", () => {
  it("maps the summary part from noticeType/noticeStatus and core.estimatedValue", () => {
    const n = detail();
    expect(n.type).toBe("ANNOUNCEMENT_OF_COMPETITION");
    expect(n.status).toBe("ACTIVE");
    expect(n.estimatedValue).toBeNull();
    expect(n.buyers).toEqual([
      { name: "Oslo kommune v/ Oslobygg KF", orgNumber: "924599545", rawOrganizationId: "924599545" },
    ]);
    expect(n.deadline).toBe("2026-05-28T10:00:00Z");
    expect(n.sentToTed).toBe(true);
    expect(n.strategicLabels).toEqual(["ENVIRONMENT_PROCUREMENT"]);
    expect(n.mainActivity).toBe("gen-pub");
    expect(n.procedureId).toBe("22b8ae62-cb41-463f-ad68-9a0633266b7c");
    expect(n.eFormId).toBe("d54f165b-f145-41ed-b84d-3c678157130c");
    expect(n.competitionDocsUrl).toBe("https://app.artifik.no/procurements/4592");
  });

  it("splits CPV into direct and all (direct ∪ parents)", () => {
    const n = detail();
    expect(n.cpv.direct).toEqual(["45000000", "45200000", "45210000", "45212225", "45214200", "45214210"]);
    expect(n.cpv.all).toHaveLength(10);
    expect(new Set(n.cpv.all)).toEqual(
      new Set([...n.cpv.direct, "45212000", "45212200", "45212220", "45214000"]),
    );
    expect(n.cpvCodes).toEqual(n.cpv.all);
  });

  it("keeps the correction chain and the procurement timeline", () => {
    const n = detail();
    expect(n.changeNotices).toEqual([
      {
        id: "2026-107918",
        changedNoticeId: "19d3977a-1263-4702-92c9-789cf249efc4-01",
        issuedAt: "2026-05-01T15:33:10Z",
        selected: true,
        eFormId: "d54f165b-f145-41ed-b84d-3c678157130c",
      },
      {
        id: "2026-105551",
        changedNoticeId: null,
        issuedAt: "2026-03-19T18:11:02Z",
        selected: false,
        eFormId: "19d3977a-1263-4702-92c9-789cf249efc4",
      },
    ]);
    expect(n.timeline).toEqual([
      {
        id: "2026-105551",
        allTypes: ["ANNOUNCEMENT_OF_COMPETITION", "COMPETITION"],
        publishedOn: "2026-03-23",
        selected: false,
      },
      {
        id: "2026-107918",
        allTypes: ["ANNOUNCEMENT_OF_COMPETITION", "COMPETITION"],
        publishedOn: "2026-05-01",
        selected: true,
      },
    ]);
  });

  it("cleans the eform tree: top blocks kept, useLabelAsValue folded into value, no null children", () => {
    const n = detail();
    expect(n.sections.map((s) => s.key)).toEqual([
      "block01",
      "block02",
      "block04",
      "block05",
      "block06",
      "block07",
    ]);
    const buyer = n.sections[0];
    expect(buyer?.label).toBe("Kjøper");
    expect(buyer?.children[0]?.children[0]).toEqual({
      key: "block010101",
      sectionId: null,
      label: "Offisielt navn",
      value: "Oslo kommune v/ Oslobygg KF",
      children: [],
    });
    const flat = (nodes: typeof n.sections): typeof n.sections =>
      nodes.flatMap((s) => [s, ...flat(s.children)]);
    const directive = flat(n.sections).find((s) => s.key === "block02011304");
    expect(directive).toEqual({
      key: "block02011304",
      sectionId: null,
      label: null,
      value: "Direktiv 2014/24/EU",
      children: [],
    });
    expect(flat(n.sections).every((s) => Array.isArray(s.children))).toBe(true);
  });
});

describe("Public API hits", () => {
  it("contract award notice: winner with org number, received tenders, ancestor CPV list", () => {
    const n = publicHit("contract-award-notice");
    expect(n.id).toBe("2026-112546");
    expect(n.status).toBeNull();
    expect(n.deadline).toBeNull();
    expect(n.estimatedValue).toEqual({ amount: 4000000, currency: "NOK" });
    expect(n.locations).toEqual(["NO071", "NO0A2"]);
    expect(n.receivedTenders).toBe(0);
    expect(n.cpvCodes).toContain("72212222");
    expect(n.cpvCodes).toContain("72000000");
    expect(n.lots).toHaveLength(1);
    expect(n.lots[0]?.winners).toEqual([
      { name: "Globalconnect AS", orgNumber: "890164072", rawOrganizationId: "890164072" },
    ]);
    expect(n.sentToTed).toBeNull();
    expect(n.placeOfPerformance).toEqual([]);
  });

  it("intention notice: winner whose organizationId is null", () => {
    const n = publicHit("intention-notice");
    expect(n.type).toBe("ANNOUNCEMENT_OF_INTENT");
    expect(n.allTypes).toEqual(["ANNOUNCEMENT_OF_INTENT", "RESULT"]);
    expect(n.lots[0]?.winners).toEqual([{ name: "Medanets OY", orgNumber: null, rawOrganizationId: null }]);
    expect(n.estimatedValue).toBeNull();
  });

  it("advisory notice: status and deadline null, value kept", () => {
    const n = publicHit("prior-information-notice");
    expect(n.type).toBe("ADVISORY_NOTICE");
    expect(n.status).toBeNull();
    expect(n.deadline).toBeNull();
    expect(n.estimatedValue).toEqual({ amount: 851000000, currency: "NOK" });
    expect(n.buyers[0]?.orgNumber).toBe("942110375");
  });

  it("contract notice: anyw location, active, Notice view with awardedNames from winners", () => {
    const hit = PublicApiHit.parse(readFixture("public-api/hits/contract-notice.json"));
    const n = noticeFromPublicApiHit(hit);
    expect(n.locations).toEqual(["anyw"]);
    expect(n.status).toBe("ACTIVE");
    expect(n.cpv).toEqual({ direct: [], all: ["60000000", "60100000"] });
    expect(n.awardedNames).toEqual([]);
    const award = noticeFromPublicApiHit(
      PublicApiHit.parse(readFixture("public-api/hits/contract-award-notice.json")),
    );
    expect(award.awardedNames).toEqual(["Globalconnect AS"]);
  });

  it("search page → SearchResult with three buyers on the first hit and no facets", () => {
    const res = normalizePublicApiSearch(
      PublicApiSearchResponse.parse(readFixture("public-api/search-response-page.json")),
      { page: 2, limit: 3 },
    );
    expect(SearchResult.parse(res)).toMatchObject({
      total: 157143,
      accessible: 1000,
      page: 2,
      limit: 3,
      facets: {},
    });
    expect(res.items[0]?.buyers.map((b) => b.orgNumber)).toEqual(["964978840", "822534422", "939760946"]);
    expect(res.items[2]?.locations).toEqual(["NO020"]);
  });
});

describe("odd upstream values", () => {
  it("normalizes org ids: spaces stripped, 9 digits kept, other lengths null but raw kept", () => {
    const hit = WebclientHit.parse({
      ...(readFixture("webclient/search-hit-2026-107921.json") as object),
      buyer: [
        { id: "a", organizationId: "999 601 391", name: "Spaced" },
        { id: "b", organizationId: "12345678901", name: "Eleven" },
        { id: "c", organizationId: null, name: "Nothing" },
        { id: "d", organizationId: 974760673, name: "Number" },
      ],
    });
    expect(normalizeWebclientHit(hit).buyers).toEqual([
      { name: "Spaced", orgNumber: "999601391", rawOrganizationId: "999 601 391" },
      { name: "Eleven", orgNumber: null, rawOrganizationId: "12345678901" },
      { name: "Nothing", orgNumber: null, rawOrganizationId: null },
      { name: "Number", orgNumber: "974760673", rawOrganizationId: "974760673" },
    ]);
  });

  it("keeps other currencies and converts offsets to UTC", () => {
    const hit = PublicApiHit.parse({
      ...(readFixture("public-api/hits/contract-notice.json") as object),
      estimatedValue: { currencyCode: "PLN", amount: 5000000.0 },
      issueDate: "2026-07-30T14:36:32+02:00",
    });
    const n = normalizePublicApiHit(hit);
    expect(n.estimatedValue).toEqual({ amount: 5000000, currency: "PLN" });
    expect(n.issuedAt).toBe("2026-07-30T12:36:32Z");
  });

  it("maps web client facet names (current and 2024 spellings) to ours, labels null", () => {
    expect(
      normalizeWebclientFacets({
        type: { items: [{ id: "COMPETITION", total: 484 }] },
        contractNature: { items: [{ id: "SERVICES", total: 476 }] },
        locations: { items: [{ id: "NO081", total: 108 }] },
        cpvCode: { items: [{ id: 45000000, total: null }] },
        procurementStrategicLabels: { items: [] },
        somethingNew: { items: [{ id: "x", total: 1 }] },
        status: null,
      }),
    ).toEqual({
      type: [{ id: "COMPETITION", label: null, count: 484 }],
      contract_nature: [{ id: "SERVICES", label: null, count: 476 }],
      location: [{ id: "NO081", label: null, count: 108 }],
      cpv: [{ id: "45000000", label: null, count: 0 }],
      strategic_label: [],
    });
  });

  it("web client search response → SearchResult; accessible defaults to min(total, 1000)", () => {
    const res = normalizeWebclientSearch(
      WebclientSearchResponse.parse({
        numHitsTotal: 5143,
        hits: readFixture("webclient/search-hit-2026-107921.json"),
        facets: { status: { items: [{ id: "ACTIVE", total: 10 }] } },
      }),
      { page: 1, limit: 20 },
    );
    expect(res.accessible).toBe(1000);
    expect(res.items.map((i) => i.id)).toEqual(["2026-107921"]);
    expect(res.facets).toEqual({ status: [{ id: "ACTIVE", label: null, count: 10 }] });
  });

  it("drops empty eform nodes and stringifies values", () => {
    expect(
      cleanEformTree([
        { title: "a", sectionId: "1", label: null, value: null, sections: null },
        { title: "b", label: "Antall", value: 3, sections: [] },
      ]),
    ).toEqual([{ key: "b", sectionId: null, label: "Antall", value: "3", children: [] }]);
  });
});
