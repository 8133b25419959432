import type {
  EformsContract,
  EformsLotOutcome,
  EformsLotResult,
  EformsOrganisation,
  EformsResults,
  EformsTender,
} from "./model";
import { type OrganisationIndex, resolveOrganisation } from "./organisations";
import { dateOf, moneyOf, numberOf, type ReadContext, warn } from "./values";
import { all, at, extension, kids, localized, text, textAt, type XmlNode } from "./xml-tree";

/**
 * `efac:NoticeResult`: results per lot (BT-142), the tenders (BT-720) and who made them, the contracts
 * (BT-150/BT-145), submission statistics (BT-759/760), and the notice-level totals (BT-161, BT-118,
 * BT-1118). The chain from a lot to its winner is LotResult → SettledContract → LotTender →
 * TenderingParty → Tenderer → Organization; every link is looked up by id, and a missing link becomes a
 * warning (and, at the end of the chain, an organisation without name or org number).
 */

const OUTCOMES: Record<string, EformsLotOutcome> = {
  "selec-w": "winner_chosen",
  "clos-nw": "no_winner",
  "open-nw": "still_open",
};

const refsOf = (node: XmlNode | null, name: string): string[] =>
  all(node, name, "ID")
    .map(text)
    .filter((id): id is string => id !== null);

const byId = (nodes: readonly XmlNode[]): Map<string, XmlNode> => {
  const map = new Map<string, XmlNode>();
  for (const n of nodes) {
    const id = textAt(n, "ID");
    if (id && !map.has(id)) map.set(id, n);
  }
  return map;
};

type Tables = {
  tenders: Map<string, EformsTender>;
  contracts: Map<string, EformsContract>;
};

const tenderersOf = (
  party: XmlNode | undefined,
  partyRef: string,
  orgs: OrganisationIndex,
  ctx: ReadContext,
): EformsOrganisation[] => {
  if (!party) {
    warn(
      ctx,
      "broken_reference",
      `a tender points at tendering party ${partyRef}, which the notice does not list`,
    );
    return [];
  }
  const members = kids(party, "Tenderer");
  // The group leader (OPT-170) first, so `tenderers[0]` is the one to show for a consortium.
  const ordered = [
    ...members.filter((m) => textAt(m, "GroupLeadIndicator") === "true"),
    ...members.filter((m) => textAt(m, "GroupLeadIndicator") !== "true"),
  ];
  return ordered.flatMap((m) => {
    const ref = textAt(m, "ID");
    return ref ? [resolveOrganisation(orgs, ref, ctx, `tendering party ${partyRef}`)] : [];
  });
};

const tablesOf = (result: XmlNode, orgs: OrganisationIndex, ctx: ReadContext): Tables => {
  const parties = byId(kids(result, "TenderingParty"));
  const tenders = new Map<string, EformsTender>();
  for (const [id, node] of byId(kids(result, "LotTender"))) {
    const partyRefs = refsOf(node, "TenderingParty");
    tenders.set(id, {
      id,
      lotId: textAt(node, "TenderLot", "ID"),
      value: moneyOf(at(node, "LegalMonetaryTotal", "PayableAmount"), ctx, `tender ${id} value`),
      rank: numberOf(at(node, "RankCode"), ctx, `tender ${id} rank`),
      tenderers: partyRefs.flatMap((ref) => tenderersOf(parties.get(ref), ref, orgs, ctx)),
    });
  }
  const contracts = new Map<string, EformsContract>();
  for (const [id, node] of byId(kids(result, "SettledContract"))) {
    contracts.set(id, {
      id,
      reference: textAt(node, "ContractReference", "ID"),
      title: localized(kids(node, "Title"), ctx.language),
      concludedOn: dateOf(at(node, "IssueDate"), ctx, `contract ${id} conclusion date`),
      awardedOn: dateOf(at(node, "AwardDate"), ctx, `contract ${id} award date`),
      tenderIds: refsOf(node, "LotTender"),
    });
  }
  return { tenders, contracts };
};

const lookup = <T>(table: Map<string, T>, ids: readonly string[], what: string, ctx: ReadContext): T[] =>
  ids.flatMap((id) => {
    const found = table.get(id);
    if (!found)
      warn(ctx, "broken_reference", `a lot result points at ${what} ${id}, which the notice does not list`);
    return found ? [found] : [];
  });

const uniqueOrganisations = (orgs: readonly EformsOrganisation[]): EformsOrganisation[] => {
  const byRef = new Map<string, EformsOrganisation>();
  for (const o of orgs) if (!byRef.has(o.ref)) byRef.set(o.ref, o);
  return [...byRef.values()];
};

const lotResultOf = (node: XmlNode, tables: Tables, ctx: ReadContext): EformsLotResult => {
  const id = textAt(node, "ID") ?? "";
  const outcomeCode = textAt(node, "TenderResultCode");
  const outcome = (outcomeCode && OUTCOMES[outcomeCode]) || "unknown";
  const tenders = lookup(tables.tenders, refsOf(node, "LotTender"), "tender", ctx);
  const contracts = lookup(tables.contracts, refsOf(node, "SettledContract"), "contract", ctx);
  // Winners are whoever a contract was concluded with; a notice that lists no contract (allowed before
  // signature) still names the chosen tenders in the lot result itself.
  const contracted = new Set(contracts.flatMap((c) => c.tenderIds));
  const winningTenders =
    contracted.size > 0
      ? [...contracted].flatMap((tid) => lookup(tables.tenders, [tid], "tender", ctx))
      : outcome === "winner_chosen"
        ? tenders
        : [];
  const submissions = kids(node, "ReceivedSubmissionsStatistics").flatMap((s) => {
    const kind = textAt(s, "StatisticsCode");
    const count = numberOf(at(s, "StatisticsNumeric"), ctx, `${id} received submissions`);
    return kind && count !== null ? [{ kind, count }] : [];
  });
  const framework = at(node, "FrameworkAgreementValues");
  return {
    id,
    lotId: textAt(node, "TenderLot", "ID"),
    outcome,
    outcomeCode,
    notAwardedReason: textAt(node, "DecisionReason", "DecisionReasonCode"),
    tenders,
    winners: uniqueOrganisations(winningTenders.flatMap((t) => t.tenderers)),
    contracts,
    tendersReceived: submissions.find((s) => s.kind === "tenders")?.count ?? null,
    submissions,
    lowestTenderValue: moneyOf(at(node, "LowerTenderAmount"), ctx, `${id} lowest tender value`),
    highestTenderValue: moneyOf(at(node, "HigherTenderAmount"), ctx, `${id} highest tender value`),
    // BT-660 is `efbc:ReestimatedValueAmount`; notices converted from the old TED forms (and early SDKs)
    // carry it as `cbc:EstimatedMaximumValueAmount`.
    frameworkReestimatedValue: moneyOf(
      at(framework, "ReestimatedValueAmount") ?? at(framework, "EstimatedMaximumValueAmount"),
      ctx,
      `${id} re-estimated framework value`,
    ),
    frameworkMaximumValue: moneyOf(at(framework, "MaximumValueAmount"), ctx, `${id} framework maximum value`),
  };
};

/** The notice's results, or null when it has no `efac:NoticeResult` (every non-result notice). */
export const resultsOf = (root: XmlNode, orgs: OrganisationIndex, ctx: ReadContext): EformsResults | null => {
  const result = at(extension(root), "NoticeResult");
  if (!result) return null;
  const tables = tablesOf(result, orgs, ctx);
  return {
    totalValue: moneyOf(at(result, "TotalAmount"), ctx, "notice total value"),
    frameworkMaximumValue: moneyOf(
      at(result, "OverallMaximumFrameworkContractsAmount"),
      ctx,
      "notice framework maximum value",
    ),
    frameworkApproximateValue: moneyOf(
      at(result, "OverallApproximateFrameworkContractsAmount"),
      ctx,
      "notice framework approximate value",
    ),
    lots: kids(result, "LotResult").map((lr) => lotResultOf(lr, tables, ctx)),
  };
};
