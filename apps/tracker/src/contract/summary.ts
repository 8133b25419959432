import { type EformsNotice, NOTICE_ID_PATTERN } from "@doffin/core";

/**
 * The tracker's own views of a parsed eForms notice: its awards (what an `awarded` event reports) and
 * the notice it changes (BT-758). Parties and values come from core (`contractParties`,
 * `contractValues`, `tenderWon`), the same views the API's notice detail uses.
 */

export type AwardSummary = { lotId: string | null; winners: { name: string; orgNumber: string | null }[] };

/** The winners per lot result that chose one (what an `awarded` event reports). */
export function contractAwards(n: EformsNotice): AwardSummary[] {
  return (n.results?.lots ?? [])
    .filter((r) => r.winners.length > 0)
    .map((r) => ({
      lotId: r.lotId,
      winners: r.winners.map((w) => ({ name: w.name, orgNumber: w.orgNumber })),
    }));
}

/**
 * BT-758 as a reference: a Doffin id when it has that shape (notices converted from the old forms),
 * else the eForms notice id (BT-701, a UUID) with its `-NN` version removed.
 * @example changedNoticeRef("1b3e…-7c2a-01") // { eformsId: "1b3e…-7c2a" }
 */
export function changedNoticeRef(n: EformsNotice): { doffinId: string } | { eformsId: string } | null {
  const raw = n.changes?.changedNoticeId?.trim();
  if (!raw) return null;
  const doffin = raw.match(/^(\d{4}-\d{6})(?:-\d{2})?$/);
  if (doffin?.[1] && NOTICE_ID_PATTERN.test(doffin[1])) return { doffinId: doffin[1] };
  return { eformsId: raw.replace(/-\d{2}$/, "") };
}
