import { z } from "zod";
import { Money } from "../domain/notice";

/**
 * The contract-data model read from a notice's eForms XML (`GET /public/v2/download/{id}`). Field names
 * say what a reader asks; the business term (BT-xx) each comes from is in its comment. Absent in the
 * notice → `null` or `[]`, never invented. Values of different kinds (estimated, framework maximum,
 * awarded) live in different fields and are never added together; every amount carries its currency.
 */

/** Dates as `YYYY-MM-DD`; instants as RFC 3339 UTC (`2026-06-11T22:00:00Z`). */
const DateOnly = z.string();
const Instant = z.string();

export const EformsCustomization = z.object({
  /** `cbc:CustomizationID` as given, e.g. `eforms-sdk-1.13#extended#urn:fdc:anskaffelser.no:2023:eforms:eu`. */
  raw: z.string().nullable(),
  /** `1.13` from `eforms-sdk-1.13`; null when the id names no SDK. */
  sdkVersion: z.string().nullable(),
  /** Doffin's `#extended` marker (Norwegian additions on top of the EU forms). */
  extended: z.boolean(),
  /** `…:eforms:eu` — the EU (above-threshold) regime. */
  eu: z.boolean(),
  /** `…:eforms:national` — Norway's national (below-threshold) regime. */
  national: z.boolean(),
});
export type EformsCustomization = z.infer<typeof EformsCustomization>;

export const EformsAddress = z.object({
  street: z.string().nullable(),
  city: z.string().nullable(),
  postalCode: z.string().nullable(),
  /** NUTS code (BT-507 / BT-5071). */
  nuts: z.string().nullable(),
  /** ISO 3166-1 alpha-3 as eForms writes it (`NOR`). */
  country: z.string().nullable(),
});
export type EformsAddress = z.infer<typeof EformsAddress>;

export const EformsIdentifier = z.object({
  /** `NO-BRC` (Brønnøysund register) for a Norwegian org number; `eforms-company-id` for any other BT-501. */
  scheme: z.string(),
  id: z.string(),
});

export const EformsOrganisation = z.object({
  /** The notice-local technical id (OPT-200, `ORG-0001`). */
  ref: z.string(),
  /** BT-500. Empty string when the notice names none. */
  name: z.string(),
  /** BT-501 normalized like the search normalizer: 9 digits or null. */
  orgNumber: z.string().nullable(),
  /** BT-501 as given. */
  rawCompanyId: z.string().nullable(),
  identifier: EformsIdentifier.nullable(),
  address: EformsAddress,
  website: z.string().nullable(),
  /** BT-165 (`sme`, `micro`, `small`, `medium`, `large`), given for winners and tenderers. */
  size: z.string().nullable(),
});
export type EformsOrganisation = z.infer<typeof EformsOrganisation>;

export const EformsBuyer = EformsOrganisation.extend({
  /** BT-11 buyer legal type (`body-pl`, `ra`, `la` …). */
  legalType: z.string().nullable(),
  /** BT-10 main activity (`gen-pub`, `health` …). */
  activity: z.string().nullable(),
});
export type EformsBuyer = z.infer<typeof EformsBuyer>;

export const EformsPlace = EformsAddress.extend({
  /** BT-727 other place (`anyw`, `anyw-eea`, `anyw-cou`). */
  otherPlace: z.string().nullable(),
  /** BT-728 free-text description. */
  description: z.string().nullable(),
});
export type EformsPlace = z.infer<typeof EformsPlace>;

export const EformsDuration = z.object({
  /** BT-536 / BT-537. */
  start: DateOnly.nullable(),
  end: DateOnly.nullable(),
  /** BT-36 as given: `{ amount: 48, unit: "MONTH" }`. */
  length: z.object({ amount: z.number(), unit: z.string() }).nullable(),
  /** BT-538 other duration (`UNLIMITED`, `UNKNOWN`). */
  other: z.string().nullable(),
});

export const EformsAwardCriterion = z.object({
  /** BT-539 `price`, `cost`, `quality` (Doffin adds `quality-nor-env-*`). */
  type: z.string().nullable(),
  /** BT-734. */
  name: z.string().nullable(),
  /** BT-540. */
  description: z.string().nullable(),
  /** BT-541 with BT-5421/5422/5423 (`per-exa`, `poi-exa`, `ord-imp` …). */
  weight: z.object({ value: z.number(), kind: z.string().nullable() }).nullable(),
});

export const EformsLot = z.object({
  /** BT-137, `LOT-0001` (or `PAR-0001` for the parts of a PIN-only notice). */
  id: z.string(),
  kind: z.enum(["lot", "part"]),
  /** BT-21 / BT-24 in the notice language, else the first language given. */
  title: z.string().nullable(),
  description: z.string().nullable(),
  /** BT-22. */
  internalId: z.string().nullable(),
  /** BT-23 `works` / `supplies` / `services`. */
  contractNature: z.string().nullable(),
  /** BT-262 / BT-263. */
  mainCpv: z.string().nullable(),
  additionalCpv: z.array(z.string()),
  placesOfPerformance: z.array(EformsPlace),
  /** BT-27: the buyer's estimate. */
  estimatedValue: Money.nullable(),
  /** BT-271: the framework agreement's maximum — not an estimate, not an award. */
  frameworkMaximumValue: Money.nullable(),
  duration: EformsDuration,
  /** BT-131: tenders due (RFC 3339 UTC; date-only deadlines end at 23:59:59 of their offset). */
  submissionDeadline: Instant.nullable(),
  /** BT-1311: requests to participate due. */
  participationDeadline: Instant.nullable(),
  awardCriteria: z.array(EformsAwardCriterion),
  /** BT-54 options. */
  options: z.string().nullable(),
  /** BT-58 maximum renewals, BT-57 their description. */
  renewals: z.object({ maximum: z.number().nullable(), description: z.string().nullable() }).nullable(),
  /** BT-765 framework agreement code (`fa-wo-rc`, `fa-w-rc`, `fa-mix`), null when none. */
  frameworkAgreement: z.string().nullable(),
  /** BT-766 dynamic purchasing system code (`dps-list`, `dps-nlist`), null when none. */
  dynamicPurchasingSystem: z.string().nullable(),
  /** OPT-301-Lot-ReviewOrg: refs into `organisations.reviewBodies`. */
  reviewBodyRefs: z.array(z.string()),
});
export type EformsLot = z.infer<typeof EformsLot>;

export const EformsTender = z.object({
  /** OPT-321, `TEN-0001`. */
  id: z.string(),
  lotId: z.string().nullable(),
  /** BT-720: the tender's value. */
  value: Money.nullable(),
  /** BT-171. */
  rank: z.number().nullable(),
  /** The tendering party's members (OPT-310 → OPT-210 → OPT-300), leader first when marked. */
  tenderers: z.array(EformsOrganisation),
});
export type EformsTender = z.infer<typeof EformsTender>;

export const EformsContract = z.object({
  /** OPT-316, `CON-0001`. */
  id: z.string(),
  /** BT-150: the buyer's contract number. */
  reference: z.string().nullable(),
  /** BT-721. */
  title: z.string().nullable(),
  /** BT-145. */
  concludedOn: DateOnly.nullable(),
  /** BT-1451 winner decision date. */
  awardedOn: DateOnly.nullable(),
  /** BT-3202 tenders the contract was signed on. */
  tenderIds: z.array(z.string()),
});
export type EformsContract = z.infer<typeof EformsContract>;

export const EformsLotOutcome = z.enum(["winner_chosen", "no_winner", "still_open", "unknown"]);
export type EformsLotOutcome = z.infer<typeof EformsLotOutcome>;

export const EformsLotResult = z.object({
  /** OPT-322, `RES-0001`. */
  id: z.string(),
  /** BT-13713. */
  lotId: z.string().nullable(),
  /** BT-142 mapped: `selec-w` → winner_chosen, `clos-nw` → no_winner, `open-nw` → still_open. */
  outcome: EformsLotOutcome,
  outcomeCode: z.string().nullable(),
  /** BT-144 why no contract was awarded. */
  notAwardedReason: z.string().nullable(),
  tenders: z.array(EformsTender),
  /** The tenderers of the tenders a contract was concluded on (else of the listed tenders when a winner was chosen). */
  winners: z.array(EformsOrganisation),
  contracts: z.array(EformsContract),
  /** BT-759 where BT-760 is `tenders`; null when not reported. */
  tendersReceived: z.number().nullable(),
  /** Every BT-760/BT-759 pair (`tenders`, `t-sme`, `t-esubm`, `part-req` …). */
  submissions: z.array(z.object({ kind: z.string(), count: z.number() })),
  /** BT-710 / BT-711. */
  lowestTenderValue: Money.nullable(),
  highestTenderValue: Money.nullable(),
  /** BT-660 framework value re-estimated for this lot; BT-709 its maximum. */
  frameworkReestimatedValue: Money.nullable(),
  frameworkMaximumValue: Money.nullable(),
});
export type EformsLotResult = z.infer<typeof EformsLotResult>;

export const EformsResults = z.object({
  /** BT-161: the notice's total awarded value. */
  totalValue: Money.nullable(),
  /** BT-118: framework agreements' maximum, re-estimated at award. */
  frameworkMaximumValue: Money.nullable(),
  /** BT-1118: framework agreements' approximate value, re-estimated at award. */
  frameworkApproximateValue: Money.nullable(),
  lots: z.array(EformsLotResult),
});
export type EformsResults = z.infer<typeof EformsResults>;

export const EformsChanges = z.object({
  /** BT-758: `<notice id>-<version>` of the notice this one changes (or its old Doffin/OJS id). */
  changedNoticeId: z.string().nullable(),
  /** BT-140 (`cancel`, `update-add`, `cor-buy` …). */
  reasonCode: z.string().nullable(),
  /** BT-141. */
  description: z.string().nullable(),
  /** BT-13716: `PROCEDURE`, `LOT-0001`, `ORG-0001` … */
  sections: z.array(z.string()),
});
export type EformsChanges = z.infer<typeof EformsChanges>;

export const EformsProcedure = z.object({
  /** BT-21 / BT-24. */
  title: z.string().nullable(),
  description: z.string().nullable(),
  /** BT-22. */
  internalId: z.string().nullable(),
  /** BT-105 (`open`, `restricted`, `neg-w-call`, `oth-single` …). */
  type: z.string().nullable(),
  /** BT-88 procedure features. */
  features: z.string().nullable(),
  /** BT-01 CELEX (`32014L0024`) and any BT-01(c) local legal basis ids. */
  legalBasis: z.object({ celex: z.string().nullable(), local: z.array(z.string()) }),
  /** BT-106. */
  accelerated: z.boolean().nullable(),
  contractNature: z.string().nullable(),
  mainCpv: z.string().nullable(),
  additionalCpv: z.array(z.string()),
  placesOfPerformance: z.array(EformsPlace),
  /** BT-27-Procedure. */
  estimatedValue: Money.nullable(),
  /** BT-271-Procedure. */
  frameworkMaximumValue: Money.nullable(),
  /** True when any lot is a framework agreement / uses a DPS (BT-765 / BT-766). */
  frameworkAgreement: z.boolean(),
  dynamicPurchasingSystem: z.boolean(),
  /** BT-31 / BT-33 / BT-763 lot rules. */
  lotsMaxPerTenderer: z.number().nullable(),
  lotsMaxAwarded: z.number().nullable(),
  allLotsRequired: z.boolean().nullable(),
});
export type EformsProcedure = z.infer<typeof EformsProcedure>;

export const EformsWarning = z.object({
  /** `broken_reference`, `bad_number`, `missing_currency`, `bad_date`. */
  code: z.string(),
  message: z.string(),
});
export type EformsWarning = z.infer<typeof EformsWarning>;

/**
 * One notice's contract data, as {@link parseEformsNotice} returns it; also the public contract for apps
 * that serve it (validate with `EformsNotice.parse`, derive OpenAPI from it).
 *
 * @example
 * const notice: EformsNotice = parseEformsNotice(xml);
 * notice.lots.map((l) => [l.id, l.estimatedValue]); // [["LOT-0001", { amount: 300000000, currency: "NOK" }]]
 */
export const EformsNotice = z.object({
  /** Doffin's id (`2026-107778`): the argument, or BT-701/BT-04 when they have that shape; else null. */
  doffinId: z.string().nullable(),
  /** BT-701 (a UUID in native eForms; the Doffin id in notices converted from the old forms). */
  noticeId: z.string().nullable(),
  /** BT-757. */
  noticeVersion: z.string().nullable(),
  /** BT-04. */
  procedureId: z.string().nullable(),
  /** The root element: `ContractNotice`, `ContractAwardNotice`, `PriorInformationNotice` … */
  documentType: z.string(),
  /** BT-03 (`planning`, `competition`, `result`, `cont-modif` …). */
  formType: z.string().nullable(),
  /** BT-02 (`cn-standard`, `can-social`, `pin-only` …). */
  noticeType: z.string().nullable(),
  /** OPP-070 (`16`, `33`, `E3` …). */
  noticeSubtype: z.string().nullable(),
  customization: EformsCustomization,
  /** BT-01 regulatory domain (CELEX number). */
  regulatoryDomain: z.string().nullable(),
  /** BT-05 dispatch instant. */
  dispatchedAt: Instant.nullable(),
  /** BT-702 notice language (eForms alpha-3: `NOR`, `NOB`, `ENG`) and any additional ones. */
  language: z.string().nullable(),
  additionalLanguages: z.array(z.string()),
  procedure: EformsProcedure,
  organisations: z.object({
    buyers: z.array(EformsBuyer),
    reviewBodies: z.array(EformsOrganisation),
    /** Every organisation the notice lists (OPT-200), by whatever role. */
    all: z.array(EformsOrganisation),
  }),
  lots: z.array(EformsLot),
  /** null when the notice has no `efac:NoticeResult`. */
  results: EformsResults.nullable(),
  /** null when the notice has no `efac:Changes`. */
  changes: EformsChanges.nullable(),
  warnings: z.array(EformsWarning),
});
export type EformsNotice = z.infer<typeof EformsNotice>;
