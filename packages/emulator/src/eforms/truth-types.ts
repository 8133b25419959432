/**
 * The contract data one notice's eForms XML carries: the emulator's truth for `public.download`, derived
 * from the master record (so every JSON surface and the XML tell the same story). Field names follow
 * core's `EformsNotice` where they mean the same, so a round-trip test can compare them directly.
 */
import type { Money } from "../model";

export type TruthOrganisation = {
  /** OPT-200, `ORG-0001`. */
  ref: string;
  name: string;
  /** BT-501 as written in the XML (Doffin's spacing and odd lengths kept). */
  rawCompanyId: string | null;
  /** The 9-digit Brønnøysund number (`NO-BRC`) when the raw id is one and the country is Norway. */
  orgNumber: string | null;
  /** ISO 3166-1 alpha-3, as eForms writes it. */
  country: string;
  nuts: string | null;
  city: string | null;
  postalCode: string | null;
  /** BT-165 for winners (`sme`, `large`); null for buyers. */
  size: string | null;
};

export type TruthBuyer = TruthOrganisation & { legalType: string; activity: string | null };

export type TruthPlace = { nuts: string | null; country: string | null; otherPlace: string | null };

export type TruthLot = {
  /** BT-137, `LOT-0001`. */
  id: string;
  title: string;
  description: string;
  mainCpv: string | null;
  additionalCpv: string[];
  places: TruthPlace[];
  /** BT-27 (a share of the notice's estimate; the shares add up to it). */
  estimatedValue: Money | null;
  /** BT-271, only on framework agreements. */
  frameworkMaximumValue: Money | null;
  /** BT-765 (`fa-wo-rc` …) or null. */
  frameworkAgreement: string | null;
  /** BT-766 (`dps-list`) or null. */
  dynamicPurchasingSystem: string | null;
  /** BT-131, RFC 3339 UTC; only on planning/competition notices. */
  submissionDeadline: string | null;
  /** BT-36. */
  duration: { amount: number; unit: "MONTH" | "YEAR" };
};

export type TruthTender = {
  /** OPT-321, `TEN-0001`. */
  id: string;
  lotId: string;
  /** BT-720. */
  value: Money;
  /** OPT-210, `TPA-0001`. */
  partyId: string;
  /** OPT-300 of the tenderer. */
  tendererRef: string;
};

export type TruthContract = {
  /** OPT-316, `CON-0001`. */
  id: string;
  /** BT-150. */
  reference: string;
  /** BT-145, `YYYY-MM-DD`. */
  concludedOn: string;
  tenderIds: string[];
};

export type TruthLotResult = {
  /** OPT-322, `RES-0001`. */
  id: string;
  lotId: string;
  /** BT-142: `selec-w` (winner chosen), `clos-nw` (no winner), `open-nw` (still open). */
  outcomeCode: "selec-w" | "clos-nw" | "open-nw";
  /** BT-144 when no winner was chosen. */
  notAwardedReason: string | null;
  tenders: TruthTender[];
  contracts: TruthContract[];
  /** OPT-300 refs of the winners (the tenderers of the contracted tenders). */
  winnerRefs: string[];
  /** BT-759 for BT-760 `tenders`; null when the record has no count. */
  tendersReceived: number | null;
  /** Further BT-760 kinds (`t-esubm`). */
  submissions: { kind: string; count: number }[];
};

export type ContractTruth = {
  documentType: "PriorInformationNotice" | "ContractNotice" | "ContractAwardNotice";
  /** BT-03 / BT-02 / OPP-070. */
  formType: string;
  noticeType: string;
  noticeSubtype: string;
  sdkVersion: string;
  extended: boolean;
  /** `…:eforms:national` (below the EU thresholds) instead of `…:eforms:eu`. */
  national: boolean;
  /** BT-701 / BT-757 / BT-04. */
  noticeId: string;
  noticeVersion: string;
  procedureId: string;
  /** BT-05, RFC 3339 UTC. */
  dispatchedAt: string;
  procedure: {
    title: string;
    description: string;
    /** BT-105 (`open`, `restricted`, `neg-w-call`, `comp-dial`; `neg-wo-call` on intent notices). */
    type: string;
    contractNature: string;
    mainCpv: string | null;
    additionalCpv: string[];
    estimatedValue: Money | null;
  };
  buyers: TruthBuyer[];
  /** Every organisation the XML lists: buyers first, then winners. */
  organisations: TruthOrganisation[];
  lots: TruthLot[];
  /** Only on result notices. */
  results: { totalValue: Money | null; lots: TruthLotResult[] } | null;
  /** Only on corrections. */
  changes: { changedNoticeId: string; reasonCode: string; description: string } | null;
};
