/** The emulator's internal data model: one master record per notice, from which every upstream shape is derived. */
import { osloDayStart } from "./oslo";

// The notice-type vocabulary below is written out again, on purpose, rather than imported from @doffin/core
// (domain/vocabulary.ts): the emulator is the independent witness core is tested against, so a
// misunderstanding of Doffin's vocabulary cannot hide in code both sides share.

export const NOTICE_TYPES = [
  "PLANNING",
  "ADVISORY_NOTICE",
  "PRE_ANNOUNCEMENT",
  "NOTICE_ON_BUYER_PROFILE",
  "COMPETITION",
  "ANNOUNCEMENT_OF_COMPETITION",
  "DYNAMIC_PURCHASING_SCHEME",
  "QUALIFICATION_SCHEME",
  "RESULT",
  "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT",
  "ANNOUNCEMENT_OF_INTENT",
  "CANCELLED_OR_MISSING_CONCLUSION_OF_CONTRACT",
  "CHANGE_OF_CONCLUSION_OF_CONTRACT",
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];
export type RollUp = "PLANNING" | "COMPETITION" | "RESULT";
export type ConcreteType = Exclude<NoticeType, RollUp>;

/** Roll-up of each concrete type (doffin-upstream.md §3.2). */
export const ROLL_UP: Record<ConcreteType, RollUp> = {
  ADVISORY_NOTICE: "PLANNING",
  NOTICE_ON_BUYER_PROFILE: "PLANNING",
  PRE_ANNOUNCEMENT: "COMPETITION",
  ANNOUNCEMENT_OF_COMPETITION: "COMPETITION",
  DYNAMIC_PURCHASING_SCHEME: "COMPETITION",
  QUALIFICATION_SCHEME: "COMPETITION",
  ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT: "RESULT",
  ANNOUNCEMENT_OF_INTENT: "RESULT",
  CANCELLED_OR_MISSING_CONCLUSION_OF_CONTRACT: "RESULT",
  CHANGE_OF_CONCLUSION_OF_CONTRACT: "RESULT",
};

export const STATUSES = ["ACTIVE", "EXPIRED", "AWARDED", "CANCELLED"] as const;
export type Status = (typeof STATUSES)[number];
export const CONTRACT_NATURES = ["SERVICES", "WORKS", "SUPPLIES"] as const;
export type ContractNature = (typeof CONTRACT_NATURES)[number];

export type Org = { id: string; organizationId: string | null; name: string };
export type Lot = { heading: string; description: string; winner: Org[] };
export type Money = { currencyCode: string; amount: number };
export type ReceivedTenders = { type: string; total: number };

/** A node of the web client detail's `eform` tree. */
export type EformNode = {
  title: string;
  sectionId: string | null;
  label: string | null;
  useLabelAsValue: boolean;
  value: string | null;
  sections: EformNode[] | null;
};

export type MasterNotice = {
  id: string;
  /** eForms notice UUID (`eFormId`). */
  eFormId: string;
  procedureId: string;
  heading: string;
  description: string;
  buyers: Org[];
  locationIds: string[];
  placeOfPerformance: string[];
  estimatedValue: Money | null;
  type: ConcreteType;
  /** Concrete type + roll-up(s); order varies as on Doffin. */
  allTypes: NoticeType[];
  /**
   * A status that no longer follows the clock (AWARDED, CANCELLED, or one set by a mutation). When null,
   * competitions are ACTIVE until their deadline passes on the emulator clock, then EXPIRED.
   */
  fixedStatus: Status | null;
  /** RFC 3339 UTC, e.g. `2026-07-30T12:36:32Z`. */
  issueDate: string;
  /** `YYYY-MM-DD`, an Europe/Oslo calendar day: the Oslo day of `issueDate` + 0..7 days. */
  publicationDate: string;
  deadline: string | null;
  receivedTenders: number | null;
  allReceivedTenders: ReceivedTenders[] | null;
  /** Every CPV code incl. ancestors, in the (unordered) order the Public API serves them. */
  cpvCodes: string[];
  /** The codes the buyer chose (`directCpvCodes`); the rest of `cpvCodes` are parents. */
  cpvDirect: string[];
  contractNature: ContractNature;
  strategicLabels: string[];
  sentToTed: boolean;
  tedId: string | null;
  competitionDocsUrl: string | null;
  regulationUrl: string | null;
  mainActivity: string | null;
  procedureType: string;
  lots: Lot[];
  /** Id of the notice this one corrects (a correction is a new notice with a new id). */
  correctsId: string | null;
  changeReason: string | null;
  withdrawn: boolean;
  /** True for the records built from the real captures in fixtures/doffin. */
  fixture: boolean;
  /** The captured eform tree of a fixture detail, served verbatim. */
  eformOverride?: EformNode[];
};

export const isCompetition = (n: Pick<MasterNotice, "allTypes">): boolean =>
  n.allTypes.includes("COMPETITION");

const DAY_MS = 86_400_000;

/** Status as Doffin would show it at `nowMs`: null on every non-competition notice. */
export const statusAt = (
  n: Pick<MasterNotice, "allTypes" | "fixedStatus" | "deadline" | "publicationDate">,
  nowMs: number,
): Status | null => {
  if (!isCompetition(n)) return null;
  if (n.fixedStatus) return n.fixedStatus;
  if (n.deadline) return Date.parse(n.deadline) > nowMs ? "ACTIVE" : "EXPIRED";
  // No deadline (rare on competitions): treat as open for 90 days after publication.
  return osloDayStart(addDays(n.publicationDate, 90)) > nowMs ? "ACTIVE" : "EXPIRED";
};

export const ROUTE_NAMES = [
  "webclient.search",
  "webclient.suggest",
  "webclient.notice",
  "webclient.cpv",
  "public.search",
  "public.download",
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
export const toIsoSeconds = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;
