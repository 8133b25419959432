import type { EformsLotResult, EformsNotice } from "../eforms/model";
import { dayToDateTime, type Loose } from "./compact";
import { SUBMISSION_MEASURE } from "./eforms-tables";
import type { PartyBook } from "./map-parties";
import { moneyOf as value } from "./map-tender";

/** BT-142 outcome → `awards[].status` (profile: `selec-w` active, `clos-nw` unsuccessful; open-nw leaves the award open). */
const AWARD_STATUS: Record<string, string | undefined> = {
  winner_chosen: "active",
  no_winner: "unsuccessful",
};

/** The tenders a contract was signed on, else (winner chosen, no contract listed) every listed tender. */
const winningTenderIds = (r: EformsLotResult): string[] => {
  const signed = r.contracts.flatMap((c) => c.tenderIds);
  if (signed.length) return [...new Set(signed)];
  return r.outcome === "winner_chosen" ? r.tenders.map((t) => t.id) : [];
};

/**
 * `awards` (one per LotResult), `contracts` (one per SettledContract) and `bids` (tenders and statistics) of a
 * result notice. The three kinds of value stay apart: `awards[].value` is the winning tender's BT-720 (only
 * when exactly one tender won, never a sum), `maximumValue` the framework maximum BT-709, `estimatedValue`
 * the re-estimate BT-660; `contracts[].value` is not set (no profile mapping targets it).
 */
export const mapResults = (notice: EformsNotice, book: PartyBook) => {
  const results = notice.results?.lots ?? [];
  const awards: Loose[] = [];
  const contracts = new Map<string, Loose>();
  const details: Loose[] = [];
  const statistics: Loose[] = [];
  for (const r of results) {
    const lots = r.lotId ? [r.lotId] : undefined;
    const winners = winningTenderIds(r);
    const tenderById = new Map(r.tenders.map((t) => [t.id, t]));
    for (const t of r.tenders) {
      details.push({
        id: t.id,
        relatedLots: t.lotId ? [t.lotId] : lots,
        value: value(t.value),
        hasRank: t.rank !== null ? true : undefined,
        rank: t.rank ?? undefined,
        tenderers: t.tenderers.map((o) => book.ref(o, "tenderer")),
      });
    }
    const winning = winners.map((id) => tenderById.get(id)).filter((t) => t !== undefined);
    const awardDates = r.contracts
      .map((c) => c.awardedOn)
      .filter((d): d is string => !!d)
      .sort();
    awards.push({
      id: r.id,
      relatedLots: lots,
      status: AWARD_STATUS[r.outcome],
      statusDetails: r.notAwardedReason ?? undefined,
      date: dayToDateTime(awardDates[0] ?? null, false),
      value: winning.length === 1 ? value(winning[0]?.value ?? null) : undefined,
      maximumValue: value(r.frameworkMaximumValue),
      estimatedValue: value(r.frameworkReestimatedValue),
      suppliers: r.winners.map((o) => book.ref(o, "supplier")),
      relatedBids: winners,
    });
    for (const c of r.contracts) {
      // A contract listed under several lot results keeps the first as its award (the schema has one awardID).
      if (contracts.has(c.id)) continue;
      contracts.set(c.id, {
        id: c.id,
        awardID: r.id,
        title: c.title ?? undefined,
        dateSigned: dayToDateTime(c.concludedOn, false),
        identifiers: c.reference ? [{ id: c.reference, scheme: "internal" }] : undefined,
        relatedBids: c.tenderIds,
      });
    }
    for (const s of r.submissions) {
      const measure = SUBMISSION_MEASURE[s.kind];
      if (measure)
        statistics.push({
          id: `${r.id}-${s.kind}`,
          measure,
          value: s.count,
          relatedLot: r.lotId ?? undefined,
        });
    }
    for (const [measure, m] of [
      ["lowestValidBidValue", r.lowestTenderValue],
      ["highestValidBidValue", r.highestTenderValue],
    ] as const) {
      if (m)
        statistics.push({
          id: `${r.id}-${measure}`,
          measure,
          value: m.amount,
          currency: m.currency,
          relatedLot: r.lotId ?? undefined,
        });
    }
  }
  return { awards, contracts: [...contracts.values()], bids: { details, statistics } };
};
