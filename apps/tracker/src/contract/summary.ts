import type { ContractParty, NoticeContract } from "@doffin/contracts/tracker";
import { type EformsNotice, type EformsOrganisation, type Money, NOTICE_ID_PATTERN } from "@doffin/core";

/**
 * Pure views of a parsed eForms notice: its parties by role, its three kinds of value (kept apart,
 * never added), its awards, and the notice it changes (BT-758).
 */

const party = (role: ContractParty["role"], o: EformsOrganisation, lotIds: string[]): ContractParty => ({
  role,
  name: o.name,
  orgNumber: o.orgNumber,
  lotIds,
});

/** Every party once per role, with the lots it won / tendered for / reviews. */
export function contractParties(n: EformsNotice): ContractParty[] {
  const byKey = new Map<string, ContractParty>();
  const add = (role: ContractParty["role"], o: EformsOrganisation, lotId: string | null) => {
    const key = `${role}|${o.ref}`;
    const p = byKey.get(key) ?? party(role, o, []);
    if (lotId && !p.lotIds.includes(lotId)) p.lotIds.push(lotId);
    byKey.set(key, p);
  };
  for (const b of n.organisations.buyers) add("buyer", b, null);
  for (const r of n.results?.lots ?? []) {
    for (const w of r.winners) add("winner", w, r.lotId);
    for (const t of r.tenders) for (const o of t.tenderers) add("tenderer", o, t.lotId ?? r.lotId);
  }
  const reviewers = new Map(n.organisations.reviewBodies.map((o) => [o.ref, o]));
  for (const o of n.organisations.reviewBodies) add("review_body", o, null);
  for (const lot of n.lots)
    for (const ref of lot.reviewBodyRefs) {
      const o = reviewers.get(ref);
      if (o) add("review_body", o, lot.id);
    }
  return [...byKey.values()].map((p) => ({ ...p, lotIds: [...p.lotIds].sort() }));
}

const onlyOne = (xs: (Money | null)[]): Money | null => {
  const given = xs.filter((x): x is Money => x !== null);
  return given.length === 1 ? (given[0] ?? null) : null;
};

/**
 * The notice's values. A notice-level figure wins; a lot's figure stands for the notice only when it
 * is the only lot that gives one (adding lots would mix currencies and double-count frameworks).
 */
export function contractValues(n: EformsNotice): NoticeContract["values"] {
  return {
    estimated: n.procedure.estimatedValue ?? onlyOne(n.lots.map((l) => l.estimatedValue)),
    frameworkMaximum:
      n.procedure.frameworkMaximumValue ??
      n.results?.frameworkMaximumValue ??
      onlyOne(n.lots.map((l) => l.frameworkMaximumValue)),
    awarded: n.results?.totalValue ?? onlyOne(n.results?.lots.flatMap(winningValues) ?? []),
  };
}

/** The values of the tenders a lot result's contracts were signed on (else of its winners' tenders). */
function winningValues(r: NonNullable<EformsNotice["results"]>["lots"][number]): (Money | null)[] {
  return r.tenders.filter((t) => tenderWon(r, t.id)).map((t) => t.value);
}

/** Whether a tender of a result is a winning one: a contract names it, or its tenderers are the winners. */
export function tenderWon(
  r: NonNullable<EformsNotice["results"]>["lots"][number],
  tenderId: string,
): boolean {
  const signed = new Set(r.contracts.flatMap((c) => c.tenderIds));
  if (signed.size > 0) return signed.has(tenderId);
  const winners = new Set(r.winners.map((w) => w.ref));
  const t = r.tenders.find((x) => x.id === tenderId);
  return r.outcome === "winner_chosen" && !!t && t.tenderers.some((o) => winners.has(o.ref));
}

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
