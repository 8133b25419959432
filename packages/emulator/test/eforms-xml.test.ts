import { describe, expect, it } from "vitest";
import type { MasterNotice } from "../src/index";
import { detail, KEY, makeEmulator, publicSearch } from "./helpers";

/**
 * The shape of the generated eForms XML (`public.download`): root per form, ids, and the extension
 * blocks where the real captures have them. Its content against the truth record is checked by
 * packages/core/test/eforms-roundtrip.test.ts with core's parser (the emulator stays independent of core).
 */
const emu = makeEmulator({ count: 2000 });
const records: MasterNotice[] = [];
for (let i = 0; i < emu.state.corpus.size; i++) records.push(emu.state.corpus.at(i).n);

const download = async (id: string) =>
  emu.fetch(new Request(`http://emu/public/v2/download/${id}`, { headers: KEY }));
const xmlOf = async (id: string) => {
  const res = await download(id);
  expect(res.status, id).toBe(200);
  return res.text();
};
const count = (xml: string, tag: string) => xml.split(`<${tag}>`).length - 1;
const generated = (pred: (n: MasterNotice) => boolean) => {
  const found = records.find((n) => !n.fixture && pred(n));
  if (!found) throw new Error("no such notice in the corpus");
  return found;
};

const ROOTS: Record<MasterNotice["type"], string> = {
  ADVISORY_NOTICE: "PriorInformationNotice",
  NOTICE_ON_BUYER_PROFILE: "PriorInformationNotice",
  PRE_ANNOUNCEMENT: "PriorInformationNotice",
  ANNOUNCEMENT_OF_COMPETITION: "ContractNotice",
  DYNAMIC_PURCHASING_SCHEME: "ContractNotice",
  QUALIFICATION_SCHEME: "ContractNotice",
  ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT: "ContractAwardNotice",
  ANNOUNCEMENT_OF_INTENT: "ContractAwardNotice",
  CANCELLED_OR_MISSING_CONCLUSION_OF_CONTRACT: "ContractAwardNotice",
  CHANGE_OF_CONCLUSION_OF_CONTRACT: "ContractAwardNotice",
};

describe("eForms XML of generated notices", () => {
  it("has the root element of its form for every notice type, with the notice's ids", async () => {
    for (const [type, root] of Object.entries(ROOTS)) {
      const n = generated((r) => r.type === type);
      const xml = await xmlOf(n.id);
      expect(xml.startsWith(`<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns=`), type).toBe(true);
      expect(xml.trimEnd().endsWith(`</${root}>`)).toBe(true);
      expect(xml).toContain(`<cbc:ID schemeName="notice-id">${n.eFormId}</cbc:ID>`);
      expect(xml).toContain(`<cbc:ContractFolderID>${n.procedureId}</cbc:ContractFolderID>`);
      expect(count(xml, "ext:UBLExtensions")).toBeGreaterThanOrEqual(1);
      expect(count(xml, "efac:Organizations")).toBe(1);
      expect(count(xml, "efac:NoticeSubType")).toBe(1);
      // One lot block per lot of the record, numbered LOT-0001 …
      expect(count(xml, "cac:ProcurementProjectLot")).toBe(n.lots.length);
      for (let i = 1; i <= n.lots.length; i++) {
        expect(xml).toContain(`<cbc:ID schemeName="Lot">LOT-${String(i).padStart(4, "0")}</cbc:ID>`);
      }
    }
  });

  it("puts the result blocks on award notices only, with one tender, contract and party per winner", async () => {
    const award = generated(
      (n) => n.type === "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT" && n.lots.length === 1,
    );
    const xml = await xmlOf(award.id);
    const winners = award.lots[0]?.winner.length ?? 0;
    expect(winners).toBeGreaterThan(0);
    expect(count(xml, "efac:NoticeResult")).toBe(1);
    expect(count(xml, "efac:LotResult")).toBe(1);
    expect(xml).toContain(">selec-w</cbc:TenderResultCode>");
    // LotTender and SettledContract appear twice per winner: the reference in the lot result and the table entry.
    expect(count(xml, "efac:LotTender")).toBe(winners * 3);
    expect(count(xml, "efac:SettledContract")).toBe(winners * 2);
    expect(count(xml, "efac:TenderingParty")).toBe(winners * 2);
    const competition = await xmlOf(generated((n) => n.type === "ANNOUNCEMENT_OF_COMPETITION").id);
    for (const tag of ["efac:NoticeResult", "efac:LotResult", "efac:LotTender", "efac:SettledContract"]) {
      expect(count(competition, tag), tag).toBe(0);
    }
  });

  it("gives a cancelled award a no-winner lot result with a reason", async () => {
    const xml = await xmlOf(generated((n) => n.type === "CANCELLED_OR_MISSING_CONCLUSION_OF_CONTRACT").id);
    expect(xml).toContain(">clos-nw</cbc:TenderResultCode>");
    expect(xml).toMatch(/<efbc:DecisionReasonCode listName="non-award-justification">(no-rece|all-rej)</);
    expect(count(xml, "efac:SettledContract")).toBe(0);
  });

  it("writes the EU or the national customization and N-subtypes below the thresholds", async () => {
    const eu = await xmlOf(generated((n) => n.sentToTed && n.type === "ANNOUNCEMENT_OF_COMPETITION").id);
    expect(eu).toMatch(
      /<cbc:CustomizationID>eforms-sdk-1\.\d+(#extended)?#urn:fdc:anskaffelser\.no:2023:eforms:eu</,
    );
    expect(eu).toContain('<cbc:SubTypeCode listName="notice-subtype">16</cbc:SubTypeCode>');
    const national = await xmlOf(
      generated((n) => !n.sentToTed && n.type === "ANNOUNCEMENT_OF_COMPETITION").id,
    );
    expect(national).toMatch(/:eforms:national<\/cbc:CustomizationID>/);
    expect(national).toContain('<cbc:SubTypeCode listName="notice-subtype">N16</cbc:SubTypeCode>');
    const versions = new Set<string>();
    for (const n of records.filter((r) => !r.fixture).slice(0, 2000)) {
      const sdk = /eforms-sdk-(\d+\.\d+)/.exec(await xmlOf(n.id))?.[1];
      if (sdk) versions.add(sdk);
    }
    expect([...versions].sort()).toEqual(["1.10", "1.11", "1.12", "1.13", "1.7", "1.8", "1.9"]);
  });

  it("points a correction at the version it corrects (efac:Changes)", async () => {
    const c = generated((n) => n.correctsId !== null);
    const original = emu.notice(c.correctsId as string);
    const xml = await xmlOf(c.id);
    expect(count(xml, "efac:Changes")).toBe(1);
    expect(xml).toContain(
      `<efbc:ChangedNoticeIdentifier>${original?.eFormId}-01</efbc:ChangedNoticeIdentifier>`,
    );
    expect(count(await xmlOf(c.correctsId as string), "efac:Changes")).toBe(0);
  });

  it("escapes text, so a heading with markup characters stays one element", async () => {
    const published = emu.publish({ heading: 'Vei & bru <E6> "Nord"' });
    const xml = await xmlOf(published.id);
    expect(xml).toContain('<cbc:Name languageID="NOR">Vei &amp; bru &lt;E6&gt; &quot;Nord&quot;</cbc:Name>');
  });
});

describe("eForms XML follows mutations", () => {
  it("value, correction, award and withdrawal all show in the XML", async () => {
    const local = makeEmulator({ count: 400 });
    const get = async (id: string) =>
      local.fetch(new Request(`http://emu/public/v2/download/${id}`, { headers: KEY }));
    const hit = (await publicSearch(local, "type=ANNOUNCEMENT_OF_COMPETITION&status=ACTIVE")).hits[0];
    const id = hit?.id ?? "";
    local.mutate(id, { op: "value", estimatedValue: { amount: 4_321_000, currencyCode: "EUR" } });
    const valued = await (await get(id)).text();
    expect(valued).toContain('<cbc:EstimatedOverallContractAmount currencyID="EUR">4321000<');

    const { id: correctedId } = local.mutate(id, {
      op: "correct",
      changes: { deadline: "2026-12-01T10:00:00Z" },
    });
    const corrected = await (await get(correctedId)).text();
    expect(corrected).toContain(`<efbc:ChangedNoticeIdentifier>${local.notice(id)?.eFormId}-01<`);
    expect(corrected).toContain("<cbc:EndDate>2026-12-01Z</cbc:EndDate><cbc:EndTime>10:00:00Z</cbc:EndTime>");

    const { id: awardId } = local.mutate(id, {
      op: "award",
      winners: [{ name: "Testvinner AS", organizationId: "987654321" }],
    });
    const award = await (await get(awardId)).text();
    expect(award).toContain("<ContractAwardNotice ");
    expect(award).toContain("<cbc:CompanyID>987654321</cbc:CompanyID>");
    expect(award).toContain(`<cbc:ContractFolderID>${local.notice(id)?.procedureId}<`);
    // The web client detail names the same winner, tender and contract.
    const tree = JSON.stringify(await (await detail(local, awardId)).json());
    expect(tree).toContain("Testvinner AS");
    expect(tree).toContain("TEN-0001");
    expect(tree).toContain("CON-0001");

    local.mutate(id, { op: "withdraw" });
    const gone = await get(id);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual({ statusCode: 404, message: "Notice was not found" });
  });
});

describe("contract truth on the control API", () => {
  it("serves the truth of a generated notice and marks the verbatim captures", async () => {
    const n = generated((r) => r.type === "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT");
    const res = await emu.fetch(new Request(`http://emu/_emulator/notices/${n.id}/contract`));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { fixtureXml: boolean; noticeId: string; lots: { id: string }[] };
    expect(body.fixtureXml).toBe(false);
    expect(body.noticeId).toBe(n.eFormId);
    expect(body.lots.map((l) => l.id)).toEqual(n.lots.map((_, i) => `LOT-${String(i + 1).padStart(4, "0")}`));
    const fixture = await emu.fetch(new Request("http://emu/_emulator/notices/2022-319091/contract"));
    expect(await fixture.json()).toEqual({ fixtureXml: true });
  });

  it("answers 404 in the control envelope for an unknown id, and the download 404 for a malformed one", async () => {
    const res = await emu.fetch(new Request("http://emu/_emulator/notices/2099-000001/contract"));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "no notice 2099-000001" } });
    for (const bad of ["not-an-id", "%3Cx%3E", "2026-1"]) {
      const dl = await download(bad);
      expect(dl.status, bad).toBe(404);
      expect(await dl.json()).toEqual({ statusCode: 404, message: "Notice was not found" });
    }
  });

  it("keeps search hits, detail and XML on the same lots, buyers and values", async () => {
    const n = generated(
      (r) => r.type === "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT" && r.receivedTenders !== null,
    );
    const truth = emu.contract(n.id);
    if (!truth || truth.fixtureXml) throw new Error("expected a generated notice");
    const received = truth.results?.lots.reduce((s, l) => s + (l.tendersReceived ?? 0), 0);
    expect(received).toBe(n.receivedTenders);
    expect(truth.buyers.map((b) => b.rawCompanyId)).toEqual(n.buyers.map((b) => b.organizationId));
    const lotSum = truth.lots.reduce((s, l) => s + (l.estimatedValue?.amount ?? 0), 0);
    expect(lotSum).toBe(n.estimatedValue?.amount ?? 0);
    const tree = JSON.stringify(await (await detail(emu, n.id)).json());
    for (const r of truth.results?.lots ?? []) {
      for (const t of r.tenders)
        expect(tree).toContain(`${t.value.amount.toLocaleString("en-US")} ${t.value.currencyCode}`);
      for (const c of r.contracts) expect(tree).toContain(c.reference);
    }
  });
});
