import { describe, expect, it } from "vitest";
import {
  ApimError,
  PublicApiHit,
  PublicApiReasonError,
  PublicApiSearchResponse,
  WebclientHit,
  WebclientNoticeDetail,
  WebclientSearchResponse,
} from "../src/upstream/index";
import { fixtureFiles, readFixture } from "./client-support";

describe("upstream schemas accept every real fixture", () => {
  it("finds the fixture files it is meant to cover", () => {
    expect(fixtureFiles("webclient").length).toBeGreaterThanOrEqual(2);
    expect(fixtureFiles("public-api/hits").length).toBeGreaterThanOrEqual(4);
  });

  it.each(fixtureFiles("webclient"))("web client %s", (path) => {
    const json = readFixture(path);
    const schema = path.includes("notice-detail") ? WebclientNoticeDetail : WebclientHit;
    const parsed = schema.safeParse(json);
    expect(parsed.error).toBeUndefined();
    expect(parsed.data?.id).toMatch(/^\d{4}-\d{6}$/);
  });

  it.each(fixtureFiles("public-api/hits"))("Public API hit %s", (path) => {
    const parsed = PublicApiHit.safeParse(readFixture(path));
    expect(parsed.error).toBeUndefined();
    expect(parsed.data?.cpvCodes?.length).toBeGreaterThan(0);
  });

  it("Public API search page: envelope and all three hits", () => {
    const page = PublicApiSearchResponse.parse(readFixture("public-api/search-response-page.json"));
    expect(page.numHitsTotal).toBe(157143);
    expect(page.numHitsAccessible).toBe(1000);
    expect(page.hits.map((h) => h.id)).toEqual(["2026-112542", "2026-112546", "2026-112543"]);
  });

  it("the official OpenAPI example, whose `hits` is a single object, becomes a one-hit array", () => {
    const doc = readFixture("public-api/openapi.json") as {
      paths: Record<
        string,
        { get: { responses: Record<string, { content: Record<string, { example: unknown }> }> } }
      >;
    };
    const example = doc.paths["/v2/search"]?.get.responses["200"]?.content["application/json"]?.example;
    const parsed = PublicApiSearchResponse.parse(example);
    expect(parsed.hits).toHaveLength(1);
    expect(parsed.hits[0]?.allReceivedTenders?.[0]?.total).toBe("integer");
  });

  it("a web client search response wraps hits and facets", () => {
    const hit = readFixture("webclient/search-hit-2026-107921.json");
    const res = WebclientSearchResponse.parse({
      numHitsTotal: 5143,
      numHitsAccessible: 1000,
      hits: [hit],
      facets: { status: { items: [{ id: "ACTIVE", total: 10 }] }, weird: "not a facet" },
    });
    expect(res.hits[0]?.id).toBe("2026-107921");
    expect(res.facets?.status?.items).toEqual([{ id: "ACTIVE", total: 10 }]);
    expect(res.facets?.weird).toBeNull();
  });

  it("keeps the keys the schema knows and strips unknown ones without failing", () => {
    const hit = { ...(readFixture("public-api/hits/contract-notice.json") as object), brandNewKey: 1 };
    const parsed = PublicApiHit.parse(hit);
    expect(parsed).not.toHaveProperty("brandNewKey");
    expect(parsed.id).toBe("2026-112541");
  });

  it("rejects drifted shapes: renamed `hits`, missing `heading`", () => {
    const page = readFixture("public-api/search-response-page.json") as { hits: unknown[] };
    expect(PublicApiSearchResponse.safeParse({ numHitsTotal: 1, results: page.hits }).success).toBe(false);
    const { heading: _drop, ...noHeading } = readFixture("webclient/search-hit-2026-107921.json") as Record<
      string,
      unknown
    >;
    expect(WebclientHit.safeParse(noHeading).success).toBe(false);
  });

  it("parses both Public API error bodies", () => {
    expect(PublicApiReasonError.parse({ reason: "Parameter page must be >= 1" }).reason).toContain("page");
    expect(
      ApimError.parse({ statusCode: 429, message: "Rate limit is exceeded. Try again in 4 seconds." }),
    ).toEqual({
      statusCode: 429,
      message: "Rate limit is exceeded. Try again in 4 seconds.",
    });
  });
});
