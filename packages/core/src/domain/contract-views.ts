import { z } from "zod";
import type { EformsNotice, EformsOrganisation } from "../eforms/model";
import { Money } from "./notice";

/**
 * Pure views of a parsed eForms notice for the public contract data: its parties by role and its three
 * kinds of value, kept apart and never added (adding lots would mix currencies and double-count
 * framework maxima).
 */

export const CONTRACT_PARTY_ROLES = ["buyer", "winner", "tenderer", "review_body"] as const;

/**
 * One organisation in one role on a notice, with the lots it won / tendered for / reviews.
 * @example ContractParty.parse({ role: "buyer", name: "Oslo kommune", orgNumber: "958935420", lotIds: [] })
 */
export const ContractParty = z.object({
  role: z.enum(CONTRACT_PARTY_ROLES),
  name: z.string(),
  /** 9 digits (`NO-BRC`) or null when the notice gives none. */
  orgNumber: z.string().nullable(),
  /** The lots it won / tendered for / reviews; [] for buyers and notice-wide roles. */
  lotIds: z.array(z.string()),
});
export type ContractParty = z.infer<typeof ContractParty>;

/**
 * The three values of a notice, each `{amount, currency}` or null.
 * @example ContractValues.parse({ estimated: { amount: 1e6, currency: "NOK" }, frameworkMaximum: null, awarded: null })
 */
export const ContractValues = z.object({
  /** BT-27: the buyer's estimate. */
  estimated: Money.nullable(),
  /** BT-271 / BT-118: the most the framework agreement may reach. */
  frameworkMaximum: Money.nullable(),
  /** BT-161 (else the one winning tender's BT-720): what was awarded. */
  awarded: Money.nullable(),
});
export type ContractValues = z.infer<typeof ContractValues>;

/**
 * Every party once per role, with the lots it won / tendered for / reviews.
 * @example contractParties(parseEformsNotice(xml)).filter((p) => p.role === "winner")
 */
export function contractParties(n: EformsNotice): ContractParty[] {
  const byKey = new Map<string, ContractParty>();
  const add = (role: ContractParty["role"], o: EformsOrganisation, lotId: string | null) => {
    const key = `${role}|${o.ref}`;
    const p = byKey.get(key) ?? { role, name: o.name, orgNumber: o.orgNumber, lotIds: [] };
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

type LotResult = NonNullable<EformsNotice["results"]>["lots"][number];

/**
 * Whether a tender of a result is a winning one: a contract names it, or its tenderers are the winners.
 * @example tenderWon(result, "TEN-0001")
 */
export function tenderWon(r: LotResult, tenderId: string): boolean {
  const signed = new Set(r.contracts.flatMap((c) => c.tenderIds));
  if (signed.size > 0) return signed.has(tenderId);
  const winners = new Set(r.winners.map((w) => w.ref));
  const t = r.tenders.find((x) => x.id === tenderId);
  return r.outcome === "winner_chosen" && !!t && t.tenderers.some((o) => winners.has(o.ref));
}

/**
 * The notice's values. A notice-level figure wins; a lot's figure stands for the notice only when it is
 * the only lot that gives one.
 * @example contractValues(parseEformsNotice(xml)).awarded // { amount: 1200000, currency: "NOK" } or null
 */
export function contractValues(n: EformsNotice): ContractValues {
  const winning = (r: LotResult) => r.tenders.filter((t) => tenderWon(r, t.id)).map((t) => t.value);
  return {
    estimated: n.procedure.estimatedValue ?? onlyOne(n.lots.map((l) => l.estimatedValue)),
    frameworkMaximum:
      n.procedure.frameworkMaximumValue ??
      n.results?.frameworkMaximumValue ??
      onlyOne(n.lots.map((l) => l.frameworkMaximumValue)),
    awarded: n.results?.totalValue ?? onlyOne(n.results?.lots.flatMap(winning) ?? []),
  };
}
