/**
 * Which eForms form each Doffin notice type is written in: the root element, BT-03 form type, BT-02
 * notice type and OPP-070 subtype (doffin-upstream.md §1.6, §3.2).
 */
import type { MasterNotice } from "../model";

export type FormKind = {
  root: "PriorInformationNotice" | "ContractNotice" | "ContractAwardNotice";
  listName: string;
  code: string;
  subtype: string;
};

export const FORMS: Record<MasterNotice["type"], FormKind> = {
  ADVISORY_NOTICE: { root: "PriorInformationNotice", listName: "planning", code: "pin-only", subtype: "4" },
  NOTICE_ON_BUYER_PROFILE: {
    root: "PriorInformationNotice",
    listName: "planning",
    code: "pin-buyer",
    subtype: "1",
  },
  PRE_ANNOUNCEMENT: {
    root: "PriorInformationNotice",
    listName: "competition",
    code: "pin-cfc-standard",
    subtype: "10",
  },
  ANNOUNCEMENT_OF_COMPETITION: {
    root: "ContractNotice",
    listName: "competition",
    code: "cn-standard",
    subtype: "16",
  },
  DYNAMIC_PURCHASING_SCHEME: {
    root: "ContractNotice",
    listName: "competition",
    code: "cn-standard",
    subtype: "16",
  },
  QUALIFICATION_SCHEME: { root: "ContractNotice", listName: "competition", code: "qu-sy", subtype: "15" },
  ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT: {
    root: "ContractAwardNotice",
    listName: "result",
    code: "can-standard",
    subtype: "29",
  },
  ANNOUNCEMENT_OF_INTENT: {
    root: "ContractAwardNotice",
    listName: "dir-awa-pre",
    code: "veat",
    subtype: "25",
  },
  CANCELLED_OR_MISSING_CONCLUSION_OF_CONTRACT: {
    root: "ContractAwardNotice",
    listName: "result",
    code: "can-standard",
    subtype: "29",
  },
  CHANGE_OF_CONCLUSION_OF_CONTRACT: {
    root: "ContractAwardNotice",
    listName: "cont-modif",
    code: "can-modif",
    subtype: "38",
  },
};
