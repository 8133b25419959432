import { env } from "cloudflare:workers";
import { OrganizationProfile, OrganizationSearchPage } from "@doffin/contracts/organizations";
import { NoticeContract } from "@doffin/contracts/tracker";
import { ErrorEnvelope } from "@doffin/core";
import { beforeAll, describe, expect, it } from "vitest";
import awardXml from "../../../fixtures/doffin/public-api/download/2022-319091.xml?raw";
import { runSweep } from "../src/sweep";
import { clearBucket, publicSource, request, rows } from "./contract-helpers";
import { clearDb, emulator } from "./helpers";

const NOW = "2026-11-20T12:00:00.000Z";
const CORPUS = { seed: 43, count: 400, from: "2026-08-01", to: "2026-11-20", now: NOW };
/** The captured award notice's parties (fixtures/doffin/public-api/download/2022-319091.xml). */
const WINNER = "884039312";
const BUYER = "920415288";

const json = async (path: string, publicApi = true) => {
  const res = await request(path, publicApi);
  return { status: res.status, body: (await res.json()) as unknown };
};

async function expect400(path: string, issuePath: string) {
  const { status, body } = await json(path);
  expect(status, path).toBe(400);
  const env = ErrorEnvelope.parse(body);
  expect(env.error.code).toBe("invalid_request");
  expect(
    env.error.issues?.some((i) => i.path === issuePath),
    `${path}: ${JSON.stringify(env.error.issues)}`,
  ).toBe(true);
}

let awardId = "";
let webOnlyId = "";

describe("organisation routes", () => {
  beforeAll(async () => {
    await emulator.reset(CORPUS);
    await clearDb();
    await clearBucket();
    const sweep = (xml: Record<string, string> = {}) =>
      runSweep({
        source: publicSource(xml),
        db: env.DB,
        now: new Date(NOW),
        budget: 1000,
        config: { windowDays: 7 },
        contracts: { bucket: env.EFORMS },
      });
    await sweep();
    const [first] = await rows<{ id: string }>("SELECT id FROM notices ORDER BY id LIMIT 1");
    const mutated = await emulator.mutate(first?.id ?? "", { op: "award" });
    awardId = mutated.id;
    await emulator.advance(60_000);
    expect((await sweep({ [awardId]: awardXml })).status).toBe("done");
    // A notice tracked before a key was configured: no contract data.
    webOnlyId = "2026-100001";
    await env.DB.prepare(
      `INSERT INTO notices (id, snapshot, hash, summary_hash, status, published_on, state, first_seen_at, last_seen_at, last_changed_at)
       SELECT ?, snapshot, hash, summary_hash, status, published_on, 'active', first_seen_at, last_seen_at, last_changed_at FROM notices WHERE id = ?`,
    )
      .bind(webOnlyId, first?.id)
      .run();
  });

  it("serves a supplier's awards with lot, value, buyer and date", async () => {
    const { status, body } = await json(`/v1/organizations/${WINNER}`);
    expect(status).toBe(200);
    const org = OrganizationProfile.parse(body);
    expect(org).toMatchObject({ orgNumber: WINNER, name: "AVONOVA HELSE AS", roles: ["supplier"] });
    expect(org.asSupplier.awardsWon).toBe(1);
    expect(org.asSupplier.awards).toEqual([
      {
        noticeId: awardId,
        lotId: "LOT-0000",
        lotTitle: expect.any(String),
        value: { amount: 17000000, currency: "NOK" },
        buyer: { name: "Ålesund kommune", orgNumber: BUYER },
        date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      },
    ]);
    expect(org.asBuyer).toEqual({ noticesPublished: 0, byYear: [] });
  });

  it("serves a buyer's notices by year and type, and normalizes the org number", async () => {
    const [top] = await rows<{ org_number: string; n: number }>(
      `SELECT org_number, COUNT(DISTINCT notice_id) AS n FROM contract_parties WHERE role = 'buyer'
       AND org_number IS NOT NULL GROUP BY org_number ORDER BY n DESC, org_number LIMIT 1`,
    );
    const orgNumber = top?.org_number ?? "";
    const spaced = `NO ${orgNumber.slice(0, 3)} ${orgNumber.slice(3, 6)} ${orgNumber.slice(6)} MVA`;
    const { status, body } = await json(`/v1/organizations/${encodeURIComponent(spaced)}`);
    expect(status).toBe(200);
    const org = OrganizationProfile.parse(body);
    expect(org.orgNumber).toBe(orgNumber);
    expect(org.roles).toContain("buyer");
    expect(org.asBuyer.noticesPublished).toBe(top?.n);
    expect(org.asBuyer.byYear.reduce((s, y) => s + y.total, 0)).toBe(top?.n);
    for (const y of org.asBuyer.byYear) {
      expect(y.total).toBe(y.byType.reduce((s, t) => s + t.count, 0));
      for (const t of y.byType) expect(t.type).toMatch(/^[A-Z_]+$/);
    }
    const compact = await json(`/v1/organizations/NO${orgNumber}MVA`);
    expect(compact.body).toEqual(body);
  });

  it("pages a supplier's awards with a cursor tied to the organisation", async () => {
    const one = OrganizationProfile.parse((await json(`/v1/organizations/${WINNER}?limit=1`)).body);
    expect(one.asSupplier.nextCursor).toBeNull();
    const [buyer] = await rows<{ org_number: string }>(
      "SELECT org_number FROM contract_parties WHERE role = 'buyer' AND org_number IS NOT NULL LIMIT 1",
    );
    // A cursor issued for the search is refused here (and a forged one too).
    const search = OrganizationSearchPage.parse((await json("/v1/organizations?q=kommune&limit=1")).body);
    expect(search.nextCursor).not.toBeNull();
    await expect400(
      `/v1/organizations/${buyer?.org_number}?cursor=${encodeURIComponent(search.nextCursor ?? "")}`,
      "query.cursor",
    );
    await expect400(`/v1/organizations/${WINNER}?cursor=abc.def`, "query.cursor");
  });

  it("finds organisations by name in both roles, diacritic-insensitive, with cursors", async () => {
    const both = OrganizationSearchPage.parse((await json("/v1/organizations?q=alesund")).body);
    expect(both.items.map((o) => o.orgNumber)).toContain(BUYER);
    expect(both.items.every((o) => /ålesund|alesund/i.test(o.name))).toBe(true);
    const avonova = OrganizationSearchPage.parse((await json("/v1/organizations?q=AVONOVA%20helse")).body);
    expect(avonova.items).toEqual([
      { orgNumber: WINNER, name: "AVONOVA HELSE AS", roles: ["supplier"], noticesPublished: 0, awardsWon: 1 },
    ]);
    const asBuyer = OrganizationSearchPage.parse((await json("/v1/organizations?q=avonova&role=buyer")).body);
    expect(asBuyer.items).toEqual([]);
    // Walk "kommune" one by one: every hit once, in name order, the same set as one big page.
    const all = OrganizationSearchPage.parse((await json("/v1/organizations?q=kommune&limit=100")).body);
    expect(all.items.length).toBeGreaterThan(2);
    const walked: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 200; i++) {
      const page = OrganizationSearchPage.parse(
        (
          await json(
            `/v1/organizations?q=kommune&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
          )
        ).body,
      );
      walked.push(...page.items.map((o) => o.orgNumber));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(walked).toEqual(all.items.map((o) => o.orgNumber));
    // A cursor belongs to its query.
    const first = OrganizationSearchPage.parse((await json("/v1/organizations?q=kommune&limit=1")).body);
    await expect400(
      `/v1/organizations?q=kommune&role=buyer&cursor=${encodeURIComponent(first.nextCursor ?? "")}`,
      "query.cursor",
    );
  });

  it("answers 400 for malformed input and 404 for an unknown organisation", async () => {
    await expect400("/v1/organizations/12345", "param.orgNumber");
    await expect400("/v1/organizations/NO12345678901MVA", "param.orgNumber");
    await expect400("/v1/organizations/abcdefghi", "param.orgNumber");
    await expect400(`/v1/organizations/${WINNER}?limit=0`, "query.limit");
    await expect400(`/v1/organizations/${WINNER}?sort=name`, "query");
    await expect400("/v1/organizations", "query.q");
    await expect400("/v1/organizations?q=a", "query.q");
    await expect400("/v1/organizations?q=kommune&role=seller", "query.role");
    await expect400("/v1/organizations?q=kommune&q=fylke", "query.q");
    await expect400("/v1/organizations?q=kommune&name=x", "query");
    const missing = await json("/v1/organizations/999999999");
    expect(missing.status).toBe(404);
    expect(ErrorEnvelope.parse(missing.body).error.code).toBe("not_found");
  });

  it("serves contract data with the XML, and says what is unavailable without it", async () => {
    const withXml = NoticeContract.parse((await json(`/v1/notices/${awardId}/contract`)).body);
    expect(withXml.lots.map((l) => l.id)).toEqual(["LOT-0000"]);
    expect(withXml.results?.lots[0]?.outcome).toBe("winner_chosen");
    expect(withXml.unavailable).toEqual([]);
    const pending = NoticeContract.parse((await json(`/v1/notices/${webOnlyId}/contract`)).body);
    expect(pending).toMatchObject({ lots: [], results: null, unavailableReason: "not_downloaded" });
    expect(pending.unavailable).toEqual(
      expect.arrayContaining(["lots", "results", "values.awarded", "parties.winner"]),
    );
    expect(pending.parties.every((p) => p.role === "buyer")).toBe(true);
    expect(pending.dataSources.map((s) => s.source)).toEqual(["public-api"]);
    // Without a key the tracker keeps serving what the web client gave, and says why the rest is missing.
    const noKey = NoticeContract.parse((await json(`/v1/notices/${webOnlyId}/contract`, false)).body);
    expect(noKey.unavailableReason).toBe("no_public_api_key");
    expect(noKey.dataSources.map((s) => s.source)).toEqual(["webclient"]);
    const missing = await json("/v1/notices/2026-999999/contract");
    expect(missing.status).toBe(404);
    await expect400("/v1/notices/nope/contract", "param.id");
    await expect400(`/v1/notices/${awardId}/contract?x=1`, "query");
  });
});
