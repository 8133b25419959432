import type { EformsNotice } from "../eforms/model";

/**
 * The placeholder OCID prefix. A publisher registers its own prefix (free, `ocds-` + 6 characters) with the
 * Open Contracting Partnership's OCID registration form and sets it via `OcdsOptions.ocidPrefix`; until then
 * every ocid says plainly that it is not registered.
 */
export const OCDS_PLACEHOLDER_PREFIX = "ocds-xxxxxx";

/** What the ocid rules need beyond the notice itself (the profile's "create a release" conditions). */
export type OcidContext = {
  /** Registered prefix; default {@link OCDS_PLACEHOLDER_PREFIX}. */
  prefix?: string;
  /**
   * True for a contract award notice of a call-off under a framework agreement or DPS (rule 2: own ocid).
   * The eForms model does not read OPT-100/BT-768 yet, so the caller says so when it knows.
   */
  frameworkCallOff?: boolean;
};

/** `pin-only` notices (subtypes 4–6, or parts instead of lots): each part is its own planning process. */
export const isPinOnly = (notice: EformsNotice): boolean =>
  notice.noticeType === "pin-only" ||
  ["4", "5", "6"].includes(notice.noticeSubtype ?? "") ||
  (notice.lots.length > 0 && notice.lots.every((l) => l.kind === "part"));

/**
 * The ocid of a notice's release. Notices of one procedure share BT-04 (`ContractFolderID`), so
 * `prefix-BT-04` is reused across its PIN, competition, change and award notices, and the first publication
 * of a procedure naturally gets a new one (rule 1). Framework call-offs (rule 2) and PIN-only notices get an
 * ocid of their own notice (`prefix-<notice id>`, per part `…-PAR-0001`), so the competition that follows a
 * PIN-only notice starts a new ocid even when it shares BT-04 (rule 3). A notice without BT-04 falls back to
 * its own notice id.
 *
 * @example
 * ocidFor(notice); // "ocds-xxxxxx-53f57476-0532-42a2-9639-ddc515a05d26"
 * ocidFor(pinOnly, {}, "PAR-0001"); // "ocds-xxxxxx-20cc3b73-…-PAR-0001"
 */
export const ocidFor = (notice: EformsNotice, context: OcidContext = {}, partId?: string): string => {
  const prefix = context.prefix ?? OCDS_PLACEHOLDER_PREFIX;
  const own = notice.noticeId ?? notice.doffinId ?? "unknown";
  if (partId) return `${prefix}-${own}-${partId}`;
  if (context.frameworkCallOff || isPinOnly(notice)) return `${prefix}-${own}`;
  return `${prefix}-${notice.procedureId ?? own}`;
};
