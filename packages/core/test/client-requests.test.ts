import { afterEach, describe, expect, it } from "vitest";
import {
  buildPublicApiSearchParams,
  buildSearchRequest,
  buildWebclientSearchBody,
  createDoffinClient,
  UnsupportedFilterError,
  unsupportedPublicApiFilters,
} from "../src/client/index";
import { readFixture, startScriptedServer } from "./client-support";

type Server = Awaited<ReturnType<typeof startScriptedServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const webSearchBody = JSON.stringify({
  numHitsTotal: 1,
  numHitsAccessible: 1,
  hits: [readFixture("webclient/search-hit-2026-107921.json")],
  facets: { type: { items: [{ id: "COMPETITION", total: 1 }] } },
});
const publicSearchBody = JSON.stringify(readFixture("public-api/search-response-page.json"));

describe("request builders (pure)", () => {
  it("web client body: every facet present, values de-duplicated and sorted, publicationDate from/to", () => {
    expect(
      buildWebclientSearchBody({
        q: "  skole ",
        types: ["RESULT", "COMPETITION", "RESULT"],
        statuses: ["ACTIVE"],
        cpvCodes: ["72000000", "45000000"],
        locations: ["NO081"],
        contractNatures: ["WORKS"],
        strategicLabels: ["ENVIRONMENT_PROCUREMENT"],
        buyers: ["Oslo kommune"],
        winners: ["w-1"],
        publishedFrom: "2026-03-01",
        sort: "deadline",
        page: 3,
        limit: 50,
      }),
    ).toEqual({
      numHitsPerPage: 50,
      page: 3,
      searchString: "skole",
      sortBy: "DEADLINE",
      facets: {
        type: { checkedItems: ["COMPETITION", "RESULT"] },
        status: { checkedItems: ["ACTIVE"] },
        cpvCodesId: { checkedItems: ["45000000", "72000000"] },
        location: { checkedItems: ["NO081"] },
        contractNature: { checkedItems: ["WORKS"] },
        procurementStrategicLabels: { checkedItems: ["ENVIRONMENT_PROCUREMENT"] },
        buyer: { checkedItems: ["Oslo kommune"] },
        winner: { checkedItems: ["w-1"] },
        publicationDate: { from: "2026-03-01", to: null },
      },
    });
  });

  it("default sort: relevance with a text query, newest first without", () => {
    expect(buildWebclientSearchBody({ q: "renhold" }).sortBy).toBe("RELEVANCE");
    expect(buildWebclientSearchBody({}).sortBy).toBe("PUBLICATION_DATE_DESC");
    expect(buildWebclientSearchBody({ sort: "published_asc" }).sortBy).toBe("PUBLICATION_DATE_ASC");
  });

  it("Public API query: repeated parameters, never comma-joined; published* → issueDate*", () => {
    const params = buildPublicApiSearchParams({
      q: "skole",
      types: ["RESULT", "COMPETITION"],
      statuses: ["EXPIRED", "ACTIVE"],
      cpvCodes: ["45000000", "72000000"],
      locations: ["NO081", "anyw"],
      publishedFrom: "2026-01-01",
      publishedTo: "2026-01-31",
      sort: "published_desc",
      page: 2,
      limit: 100,
    });
    expect([...params.entries()]).toEqual([
      ["numHitsPerPage", "100"],
      ["page", "2"],
      ["sortBy", "PUBLICATION_DATE_DESC"],
      ["searchString", "skole"],
      ["type", "COMPETITION"],
      ["type", "RESULT"],
      ["status", "ACTIVE"],
      ["status", "EXPIRED"],
      ["cpvCode", "45000000"],
      ["cpvCode", "72000000"],
      ["location", "NO081"],
      ["location", "anyw"],
      ["issueDateFrom", "2026-01-01"],
      ["issueDateTo", "2026-01-31"],
    ]);
    expect(params.toString()).not.toMatch(/%2C|,/);
  });

  it("rejects out-of-range paging before anything is sent", () => {
    expect(() => buildPublicApiSearchParams({ limit: 101 })).toThrow();
    expect(() => buildWebclientSearchBody({ page: 0 })).toThrow();
  });

  it("lists the filters the Public API cannot express", () => {
    expect(unsupportedPublicApiFilters({ buyers: ["x"], winners: [], contractNatures: ["WORKS"] })).toEqual([
      "contractNatures",
      "buyers",
    ]);
  });

  it("buildSearchRequest gives equal requests for equal queries (a canonical cache key)", () => {
    const a = buildSearchRequest("webclient", { types: ["RESULT", "COMPETITION"], q: "x" });
    const b = buildSearchRequest("webclient", { q: "x ", types: ["COMPETITION", "RESULT"] });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(buildSearchRequest("public-api", { types: ["RESULT"] })).toEqual({
      method: "GET",
      path: "/public/v2/search",
      query: "numHitsPerPage=20&page=1&sortBy=PUBLICATION_DATE_DESC&type=RESULT",
    });
  });
});

describe("the client sends exactly the built requests over HTTP", () => {
  it("web client search: POST JSON body to search-api/search, normalized result", async () => {
    server = await startScriptedServer([{ status: 200, body: webSearchBody }]);
    const client = createDoffinClient({ baseUrl: `${server.url}/`, retry: { attempts: 1 } });
    const filters = { q: "korallrev", types: ["COMPETITION" as const], locations: ["NO073"], limit: 10 };
    const res = await client.search(filters);
    const [req] = server.requests;
    expect(req?.method).toBe("POST");
    expect(req?.path).toBe("/webclient/api/v2/search-api/search");
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req?.body ?? "")).toEqual(buildWebclientSearchBody(filters));
    expect(res).toMatchObject({ total: 1, accessible: 1, page: 1, limit: 10 });
    expect(res.items[0]?.id).toBe("2026-107921");
    expect(res.facets).toEqual({ type: [{ id: "COMPETITION", label: null, count: 1 }] });
  });

  it("Public API search: GET with repeated params and the subscription key header", async () => {
    server = await startScriptedServer([{ status: 200, body: publicSearchBody }]);
    const client = createDoffinClient({ baseUrl: server.url, kind: "public-api", apiKey: "k-123" });
    const res = await client.search({ types: ["RESULT", "COMPETITION"], page: 2, limit: 3 });
    const [req] = server.requests;
    expect(req?.method).toBe("GET");
    expect(req?.path).toBe("/public/v2/search");
    expect(req?.query).toEqual([
      ["numHitsPerPage", "3"],
      ["page", "2"],
      ["sortBy", "PUBLICATION_DATE_DESC"],
      ["type", "COMPETITION"],
      ["type", "RESULT"],
    ]);
    expect(req?.headers["ocp-apim-subscription-key"]).toBe("k-123");
    expect(res).toMatchObject({ total: 157143, accessible: 1000, page: 2, limit: 3, facets: {} });
    expect(res.items.map((i) => i.id)).toEqual(["2026-112542", "2026-112546", "2026-112543"]);
  });

  it("Public API refuses filters it cannot express instead of silently dropping them", async () => {
    server = await startScriptedServer([{ status: 200, body: publicSearchBody }]);
    const client = createDoffinClient({ baseUrl: server.url, kind: "public-api", apiKey: "k" });
    await expect(client.search({ buyers: ["Oslo kommune"] })).rejects.toBeInstanceOf(UnsupportedFilterError);
    expect(server.requests).toHaveLength(0);
  });

  it("Public API getNotice searches for the id and takes the exact match", async () => {
    server = await startScriptedServer([{ status: 200, body: publicSearchBody }]);
    const client = createDoffinClient({ baseUrl: server.url, kind: "public-api", apiKey: "k" });
    const notice = await client.getNotice("2026-112546");
    expect(notice.id).toBe("2026-112546");
    expect(notice.sections).toEqual([]);
    expect(notice.awardedNames).toEqual(["Globalconnect AS"]);
    expect(server.requests[0]?.query).toContainEqual(["searchString", "2026-112546"]);
    await expect(client.getNotice("2026-999999")).rejects.toMatchObject({ name: "NotFoundError" });
  });

  it("Public API downloadXml GETs /public/v2/download/{id} with the key; the web client kind has none", async () => {
    server = await startScriptedServer([
      { status: 200, body: "<ContractNotice/>", headers: { "content-type": "application/octet-stream" } },
      { status: 404, body: "" },
    ]);
    const client = createDoffinClient({ baseUrl: server.url, kind: "public-api", apiKey: "k" });
    expect(await client.downloadXml("2026-107778")).toBe("<ContractNotice/>");
    expect(server.requests[0]?.path).toBe("/public/v2/download/2026-107778");
    expect(server.requests[0]?.headers["ocp-apim-subscription-key"]).toBe("k");
    await expect(client.downloadXml("2026-000000")).rejects.toMatchObject({ name: "NotFoundError" });
    expect(await client.getCpvTree()).toBeNull();
    const web = createDoffinClient({ baseUrl: server.url });
    expect(await web.downloadXml("2026-107778")).toBeNull();
  });

  it("web client getNotice and getCpvTree hit their paths and normalize", async () => {
    server = await startScriptedServer([
      { status: 200, body: JSON.stringify(readFixture("webclient/notice-detail-2026-107918.abridged.json")) },
      {
        status: 200,
        body: JSON.stringify([
          { id: "03000000", label: "Landbruk", children: [{ id: "03100000", label: null }] },
        ]),
      },
    ]);
    const client = createDoffinClient({ baseUrl: server.url });
    const notice = await client.getNotice("2026-107918");
    expect(notice.changeNotices.map((c) => c.id)).toEqual(["2026-107918", "2026-105551"]);
    expect(server.requests[0]?.path).toBe("/webclient/api/v2/notices-api/notices/2026-107918");
    expect(await client.getCpvTree()).toEqual([
      { id: "03000000", label: "Landbruk", children: [{ id: "03100000", label: "", children: [] }] },
    ]);
    expect(server.requests[1]?.path).toBe("/webclient/api/v2/notices-api/codes/cpvCodes");
  });

  it("a public-api client without a key is a configuration error", () => {
    expect(() => createDoffinClient({ baseUrl: "http://127.0.0.1:1", kind: "public-api" })).toThrow(/apiKey/);
  });
});
