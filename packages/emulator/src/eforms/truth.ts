/**
 * Derives a notice's contract data ({@link ContractTruth}) from its master record. Everything the JSON
 * surfaces show (lots, winners, estimate, buyers, received tenders, change links) is taken from the
 * record as is; what only eForms carries (lot values, tender values, contracts, durations, SDK version …)
 * is drawn from a PRNG seeded by the notice's eForm UUID, so it is the same on every request and follows
 * the record through mutations (a value change re-splits the lot estimates, a correction gets its own).
 */
import { addDays, type MasterNotice, type Money, type Org, ROLL_UP } from "../model";
import { createRng, hash32, type Rng } from "../prng";
import { FORMS } from "./forms";
import type {
  ContractTruth,
  TruthBuyer,
  TruthLot,
  TruthLotResult,
  TruthOrganisation,
  TruthPlace,
  TruthTender,
} from "./truth-types";

const PROCEDURE_CODES: Record<string, string> = {
  Åpen: "open",
  Begrenset: "restricted",
  "Konkurranse med forhandling": "neg-w-call",
  "Konkurransepreget dialog": "comp-dial",
};
const CHANGE_CODES: Record<string, string> = {
  "Korreksjon kjøper": "cor-buy",
  "Ny informasjon": "update-add",
  "Endring av frist": "cor-buy",
};
const FOREIGN = [
  { country: "SWE", prefix: "SE556" },
  { country: "DNK", prefix: "DK" },
  { country: "DEU", prefix: "DE" },
  { country: "FIN", prefix: "FI" },
] as const;
const CITIES = ["Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø", "Kristiansand", "Bodø", "Hamar"];

export const ref = (prefix: string, n: number): string => `${prefix}-${String(n).padStart(4, "0")}`;

/** Doffin's own rule for an org number: 9 digits once spaces are gone, else none. */
export const orgNumberOf = (raw: string | null): string | null => {
  const compact = raw?.replace(/\s+/g, "") ?? "";
  return /^\d{9}$/.test(compact) ? compact : null;
};

/** SDK by issue date: Doffin moved from 1.7 (2023, and the notices converted from the old forms) to 1.13. */
const sdkFor = (rng: Rng, issueDate: string): string => {
  const year = issueDate.slice(0, 4);
  if (year < "2024") return "1.7";
  if (year === "2024") return rng.pick(["1.8", "1.9", "1.10"]);
  if (year === "2025") return rng.pick(["1.10", "1.11", "1.12", "1.13"]);
  return "1.13";
};

const placeOf = (code: string): TruthPlace => {
  if (code.startsWith("anyw")) return { nuts: null, country: null, otherPlace: code };
  return { nuts: code, country: code.startsWith("NO") ? "NOR" : null, otherPlace: null };
};

/** Splits `total` into `parts` whole amounts that add up to it exactly. */
const split = (rng: Rng, total: number, parts: number): number[] => {
  if (parts === 1) return [total];
  const weights = Array.from({ length: parts }, () => 1 + rng.next() * 3);
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((total * w) / sum));
  out[parts - 1] = total - out.slice(0, -1).reduce((a, b) => a + b, 0);
  return out;
};

const money = (currency: string, amount: number): Money => ({ currencyCode: currency, amount });

const buyerOrg = (n: MasterNotice, b: Org, i: number, rng: Rng): TruthBuyer => {
  const nuts = n.locationIds.find((c) => /^NO\d{3}$/.test(c)) ?? null;
  return {
    ref: ref("ORG", i + 1),
    name: b.name,
    rawCompanyId: b.organizationId,
    orgNumber: orgNumberOf(b.organizationId),
    country: "NOR",
    nuts,
    city: rng.pick(CITIES),
    postalCode: String(rng.int(1, 9990)).padStart(4, "0"),
    size: null,
    legalType: b.name.includes("kommune") ? "la" : rng.pick(["body-pl", "cga", "pub-undert"]),
    activity: n.mainActivity,
  };
};

/** A winner without a Norwegian org number is a foreign company with its own register's id. */
const winnerOrg = (w: Org, at: number): TruthOrganisation => {
  const wr = createRng(hash32(w.id));
  const foreign = w.organizationId === null ? wr.pick(FOREIGN) : null;
  const raw = foreign ? `${foreign.prefix}${wr.int(1_000_000, 9_999_999)}` : w.organizationId;
  return {
    ref: ref("ORG", at),
    name: w.name,
    rawCompanyId: raw,
    orgNumber: foreign ? null : orgNumberOf(raw),
    country: foreign?.country ?? "NOR",
    nuts: null,
    city: foreign ? null : wr.pick(CITIES),
    postalCode: foreign ? null : String(wr.int(1, 9990)).padStart(4, "0"),
    size: wr.chance(0.6) ? "sme" : "large",
  };
};

const lotsOf = (n: MasterNotice, rng: Rng): TruthLot[] => {
  const isResult = ROLL_UP[n.type] === "RESULT";
  const framework =
    n.type !== "DYNAMIC_PURCHASING_SCHEME" && (/rammeavtale/i.test(n.heading) || rng.chance(0.2));
  const value = n.estimatedValue;
  const shares = value ? split(rng, value.amount, n.lots.length) : [];
  const [main = null, ...additional] = n.cpvDirect;
  return n.lots.map((lot, i) => {
    const share = shares[i];
    const estimate = value && share !== undefined ? money(value.currencyCode, share) : null;
    const long = rng.chance(0.3);
    return {
      id: ref("LOT", i + 1),
      title: lot.heading,
      description: lot.description,
      mainCpv: main,
      additionalCpv: additional,
      places: n.locationIds.map(placeOf),
      estimatedValue: estimate,
      frameworkMaximumValue:
        framework && estimate ? money(estimate.currencyCode, Math.round(estimate.amount * 1.25)) : null,
      frameworkAgreement: framework ? "fa-wo-rc" : null,
      dynamicPurchasingSystem: n.type === "DYNAMIC_PURCHASING_SCHEME" ? "dps-list" : null,
      submissionDeadline: isResult ? null : n.deadline,
      duration: long ? { amount: rng.int(2, 4), unit: "YEAR" } : { amount: rng.int(3, 48), unit: "MONTH" },
    };
  });
};

/** BT-759 per lot: the record's `receivedTenders` is the notice's total, split across its lots. */
const receivedPerLot = (n: MasterNotice, rng: Rng): (number | null)[] =>
  n.receivedTenders === null
    ? n.lots.map(() => null)
    : split(rng, n.receivedTenders, n.lots.length).map((c) => Math.max(0, c));

const resultsOf = (
  n: MasterNotice,
  lots: TruthLot[],
  winnerRefs: Map<string, string>,
  rng: Rng,
): ContractTruth["results"] => {
  if (ROLL_UP[n.type] !== "RESULT") return null;
  const received = receivedPerLot(n, rng);
  const esubm = n.lots.length === 1 ? n.allReceivedTenders?.find((t) => t.type === "t-esubm") : undefined;
  let tenderNo = 0;
  let contractNo = 0;
  const issueDay = n.issueDate.slice(0, 10);
  const currency = n.estimatedValue?.currencyCode ?? "NOK";
  const out: TruthLotResult[] = n.lots.map((lot, i) => {
    const truthLot = lots[i] as TruthLot;
    const cancelled = n.type === "CANCELLED_OR_MISSING_CONCLUSION_OF_CONTRACT";
    // A lot without a winner in an award or cancellation notice is closed; elsewhere it is still open.
    const closed = cancelled || n.type === "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT";
    // One tender per winning company, even if a mutation names one twice.
    const winners = cancelled ? [] : [...new Map(lot.winner.map((w) => [w.id, w])).values()];
    const base = truthLot.estimatedValue?.amount ?? 10 ** (5 + rng.next() * 2.5);
    const tenders: TruthTender[] = winners.map((w) => {
      tenderNo += 1;
      return {
        id: ref("TEN", tenderNo),
        lotId: truthLot.id,
        value: money(currency, Math.round((base * (0.7 + rng.next() * 0.4)) / 1000) * 1000),
        partyId: ref("TPA", tenderNo),
        tendererRef: winnerRefs.get(w.id) as string, // every winner was given a ref before
      };
    });
    const contracts = tenders.map((t) => {
      contractNo += 1;
      return {
        id: ref("CON", contractNo),
        reference: `${issueDay.slice(0, 4)}/${rng.int(100, 9999)}`,
        concludedOn: addDays(issueDay, -rng.int(2, 30)),
        tenderIds: [t.id],
      };
    });
    const tendersReceived = received[i] ?? null;
    return {
      id: ref("RES", i + 1),
      lotId: truthLot.id,
      outcomeCode: winners.length > 0 ? "selec-w" : closed ? "clos-nw" : "open-nw",
      notAwardedReason:
        winners.length === 0 && closed ? (tendersReceived === 0 ? "no-rece" : "all-rej") : null,
      tenders,
      contracts,
      winnerRefs: [...new Set(tenders.map((t) => t.tendererRef))],
      tendersReceived,
      submissions: esubm ? [{ kind: "t-esubm", count: esubm.total }] : [],
    };
  });
  const awarded = out.flatMap((r) => r.tenders);
  return {
    totalValue:
      awarded.length > 0
        ? money(
            currency,
            awarded.reduce((sum, t) => sum + t.value.amount, 0),
          )
        : null,
    lots: out,
  };
};

/**
 * The truth for one record. `corrected` is the notice it corrects (its eForm UUID becomes BT-758).
 *
 * @example contractTruth(record, corpus.record(record.correctsId)?.n).lots[0]?.id // "LOT-0001"
 */
export const contractTruth = (n: MasterNotice, corrected?: MasterNotice): ContractTruth => {
  const rng = createRng(hash32(n.eFormId, 0xef));
  const form = FORMS[n.type];
  const sdkVersion = sdkFor(rng, n.issueDate);
  const buyers = n.buyers.map((b, i) => buyerOrg(n, b, i, rng));
  const winnerRefs = new Map<string, string>();
  const winners: TruthOrganisation[] = [];
  for (const w of n.lots.flatMap((l) => l.winner)) {
    if (winnerRefs.has(w.id)) continue;
    const org = winnerOrg(w, buyers.length + winners.length + 1);
    winnerRefs.set(w.id, org.ref);
    winners.push(org);
  }
  const lots = lotsOf(n, rng);
  const [main = null, ...additional] = n.cpvDirect;
  return {
    documentType: form.root,
    formType: form.listName,
    noticeType: form.code,
    // Doffin numbers the national (below-threshold) forms with an N: N4, N16 in the captures.
    noticeSubtype: n.sentToTed ? form.subtype : `N${form.subtype}`,
    sdkVersion,
    extended: sdkVersion !== "1.7" || rng.chance(0.5),
    national: !n.sentToTed,
    noticeId: n.eFormId,
    noticeVersion: "01",
    procedureId: n.procedureId,
    dispatchedAt: n.issueDate,
    procedure: {
      title: n.heading,
      description: n.description,
      type:
        n.type === "ANNOUNCEMENT_OF_INTENT" ? "neg-wo-call" : (PROCEDURE_CODES[n.procedureType] ?? "open"),
      contractNature: n.contractNature.toLowerCase(),
      mainCpv: main,
      additionalCpv: additional,
      estimatedValue: n.estimatedValue,
    },
    buyers,
    organisations: [...buyers, ...winners],
    lots,
    results: resultsOf(n, lots, winnerRefs, rng),
    changes:
      n.correctsId && corrected
        ? {
            changedNoticeId: `${corrected.eFormId}-01`,
            reasonCode: CHANGE_CODES[n.changeReason ?? ""] ?? "cor-buy",
            description: n.changeReason ?? "Korreksjon kjøper",
          }
        : null,
  };
};

/** {@link contractTruth} of a record of `corpus`, with the notice it corrects looked up there. */
export const truthIn = (
  corpus: { record(id: string): { n: MasterNotice } | undefined },
  n: MasterNotice,
): ContractTruth => contractTruth(n, n.correctsId ? corpus.record(n.correctsId)?.n : undefined);
