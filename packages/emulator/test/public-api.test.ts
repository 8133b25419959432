import { describe, expect, it } from "vitest";
import {
  allRecords,
  firstPages,
  hasWord,
  makeEmulator,
  publicGet,
  publicSearch,
  tiedEmulator,
} from "./helpers";

const emu = makeEmulator({ count: 3000 });
const records = allRecords(emu);

const reasonOf = async (query: string) => {
  const res = await publicGet(emu, query);
  return { status: res.status, body: await res.json() };
};

describe("Public API: subscription key (APIM)", () => {
  it("401 with the 'missing' message without a key", async () => {
    const res = await publicGet(emu, "", {});
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      statusCode: 401,
      message:
        "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.",
    });
  });

  it("401 with the 'invalid' message for a wrong key", async () => {
    const res = await publicGet(emu, "", { "Ocp-Apim-Subscription-Key": "nope" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      statusCode: 401,
      message:
        "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.",
    });
  });

  it("accepts the key as the subscription-key query parameter, and any key from apiKeys", async () => {
    expect((await publicGet(emu, "subscription-key=test-key", {})).status).toBe(200);
    const custom = makeEmulator({ count: 10, apiKeys: ["k1", "k2"] });
    expect((await publicGet(custom, "", { "Ocp-Apim-Subscription-Key": "k2" })).status).toBe(200);
    expect((await publicGet(custom, "", { "Ocp-Apim-Subscription-Key": "test-key" })).status).toBe(401);
  });
});

describe("Public API: search semantics", () => {
  it("defaults to 15 hits of page 1, publication date descending, with numHitsAccessible = min(total, 1000)", async () => {
    const body = await publicSearch(emu);
    expect(body.hits).toHaveLength(15);
    expect(body.numHitsTotal).toBe(records.length);
    expect(body.numHitsAccessible).toBe(1000);
    const dates = body.hits.map((h) => h.publicationDate as string);
    expect([...dates].sort().reverse()).toEqual(dates);
    const small = await publicSearch(emu, "type=QUALIFICATION_SCHEME");
    expect(small.numHitsAccessible).toBe(small.numHitsTotal);
  });

  it("ORs repeated values of one parameter and ANDs different parameters", async () => {
    const a = await publicSearch(emu, "type=ADVISORY_NOTICE");
    const b = await publicSearch(emu, "type=ANNOUNCEMENT_OF_INTENT");
    const both = await publicSearch(emu, [
      ["type", "ADVISORY_NOTICE"],
      ["type", "ANNOUNCEMENT_OF_INTENT"],
    ]);
    expect(both.numHitsTotal).toBe(a.numHitsTotal + b.numHitsTotal);
    const and = await publicSearch(emu, "type=COMPETITION&location=anyw");
    expect(and.numHitsTotal).toBe(
      records.filter((r) => r.allTypes.includes("COMPETITION") && r.locationIds.includes("anyw")).length,
    );
  });

  it("matches comma-joined values against nothing (0 hits), as Doffin does", async () => {
    const body = await publicSearch(emu, "cpvCode=45000000,72000000");
    expect(body.numHitsTotal).toBe(0);
    expect(body.hits).toEqual([]);
  });

  it("ignores unknown parameters (full unfiltered result)", async () => {
    const body = await publicSearch(emu, "publicationDateFrom=2026-01-01&buyer=Oslo&pageSize=3");
    expect(body.numHitsTotal).toBe(records.length);
    expect(body.hits).toHaveLength(15);
  });

  it("matches type against allTypes (roll-ups work as filters)", async () => {
    const body = await publicSearch(emu, "type=RESULT&numHitsPerPage=200");
    expect(body.numHitsTotal).toBe(records.filter((r) => r.allTypes.includes("RESULT")).length);
    for (const h of body.hits) expect(h.allTypes).toContain("RESULT");
  });

  it("matches cpvCode exactly against the ancestor-expanded codes (a division finds its descendants)", async () => {
    const body = await publicSearch(emu, "cpvCode=45000000&numHitsPerPage=100");
    expect(body.numHitsTotal).toBe(records.filter((r) => r.cpvCodes.includes("45000000")).length);
    expect(body.numHitsTotal).toBeGreaterThan(0);
    expect((await publicSearch(emu, "cpvCode=45")).numHitsTotal).toBe(0);
  });

  it("never matches a null status (status=AWARDED&type=RESULT is empty)", async () => {
    expect((await publicSearch(emu, "status=AWARDED&type=RESULT")).numHitsTotal).toBe(0);
    const expired = await publicSearch(emu, "status=EXPIRED&numHitsPerPage=100");
    for (const h of expired.hits) expect(h.status).toBe("EXPIRED");
  });

  it("filters issueDateFrom/To inclusively on the issue day", async () => {
    const body = await publicSearch(
      emu,
      "issueDateFrom=2025-03-01&issueDateTo=2025-03-31&numHitsPerPage=100",
    );
    const expected = records.filter(
      (r) => r.issueDate.slice(0, 10) >= "2025-03-01" && r.issueDate.slice(0, 10) <= "2025-03-31",
    );
    expect(body.numHitsTotal).toBe(expected.length);
    for (const h of body.hits) expect((h.issueDate as string).slice(0, 7)).toBe("2025-03");
  });

  it("filters estimatedValueFrom/To on the amount regardless of currency; null values never match", async () => {
    const body = await publicSearch(
      emu,
      "estimatedValueFrom=1000000&estimatedValueTo=5000000&numHitsPerPage=100",
    );
    const expected = records.filter(
      (r) => r.estimatedValue && r.estimatedValue.amount >= 1e6 && r.estimatedValue.amount <= 5e6,
    );
    expect(body.numHitsTotal).toBe(expected.length);
  });

  it("finds words case-insensitively in heading and description, sorted by relevance by default", async () => {
    const lower = await publicSearch(emu, "searchString=rammeavtale");
    const upper = await publicSearch(emu, "searchString=RAMMEAVTALE");
    expect(lower.numHitsTotal).toBe(upper.numHitsTotal);
    expect(lower.numHitsTotal).toBe(
      records.filter((r) => hasWord(`${r.heading}\n${r.description}`, "rammeavtale")).length,
    );
  });

  it("sorts by DEADLINE ascending and by estimated value both ways", async () => {
    const deadline = await publicSearch(emu, "sortBy=DEADLINE&numHitsPerPage=50");
    const ds = deadline.hits.map((h) => h.deadline as string);
    expect([...ds].sort()).toEqual(ds);
    const desc = await publicSearch(emu, "sortBy=ESTIMATED_VALUE_DESC&numHitsPerPage=50");
    const amounts = desc.hits.map((h) => (h.estimatedValue as { amount: number }).amount);
    expect([...amounts].sort((x, y) => y - x)).toEqual(amounts);
    const asc = await publicSearch(emu, "sortBy=ESTIMATED_VALUE_ASC&numHitsPerPage=50");
    const up = asc.hits.map((h) => (h.estimatedValue as { amount: number }).amount);
    expect([...up].sort((x, y) => x - y)).toEqual(up);
  });

  it("does not break publication-date ties by id: the order of a day's notices depends on the page size", async () => {
    // 200 notices on the clock's day: one big tie for PUBLICATION_DATE_DESC.
    const tied = tiedEmulator();
    const page = async (size: number, p: number) =>
      (await publicSearch(tied, `numHitsPerPage=${size}&page=${p}`)).hits.map((h) => h.id);
    const by10 = await firstPages(page, 10, 5);
    const by25 = [...(await page(25, 1)), ...(await page(25, 2))];
    expect(by10).not.toEqual(by25);
    // Identical calls give identical pages (deterministic), and one page size pages consistently.
    expect(await page(10, 3)).toEqual(by10.slice(20, 30));
    // Changing the page size mid-way duplicates notices (and skips others), as on Doffin: clients dedupe by id.
    const mixed = [...by10, ...(await page(25, 3))];
    expect(new Set(mixed).size).toBeLessThan(mixed.length);
  });
});

describe("Public API: error bodies", () => {
  it("400 for page < 1", async () => {
    expect(await reasonOf("page=0")).toEqual({
      status: 400,
      body: { reason: "Parameter page must be >= 1" },
    });
  });

  it("400 for a malformed issue date", async () => {
    expect(await reasonOf("issueDateFrom=2026-13-45")).toEqual({
      status: 400,
      body: { reason: "Wrong issue date format. Correct format: YYYY-MM-DD" },
    });
    expect((await reasonOf("issueDateTo=03.08.2026")).status).toBe(400);
  });

  it("400 naming the Java enum for an unknown type", async () => {
    expect(await reasonOf("type=ZZZBOGUS")).toEqual({
      status: 400,
      body: { reason: "No enum constant no.dfo.dof.notices.domain.elements.NoticeType.ZZZBOGUS" },
    });
  });

  it("400 when page × numHitsPerPage > 1000", async () => {
    expect(await reasonOf("numHitsPerPage=2&page=501")).toEqual({
      status: 400,
      body: {
        reason:
          "Unable to access more than the top 1000 hits, please lower either the page or numHitsPerPage parameters.",
      },
    });
    expect((await reasonOf("numHitsPerPage=1000&page=1")).status).toBe(200);
  });

  it("answers empty hits past the cap instead when publicPastCap is 'empty' (S4's observation)", async () => {
    const lenient = makeEmulator({ count: 1500, publicPastCap: "empty" });
    const body = await publicSearch(lenient, "numHitsPerPage=100&page=11");
    expect(body.hits).toEqual([]);
    expect(body.numHitsAccessible).toBe(1000);
  });

  it("404 with an empty body for an unknown sortBy", async () => {
    const res = await publicGet(emu, "sortBy=MODIFIED_DATE_DESC");
    expect(res.status).toBe(404);
    expect(await res.text()).toBe("");
  });

  it("404 APIM body for any other path", async () => {
    for (const path of ["/public/v2/notices/2026-107918", "/public/v1/search", "/public/v2/search/cpv"]) {
      const res = await emu.fetch(
        new Request(`http://emu${path}`, { headers: { "Ocp-Apim-Subscription-Key": "test-key" } }),
      );
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ statusCode: 404, message: "Resource not found" });
    }
  });

  it("sends application/json; charset=UTF-8", async () => {
    expect((await publicGet(emu, "")).headers.get("content-type")).toBe("application/json; charset=UTF-8");
  });
});

describe("Public API: download", () => {
  const download = (id: string) =>
    emu.fetch(
      new Request(`http://emu/public/v2/download/${id}`, {
        headers: { "Ocp-Apim-Subscription-Key": "test-key" },
      }),
    );

  it("serves the captured XML verbatim for its ids", async () => {
    const { readFileSync } = await import("node:fs");
    const { readdirSync } = await import("node:fs");
    const dir = new URL("../../../fixtures/doffin/public-api/download/", import.meta.url);
    const ids = readdirSync(dir).map((f) => f.replace(/\.xml$/, ""));
    expect(ids).toHaveLength(14);
    for (const id of ids) {
      const res = await download(id);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/octet-stream");
      const file = new URL(`../../../fixtures/doffin/public-api/download/${id}.xml`, import.meta.url);
      expect(await res.text()).toBe(readFileSync(file, "utf8"));
    }
  });

  it("generates eForms UBL with the right root element for other notices", async () => {
    const roots: Record<string, string> = {
      COMPETITION: "ContractNotice",
      RESULT: "ContractAwardNotice",
      PLANNING: "PriorInformationNotice",
    };
    for (const [type, root] of Object.entries(roots)) {
      const hit = (await publicSearch(emu, `type=${type}&numHitsPerPage=40`)).hits.find(
        (h) => !h.allTypes.includes("PLANNING") || type === "PLANNING",
      );
      const xml = await (await download(hit?.id ?? "")).text();
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
      expect(xml).toContain(`<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2"`);
      // SDK 1.7–1.13 by issue date, EU or national regime (the brief of the eForms XML work changed this on purpose).
      expect(xml).toMatch(
        /<cbc:CustomizationID>eforms-sdk-1\.(7|8|9|1[0-3])(#extended)?#urn:fdc:anskaffelser\.no:2023:eforms:(eu|national)<\/cbc:CustomizationID>/,
      );
    }
  });

  it("404 for an unknown id", async () => {
    const res = await download("2026-999999");
    expect(res.status).toBe(404);
  });

  it("still requires the key", async () => {
    const res = await emu.fetch(new Request("http://emu/public/v2/download/2026-107778"));
    expect(res.status).toBe(401);
  });
});
