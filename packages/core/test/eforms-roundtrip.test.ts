import { type ContractTruth, createEmulator, type TruthOrganisation } from "@doffin/emulator";
import { describe, expect, it } from "vitest";
import { type EformsNotice, type EformsOrganisation, parseEformsNotice } from "../src/index";

/**
 * The emulator's eForms XML, read back with core's parser, must say what the emulator's truth record
 * says — for its whole default corpus (default seed and count, fixed clock so the run repeats).
 */
const emu = createEmulator({ now: "2026-12-01T12:00:00Z", rateLimit: false });
const ids: string[] = [];
for (let i = 0; i < emu.state.corpus.size; i++) ids.push(emu.state.corpus.at(i).n.id);

// The parser trims text, as XML readers of free text do; the truth keeps the record's text as given.
const money = (m: { amount: number; currencyCode: string } | null) =>
  m ? { amount: m.amount, currency: m.currencyCode } : null;

const org = (o: TruthOrganisation) => ({
  ref: o.ref,
  name: o.name,
  orgNumber: o.orgNumber,
  rawCompanyId: o.rawCompanyId,
  identifier: o.orgNumber
    ? { scheme: "NO-BRC", id: o.orgNumber }
    : o.rawCompanyId
      ? { scheme: "eforms-company-id", id: o.rawCompanyId }
      : null,
  country: o.country,
  nuts: o.nuts,
  size: o.size,
});
const parsedOrg = (o: EformsOrganisation) => ({
  ref: o.ref,
  name: o.name,
  orgNumber: o.orgNumber,
  rawCompanyId: o.rawCompanyId,
  identifier: o.identifier,
  country: o.address.country,
  nuts: o.address.nuts,
  size: o.size,
});

/** The modelled fields of a parsed notice, in the truth's shape. */
const fromParsed = (p: EformsNotice) => ({
  documentType: p.documentType,
  formType: p.formType,
  noticeType: p.noticeType,
  noticeSubtype: p.noticeSubtype,
  sdkVersion: p.customization.sdkVersion,
  extended: p.customization.extended,
  national: p.customization.national,
  eu: p.customization.eu,
  noticeId: p.noticeId,
  noticeVersion: p.noticeVersion,
  procedureId: p.procedureId,
  dispatchedAt: p.dispatchedAt,
  procedure: {
    title: p.procedure.title,
    description: p.procedure.description,
    type: p.procedure.type,
    contractNature: p.procedure.contractNature,
    mainCpv: p.procedure.mainCpv,
    additionalCpv: p.procedure.additionalCpv,
    estimatedValue: p.procedure.estimatedValue,
  },
  buyers: p.organisations.buyers.map((b) => ({
    ...parsedOrg(b),
    legalType: b.legalType,
    activity: b.activity,
  })),
  organisations: p.organisations.all.map(parsedOrg),
  lots: p.lots.map((l) => ({
    id: l.id,
    title: l.title,
    description: l.description,
    mainCpv: l.mainCpv,
    additionalCpv: l.additionalCpv,
    places: l.placesOfPerformance.map((pl) => ({
      nuts: pl.nuts,
      country: pl.country,
      otherPlace: pl.otherPlace,
    })),
    estimatedValue: l.estimatedValue,
    frameworkMaximumValue: l.frameworkMaximumValue,
    frameworkAgreement: l.frameworkAgreement,
    dynamicPurchasingSystem: l.dynamicPurchasingSystem,
    submissionDeadline: l.submissionDeadline,
    duration: l.duration.length,
  })),
  results: p.results && {
    totalValue: p.results.totalValue,
    lots: p.results.lots.map((r) => ({
      id: r.id,
      lotId: r.lotId,
      outcomeCode: r.outcomeCode,
      notAwardedReason: r.notAwardedReason,
      tenders: r.tenders.map((t) => ({
        id: t.id,
        lotId: t.lotId,
        value: t.value,
        tenderers: t.tenderers.map((o) => o.ref),
      })),
      contracts: r.contracts.map((c) => ({
        id: c.id,
        reference: c.reference,
        concludedOn: c.concludedOn,
        tenderIds: c.tenderIds,
      })),
      winners: r.winners.map((w) => w.ref),
      tendersReceived: r.tendersReceived,
      submissions: r.submissions.filter((s) => s.kind !== "tenders"),
    })),
  },
  changes: p.changes && {
    changedNoticeId: p.changes.changedNoticeId,
    reasonCode: p.changes.reasonCode,
    description: p.changes.description,
  },
  warnings: p.warnings,
});

/** The same fields from the truth record. */
const fromTruth = (t: ContractTruth) => ({
  documentType: t.documentType,
  formType: t.formType,
  noticeType: t.noticeType,
  noticeSubtype: t.noticeSubtype,
  sdkVersion: t.sdkVersion,
  extended: t.extended,
  national: t.national,
  eu: !t.national,
  noticeId: t.noticeId,
  noticeVersion: t.noticeVersion,
  procedureId: t.procedureId,
  dispatchedAt: t.dispatchedAt,
  procedure: {
    ...t.procedure,
    title: t.procedure.title.trim(),
    description: t.procedure.description.trim(),
    estimatedValue: money(t.procedure.estimatedValue),
  },
  buyers: t.buyers.map((b) => ({ ...org(b), legalType: b.legalType, activity: b.activity })),
  organisations: t.organisations.map(org),
  lots: t.lots.map((l) => ({
    ...l,
    title: l.title.trim(),
    description: l.description.trim(),
    estimatedValue: money(l.estimatedValue),
    frameworkMaximumValue: money(l.frameworkMaximumValue),
  })),
  results: t.results && {
    totalValue: money(t.results.totalValue),
    lots: t.results.lots.map((r) => ({
      id: r.id,
      lotId: r.lotId,
      outcomeCode: r.outcomeCode,
      notAwardedReason: r.notAwardedReason,
      tenders: r.tenders.map((tn) => ({
        id: tn.id,
        lotId: tn.lotId,
        value: money(tn.value),
        tenderers: [tn.tendererRef],
      })),
      contracts: r.contracts,
      winners: r.winnerRefs,
      tendersReceived: r.tendersReceived,
      submissions: r.submissions,
    })),
  },
  changes: t.changes,
  warnings: [],
});

const download = async (id: string): Promise<string> => {
  const res = await emu.fetch(
    new Request(`http://emu/public/v2/download/${id}`, {
      headers: { "Ocp-Apim-Subscription-Key": "test-key" },
    }),
  );
  expect(res.status).toBe(200);
  return res.text();
};

describe(`eForms round trip over the emulator's default corpus (${ids.length} notices)`, () => {
  it(`parseEformsNotice(download(id)) equals the truth record on every modelled field — ${ids.length} notices`, async () => {
    let checked = 0;
    let verbatim = 0;
    const seen = { results: 0, changes: 0, multiLot: 0, noWinner: 0, foreignWinner: 0, framework: 0 };
    for (const id of ids) {
      const contract = emu.contract(id);
      if (!contract) throw new Error(`no contract truth for ${id}`);
      const xml = await download(id);
      if (contract.fixtureXml) {
        verbatim += 1;
        continue;
      }
      const parsed = parseEformsNotice(xml, { doffinId: id });
      expect(fromParsed(parsed), id).toEqual(fromTruth(contract));
      // …and the XML agrees with what the emulator's JSON surfaces show of the same record.
      const record = emu.notice(id);
      expect(fromParsed(parsed).procedure.estimatedValue, id).toEqual(money(record?.estimatedValue ?? null));
      expect(parsed.organisations.buyers.map((b) => b.rawCompanyId)).toEqual(
        record?.buyers.map((b) => b.organizationId),
      );
      expect(parsed.lots.map((l) => l.title)).toEqual(record?.lots.map((l) => l.heading.trim()));
      const names = (l: { winner: { name: string }[] }) => l.winner.map((w) => w.name);
      if (parsed.results) {
        expect(parsed.results.lots.map((r) => r.winners.map((w) => w.name))).toEqual(
          record?.type === "CANCELLED_OR_MISSING_CONCLUSION_OF_CONTRACT"
            ? record.lots.map(() => [])
            : record?.lots.map(names),
        );
        if (record?.receivedTenders != null) {
          expect(parsed.results.lots.reduce((sum, r) => sum + (r.tendersReceived ?? 0), 0)).toBe(
            record.receivedTenders,
          );
        }
      }
      checked += 1;
      if (contract.results) seen.results += 1;
      if (contract.changes) seen.changes += 1;
      if (contract.lots.length > 1) seen.multiLot += 1;
      if (contract.results?.lots.some((r) => r.outcomeCode !== "selec-w")) seen.noWinner += 1;
      if (contract.organisations.some((o) => o.country !== "NOR")) seen.foreignWinner += 1;
      if (contract.lots.some((l) => l.frameworkMaximumValue)) seen.framework += 1;
    }
    console.log(
      `eforms round trip: ${checked} generated notices checked, ${verbatim} real captures served verbatim`,
      seen,
    );
    expect(checked + verbatim).toBe(ids.length);
    expect(checked).toBeGreaterThan(1900);
    // The corpus exercises every modelled part, so the comparison above is not vacuous.
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  }, 120_000);
});

describe("eForms round trip after mutations", () => {
  it("value change, correction and award are read back as the truth says", async () => {
    const local = createEmulator({ count: 300, now: "2026-12-01T12:00:00Z", rateLimit: false });
    const latest = local.state.corpus.at(local.state.corpus.size - 1).n;
    const id = latest.id;
    local.mutate(id, { op: "value", estimatedValue: { amount: 7_500_000, currencyCode: "NOK" } });
    const { id: correctedId } = local.mutate(id, { op: "correct", changes: { heading: "Korrigert tittel" } });
    const { id: awardId } = local.mutate(id, {
      op: "award",
      winners: [
        { name: "Vinner Norge AS", organizationId: "987 654 321" },
        { name: "Vinnare Sverige AB", organizationId: null },
      ],
    });
    for (const target of [id, correctedId, awardId]) {
      const res = await local.fetch(
        new Request(`http://emu/public/v2/download/${target}`, {
          headers: { "Ocp-Apim-Subscription-Key": "test-key" },
        }),
      );
      const contract = local.contract(target);
      if (!contract || contract.fixtureXml) throw new Error(`no generated truth for ${target}`);
      expect(fromParsed(parseEformsNotice(await res.text(), { doffinId: target })), target).toEqual(
        fromTruth(contract),
      );
    }
    const corrected = parseEformsNotice(
      await (
        await local.fetch(
          new Request(`http://emu/public/v2/download/${correctedId}`, {
            headers: { "Ocp-Apim-Subscription-Key": "test-key" },
          }),
        )
      ).text(),
    );
    expect(corrected.changes?.changedNoticeId).toBe(`${local.notice(id)?.eFormId}-01`);
    expect(corrected.procedure.title).toBe("Korrigert tittel");
    expect(corrected.procedure.estimatedValue).toEqual({ amount: 7_500_000, currency: "NOK" });
    const award = local.contract(awardId);
    if (!award || award.fixtureXml) throw new Error("no award truth");
    const winners = award.organisations.filter((o) => o.size !== null);
    expect(winners.map((w) => [w.name, w.orgNumber, w.country === "NOR"])).toEqual([
      ["Vinner Norge AS", "987654321", true],
      ["Vinnare Sverige AB", null, false],
    ]);
  });
});
