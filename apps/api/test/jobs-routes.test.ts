import { Job, JobDetail, JobFacetsAnswer, JobSearchResult, SIMILAR_JOBS } from "@doffin/core";
import { beforeEach, describe, expect, it } from "vitest";
import { emulatorApp, expectEnvelope, navEmulatorUrl } from "./helpers";

/** The NAV emulator's full ordered answer for a NAV (v6) query: what every page must be cut from. */
async function truth(navQuery: string): Promise<{ total: number; uuids: string[] }> {
  return (await fetch(`${navEmulatorUrl()}/_emulator/truth/search?v=6&${navQuery}`)).json();
}

async function navStats(): Promise<{ byRoute: Record<string, number> }> {
  return (await fetch(`${navEmulatorUrl()}/_emulator/stats`)).json();
}

beforeEach(async () => {
  await fetch(`${navEmulatorUrl()}/_emulator/faults`, { method: "DELETE" });
  await fetch(`${navEmulatorUrl()}/_emulator/stats/reset`, { method: "POST" });
});

describe("GET /v1/jobs", () => {
  it("serves a page cut exactly from NAV's answer, cached with ETag/304 and Cache-Status", async () => {
    const { call } = emulatorApp();
    const expected = await truth("county=OSLO&sort=published");
    expect(expected.total).toBeGreaterThan(10);
    const first = await call("/v1/jobs?county=Oslo&sort=published&limit=7&page=2");
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-status")).toBe("doffin-gateway; fwd=miss; stored");
    const body = JobSearchResult.parse(await first.json());
    expect(body.total).toBe(expected.total);
    expect(body.offset).toBe(7);
    expect(body.jobs.map((j) => j.uuid)).toEqual(expected.uuids.slice(7, 14));
    expect(body.facets).toBeNull();

    const etag = first.headers.get("etag") ?? "";
    const again = await call("/v1/jobs?county=Oslo&sort=published&limit=7&page=2");
    expect(again.headers.get("cache-status")).toMatch(/^doffin-gateway; hit; ttl=\d+$/);
    expect(again.headers.get("etag")).toBe(etag);
    const revalidated = await call("/v1/jobs?county=Oslo&sort=published&limit=7&page=2", {
      headers: { "if-none-match": etag },
    });
    expect(revalidated.status).toBe(304);
    // Parse.bot's names and another order share the entry: one upstream search for all three.
    const aliased = await call("/v1/jobs?size=7&counties=oslo&sort=newest&page=2");
    expect(aliased.headers.get("etag")).toBe(etag);
    expect((await navStats()).byRoute.search).toBe(1);
  });

  it("returns exactly the right items for limits and offsets NAV cannot serve directly", async () => {
    const { call } = emulatorApp();
    const expected = await truth("sort=published");
    const cases: Array<[string, number, number]> = [
      ["limit=1&page=50", 49, 1],
      ["limit=26&page=1", 0, 26],
      ["limit=30&page=3", 60, 30],
      ["limit=100&page=2", 100, 100],
      ["limit=13&offset=90", 90, 13],
      ["from=301&size=99", 301, 99],
    ];
    for (const [query, start, count] of cases) {
      const res = await call(`/v1/jobs?sort=published&${query}`);
      expect(res.status, query).toBe(200);
      const body = JobSearchResult.parse(await res.json());
      expect(
        body.jobs.map((j) => j.uuid),
        query,
      ).toEqual(expected.uuids.slice(start, start + count));
    }
  });

  it("gives facets in our shape, including the position count", async () => {
    const res = await emulatorApp().call("/v1/jobs?facets=true&limit=3&sector=public");
    const body = JobSearchResult.parse(await res.json());
    expect(body.total).toBe((await truth("sector=Offentlig")).total);
    expect(body.facets?.counties.length).toBeGreaterThan(0);
    expect(body.facets?.positionCount).toBeGreaterThanOrEqual(body.total);
    // The sector facet ignores its own filter, so it counts private ads too.
    expect(body.facets?.sector.map((b) => b.value).sort()).toEqual(["Offentlig", "Privat"]);
  });

  it("answers bad input with a 400 that names each bad parameter (never an empty page)", async () => {
    const { call } = emulatorApp();
    const cases: Array<[string, string, RegExp]> = [
      ["county=Osloo", "query.county", /unknown county "Osloo"; did you mean OSLO/i],
      ["municipality=Bergenn", "query.municipality", /did you mean BERGEN/i],
      ["sector=publik", "query.sector", /unknown sector "publik"; did you mean public/],
      ["limit=0", "query.limit", /limit must be at least 1/],
      ["limit=101", "query.limit", /limit must be at most 100/],
      ["page=2&offset=3", "query.offset", /give page or offset/],
      ["page=401&limit=25", "query.page", /first 10000 hits/],
      ["colour=red", "query.colour", /unknown parameter/],
      ["published=yesterday", "query.published", /unknown published/],
      ["facets=maybe", "query.facets", /facets must be true or false/],
    ];
    for (const [query, path, message] of cases) {
      const body = await expectEnvelope(await call(`/v1/jobs?${query}`), 400, "invalid_request");
      const issue = body.error.issues?.find((i) => i.path === path);
      expect(issue?.message, query).toMatch(message);
    }
    // Every bad field at once.
    const many = await expectEnvelope(await call("/v1/jobs?county=X&limit=0&foo=1"), 400, "invalid_request");
    expect(many.error.issues?.map((i) => i.path).sort()).toEqual(["query.foo", "query.limit"]);
    expect((await navStats()).byRoute.search ?? 0).toBe(0);
  });

  it("maps NAV's WAF 429 to our rate_limited envelope", async () => {
    await fetch(`${navEmulatorUrl()}/_emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ route: "search", kind: "status", status: 429, times: 1 }),
    });
    const res = await emulatorApp().call("/v1/jobs?limit=2&q=kokk");
    await expectEnvelope(res, 429, "rate_limited");
  });
});

describe("GET /v1/jobs/facets", () => {
  it("lists every valid filter value with counts, for the filters given", async () => {
    const { call } = emulatorApp();
    const res = await call("/v1/jobs/facets");
    expect(res.status).toBe(200);
    const body = JobFacetsAnswer.parse(await res.json());
    expect(body.total).toBe((await truth("")).total);
    const counties = body.facets.counties.reduce((n, b) => n + b.count, 0);
    expect(counties).toBeGreaterThanOrEqual(body.total);
    expect(body.facets.occupations.length).toBeGreaterThan(0);
    const oslo = await call("/v1/jobs/facets?county=Oslo&page=3");
    expect(JobFacetsAnswer.parse(await oslo.json()).total).toBe((await truth("county=OSLO")).total);
    await expectEnvelope(await call("/v1/jobs/facets?county=Atlantis"), 400, "invalid_request");
  });
});

describe("GET /v1/jobs/{uuid}", () => {
  it("returns the feed entry's detail with similar jobs in the same occupation", async () => {
    const { call } = emulatorApp();
    const [uuid] = (await truth("sort=published")).uuids;
    const res = await call(`/v1/jobs/${uuid}`);
    expect(res.status).toBe(200);
    const job = JobDetail.parse(await res.json());
    expect(job.uuid).toBe(uuid);
    expect(job.status).toBe("ACTIVE");
    expect(job.descriptionText.length).toBeGreaterThan(0);
    expect(job.descriptionHtml).not.toMatch(/<script/i);
    expect(job.similarJobs.length).toBeLessThanOrEqual(SIMILAR_JOBS);
    expect(job.similarJobs.map((j) => j.uuid)).not.toContain(uuid);
    const level1 = job.occupations[0]?.level1;
    for (const s of job.similarJobs) expect(s.occupations.map((o) => o.level1)).toContain(level1);
    // Contacts are personal data and stay at NAV.
    expect(Object.keys(job)).not.toContain("contacts");
    expect(Job.safeParse(job).success).toBe(true);
    const again = await call(`/v1/jobs/${uuid}`);
    expect(again.headers.get("cache-status")).toMatch(/hit/);
  });

  it("404s an unknown uuid (negative-cached) and 400s a malformed one", async () => {
    const { call } = emulatorApp();
    const unknown = "00000000-0000-4000-8000-000000000000";
    await expectEnvelope(await call(`/v1/jobs/${unknown}`), 404, "not_found");
    await expectEnvelope(await call(`/v1/jobs/${unknown}`), 404, "not_found");
    expect((await navStats()).byRoute.feedentry).toBe(1);
    const bad = await expectEnvelope(await call("/v1/jobs/not-a-uuid"), 400, "invalid_request");
    expect(bad.error.issues?.[0]?.path).toBe("param.uuid");
    const post = await call(`/v1/jobs/${unknown}`, { method: "POST" });
    expect(post.status).toBe(405);
  });
});

describe("GET /v1/jobs/changes", () => {
  it("is forwarded to the tracker Worker, query and request id intact", async () => {
    const res = await emulatorApp().call("/v1/jobs/changes?order=desc&limit=2", {
      headers: { "x-request-id": "jobs-changes-1" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      worker: "tracker",
      method: "GET",
      path: "/v1/jobs/changes?order=desc&limit=2",
      requestId: "jobs-changes-1",
    });
  });
});
