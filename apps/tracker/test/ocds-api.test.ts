import { OcdsMetadata } from "@doffin/contracts/ocds";
import { beforeAll, describe, expect, it } from "vitest";
import { rows } from "./contract-helpers";
import { clearDb } from "./helpers";
import { crawl, freshCompetition, getJson, model, store, XML } from "./ocds-helpers";

type Party = {
  name?: string;
  roles?: string[];
  identifier?: { scheme?: string; id?: string };
  address?: { country?: string };
};
type Rel = {
  id: string;
  ocid: string;
  date: string;
  tag: string[];
  parties?: Party[];
  tender?: { mainProcurementCategory?: string; items?: { classification?: { id?: string } }[] };
};
type Err = {
  error: { code: string; message: string; requestId: string; issues?: { path: string; message: string }[] };
};

const PROC = "api-proc-1";
const OCID = `ocds-xxxxxx-${PROC}`;
const releasesOf = async (qs: string) => {
  const { status, body } = await getJson<{ releases: Rel[]; links?: { next?: string } }>(
    `/ocds/releases?${qs}`,
  );
  expect(status, qs).toBe(200);
  return body.releases;
};
const orgOf = (p: Party) => (p.identifier?.scheme === "NO-BRC" ? p.identifier.id : undefined);

describe("GET /ocds/* filters, metadata, caching and bad input", () => {
  let meta: OcdsMetadata;
  beforeAll(async () => {
    await clearDb();
    for (let i = 0; i < 6; i++)
      await store(`2026-7000${i}`, freshCompetition(`c${i}`, `2025-0${i + 1}-05T10:00:00Z`));
    await store(
      "2026-70010",
      model(XML.competition, "2026-70010", {
        procedureId: PROC,
        noticeId: "api-comp",
        dispatchedAt: "2026-03-01T09:00:00Z",
      }),
    );
    await store(
      "2026-70011",
      model(XML.award, "2026-70011", {
        procedureId: PROC,
        noticeId: "api-award",
        dispatchedAt: "2026-05-01T09:00:00Z",
      }),
    );
    await store(
      "2026-70012",
      model(XML.pin, "2026-70012", {
        procedureId: "api-pin",
        noticeId: "api-pin",
        dispatchedAt: "2026-01-01T09:00:00Z",
      }),
    );
    const { status, body } = await getJson<OcdsMetadata>("/ocds/metadata");
    expect(status).toBe(200);
    meta = OcdsMetadata.parse(body);
  });

  it("metadata lists every filter's values with counts that match the stored releases", async () => {
    const total = (await rows<{ n: number }>("SELECT COUNT(*) AS n FROM ocds_releases"))[0]?.n;
    expect(meta.releases).toBe(total);
    expect(meta.records).toBe(8);
    expect(meta.years.map((y) => y.value)).toEqual(["2026", "2025"]);
    expect(meta.years.find((y) => y.value === "2025")?.count).toBe(6);
    expect(meta.tags.map((t) => t.value).sort()).toEqual(
      expect.arrayContaining(["award", "planning", "tender"]),
    );
    expect(meta.buyers.length).toBeGreaterThan(0);
    expect(meta.suppliers.length).toBeGreaterThan(0);
    expect(meta.cpvDivisions.every((d) => /^\d{2}$/.test(d.value))).toBe(true);
  });

  it("each filter returns exactly the releases that have the value", async () => {
    const buyer = meta.buyers[0];
    const byBuyer = await releasesOf(`buyer=${buyer?.orgNumber}`);
    expect(byBuyer).toHaveLength(buyer?.count ?? -1);
    for (const r of byBuyer)
      expect(r.parties?.some((p) => p.roles?.includes("buyer") && orgOf(p) === buyer?.orgNumber)).toBe(true);
    // By name: case and diacritics ignored.
    const byName = await releasesOf(`buyer=${encodeURIComponent((buyer?.name ?? "").toUpperCase())}`);
    expect(byName.map((r) => r.id)).toEqual(byBuyer.map((r) => r.id));
    const supplier = meta.suppliers[0];
    const bySupplier = await releasesOf(`supplier=${supplier?.orgNumber}`);
    expect(bySupplier.map((r) => r.id)).toContain("api-award");
    const year = await releasesOf("year=2025");
    expect(year.map((r) => r.date.slice(0, 4))).toEqual(Array(6).fill("2025"));
    const tag = await releasesOf("tag=award");
    expect(tag.map((r) => r.id)).toEqual(["api-award"]);
    const div = meta.cpvDivisions[0]?.value ?? "";
    const cpv = await releasesOf(`cpv=${div}*`);
    expect(cpv).toHaveLength(meta.cpvDivisions[0]?.count ?? -1);
    for (const r of cpv) expect(JSON.stringify(r.tender?.items)).toContain(`"id":"${div}`);
    const window = await releasesOf("date_from=2025-02-01&date_to=2025-04-01");
    expect(window.map((r) => r.date.slice(0, 7))).toEqual(["2025-02", "2025-03"]);
    const type = meta.contractTypes[0]?.value;
    expect((await releasesOf(`contract_type=${type}`)).length).toBe(meta.contractTypes[0]?.count);
    const country = meta.buyerCountries[0]?.value;
    expect((await releasesOf(`buyer_country=${country?.toLowerCase()}`)).length).toBe(
      meta.buyerCountries[0]?.count,
    );
    // Combined: all must hold.
    expect(
      (await releasesOf(`buyer=${buyer?.orgNumber}&year=2025&tag=tender`)).every((r) =>
        r.date.startsWith("2025"),
      ),
    ).toBe(true);
    expect(await releasesOf(`ocid=${OCID}&tag=tender`)).toHaveLength(1);
  });

  it("a record matches when its releases together match: buyer from the competition, supplier from the award", async () => {
    const award = (await releasesOf("tag=award"))[0];
    const supplier = award?.parties?.find((p) => p.roles?.includes("supplier") && orgOf(p));
    const comp = (await releasesOf(`ocid=${OCID}&tag=tender`))[0];
    const buyer = comp?.parties?.find((p) => p.roles?.includes("buyer") && orgOf(p));
    const { status, body } = await getJson(
      `/ocds/records?supplier=${orgOf(supplier ?? {})}&buyer=${orgOf(buyer ?? {})}&tag=tender`,
    );
    expect(status).toBe(200);
    expect(body.records?.map((r) => r.ocid)).toEqual([OCID]);
    expect(body.records?.[0]?.releases.map((r) => r.id)).toEqual(["api-comp", "api-award"]);
  });

  it("records page by last update, each exactly once", async () => {
    const ocids: string[] = [];
    let url: string | undefined = "/ocds/records?page_size=3";
    while (url) {
      const u = new URL(url, "http://tracker");
      const { status, body } = await getJson(`${u.pathname}${u.search}`);
      expect(status).toBe(200);
      ocids.push(...(body.records ?? []).map((r) => r.ocid));
      url = body.links?.next;
    }
    expect(ocids).toHaveLength(8);
    expect(new Set(ocids).size).toBe(8);
  });

  it("package metadata, compact by default, pretty=true indents, ETag/304 and Last-Modified", async () => {
    const { res, body } = await getJson("/ocds/releases?page_size=2");
    expect(body).toMatchObject({
      version: "1.1",
      publisher: { name: expect.any(String) },
      license: expect.stringContaining("creativecommons"),
    });
    expect(body.uri).toContain("/ocds/releases?page_size=2");
    expect(body.links?.next).toContain("cursor=");
    const etag = res.headers.get("etag") ?? "";
    const lastModified = res.headers.get("last-modified") ?? "";
    expect(etag).toMatch(/^W\/"/);
    expect(Date.parse(lastModified)).toBeGreaterThan(0);
    const compact = await (await import("./contract-helpers")).request("/ocds/releases?page_size=2", false);
    expect(await compact.text()).not.toContain("\n");
    const pretty = await getJson("/ocds/releases?page_size=2&pretty=true");
    const prettyText = await (await import("./contract-helpers")).request(
      "/ocds/releases?page_size=2&pretty=true",
      false,
    );
    expect(await prettyText.text()).toContain('\n  "version": "1.1"');
    // `pretty` is taken off the URL before routing: the same package (`uri` too) and the same ETag.
    expect(pretty.body).toEqual(body);
    expect(pretty.res.headers.get("etag")).toBe(etag);
    const again = await getJson("/ocds/releases?page_size=2", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    const since = await getJson("/ocds/metadata", {
      headers: { "if-modified-since": new Date(Date.now() + 60_000).toUTCString() },
    });
    expect(since.status).toBe(304);
  });

  const bad: [string, number, RegExp][] = [
    ["/ocds/releases?buyr=x", 400, /unknown parameter "buyr"/],
    ["/ocds/releases?embed=false", 400, /unknown parameter "embed"/],
    [
      "/ocds/releases?buyer=Nonexistent%20Kommune",
      400,
      /no stored release has buyer=Nonexistent Kommune.*(did you mean|no release)/,
    ],
    ["/ocds/releases?buyer=999999999", 400, /buyer=999999999; did you mean/],
    ["/ocds/releases?cpv=99", 400, /no stored release has cpv=99/],
    ["/ocds/releases?cpv=abc", 400, /2–8 digits/],
    ["/ocds/releases?tag=tendr", 400, /not an OCDS release tag/],
    ["/ocds/releases?year=1999", 400, /year=1999; did you mean "2026", "2025"/],
    ["/ocds/releases?year=26", 400, /4 digits/],
    ["/ocds/releases?contract_type=food", 400, /goods, works or services/],
    ["/ocds/releases?award_criteria=cheap", 400, /price, cost or quality/],
    ["/ocds/releases?buyer_country=NOR", 400, /alpha-2/],
    ["/ocds/releases?supplier_country=ZZ", 400, /no stored release has supplier_country=ZZ/],
    ["/ocds/releases?page_size=0", 400, /page_size/],
    ["/ocds/releases?page_size=1001", 400, /page_size/],
    ["/ocds/releases?cursor=forged.sig", 400, /not one this service issued/],
    ["/ocds/releases?date_from=2026-02-01&date_to=2026-01-01", 400, /date_from must be before date_to/],
    ["/ocds/releases?updated_since=yesterday", 400, /updated_since/],
    ["/ocds/releases?year=2025&year=2026", 400, /different values/],
    ["/ocds/records?ocid=ocds-xxxxxx-nope", 400, /no stored release has ocid/],
    ["/ocds/records?embed=no", 400, /true or false/],
    ["/ocds/metadata?pretty=yes", 400, /true or false/],
    ["/ocds/metadata?x=1", 400, /unknown parameter/],
    ["/ocds/releases/nope", 404, /No release nope/],
    ["/ocds/records/ocds-xxxxxx-nope", 404, /No record/],
  ];
  it.each(bad)("%s → %i in the error envelope", async (path, status, message) => {
    const { status: got, body } = await getJson<Err>(path);
    expect(got).toBe(status);
    expect(body.error.requestId).toBeTruthy();
    expect(
      `${body.error.message} ${(body.error.issues ?? []).map((i) => `${i.path}: ${i.message}`).join(" ")}`,
    ).toMatch(message);
  });

  it("a cursor only continues the query it was issued for", async () => {
    const { body } = await getJson("/ocds/releases?page_size=2&year=2025");
    const cursor = new URL(body.links?.next ?? "").searchParams.get("cursor");
    const other = await getJson<Err>(`/ocds/releases?page_size=2&year=2026&cursor=${cursor}`);
    expect(other.status).toBe(400);
    expect(other.body.error.message).toMatch(/other filters/);
    // Page size may change mid-crawl.
    expect((await getJson(`/ocds/releases?page_size=5&year=2025&cursor=${cursor}`)).status).toBe(200);
    const all = await crawl("/ocds/releases?page_size=2&year=2025");
    expect(all.seen).toHaveLength(6);
  });

  it("writes are read-only routes: POST is a 405", async () => {
    const { status } = await getJson<Err>("/ocds/releases", { method: "POST" });
    expect(status).toBe(405);
  });
});
