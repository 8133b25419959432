import { z } from "zod";

/** The 13 Doffin notice types: three roll-ups and ten concrete types (doffin-upstream.md §3.2). */
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
export const NoticeType = z.enum(NOTICE_TYPES);
export type NoticeType = z.infer<typeof NoticeType>;

export const ROLL_UP_TYPES = ["PLANNING", "COMPETITION", "RESULT"] as const;
export type RollUpType = (typeof ROLL_UP_TYPES)[number];

/** Which roll-up each concrete type belongs to (a notice's `allTypes` = its type + roll-up). */
export const ROLL_UP_OF: Record<Exclude<NoticeType, RollUpType>, RollUpType> = {
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

export const NOTICE_STATUSES = ["ACTIVE", "EXPIRED", "AWARDED", "CANCELLED"] as const;
export const NoticeStatus = z.enum(NOTICE_STATUSES);
export type NoticeStatus = z.infer<typeof NoticeStatus>;

export const CONTRACT_NATURES = ["WORKS", "SUPPLIES", "SERVICES"] as const;
export const ContractNature = z.enum(CONTRACT_NATURES);
export type ContractNature = z.infer<typeof ContractNature>;

/** Our sort orders (mapped to upstream `sortBy` by the client). */
export const SORT_ORDERS = ["relevance", "published_desc", "published_asc", "deadline"] as const;
export const SortOrder = z.enum(SORT_ORDERS);
export type SortOrder = z.infer<typeof SortOrder>;

/** Doffin publication reference: `YYYY-NNNNNN` (a new one per published version). */
export const NOTICE_ID_PATTERN = /^\d{4}-\d{6}$/;
export const NoticeId = z.string().regex(NOTICE_ID_PATTERN, "a Doffin notice id looks like 2026-107918");

/** 8-digit CPV code without check digit, as both Doffin APIs use it. */
export const CPV_CODE_PATTERN = /^\d{8}$/;

export const noticeUrl = (id: string): string => `https://www.doffin.no/notices/${id}`;
