/**
 * `efac:NoticeResult` laid out like the real award notices (2022-319091): the notice total (BT-161), one
 * `efac:LotResult` per lot pointing at its tenders and contracts, then the `efac:LotTender`,
 * `efac:SettledContract` and `efac:TenderingParty` tables they point into.
 */
import type { TruthLotResult, TruthTender } from "./truth-types";
import { amountXml, dateXml, esc } from "./xml-text";

const idRef = (tag: string, scheme: string, id: string): string =>
  `<${tag}><cbc:ID schemeName="${scheme}">${id}</cbc:ID></${tag}>`;

const lotResultXml = (r: TruthLotResult): string => `
          <efac:LotResult>
            <cbc:ID schemeName="result">${r.id}</cbc:ID>
            <cbc:TenderResultCode listName="winner-selection-status">${r.outcomeCode}</cbc:TenderResultCode>${
              r.notAwardedReason
                ? `
            <efac:DecisionReason><efbc:DecisionReasonCode listName="non-award-justification">${r.notAwardedReason}</efbc:DecisionReasonCode></efac:DecisionReason>`
                : ""
            }${r.tenders.map((t) => `\n            ${idRef("efac:LotTender", "tender", t.id)}`).join("")}${[
              ...(r.tendersReceived === null ? [] : [{ kind: "tenders", count: r.tendersReceived }]),
              ...r.submissions,
            ]
              .map(
                (s) => `
            <efac:ReceivedSubmissionsStatistics><efbc:StatisticsCode listName="received-submission-type">${s.kind}</efbc:StatisticsCode><efbc:StatisticsNumeric>${s.count}</efbc:StatisticsNumeric></efac:ReceivedSubmissionsStatistics>`,
              )
              .join(
                "",
              )}${r.contracts.map((c) => `\n            ${idRef("efac:SettledContract", "contract", c.id)}`).join("")}
            ${idRef("efac:TenderLot", "Lot", r.lotId)}
          </efac:LotResult>`;

const tenderXml = (t: TruthTender): string => `
          <efac:LotTender>
            <cbc:ID schemeName="tender">${t.id}</cbc:ID>
            <cbc:RankCode>1</cbc:RankCode>
            <cac:LegalMonetaryTotal>${amountXml("cbc:PayableAmount", t.value)}</cac:LegalMonetaryTotal>
            ${idRef("efac:TenderingParty", "tendering-party", t.partyId)}
            ${idRef("efac:TenderLot", "Lot", t.lotId)}
          </efac:LotTender>`;

export const noticeResultXml = (results: {
  totalValue: TruthTender["value"] | null;
  lots: readonly TruthLotResult[];
}): string => {
  const tenders = results.lots.flatMap((r) => r.tenders);
  const contracts = results.lots.flatMap((r) => r.contracts);
  return `
        <efac:NoticeResult>${results.totalValue ? `\n          ${amountXml("cbc:TotalAmount", results.totalValue)}` : ""}${results.lots
          .map(lotResultXml)
          .join("")}${tenders.map(tenderXml).join("")}${contracts
          .map(
            (c) => `
          <efac:SettledContract>
            <cbc:ID schemeName="contract">${c.id}</cbc:ID>
            ${dateXml("cbc:IssueDate", c.concludedOn)}
            <efac:ContractReference><cbc:ID>${esc(c.reference)}</cbc:ID></efac:ContractReference>
            ${c.tenderIds.map((id) => idRef("efac:LotTender", "tender", id)).join("")}
          </efac:SettledContract>`,
          )
          .join("")}${tenders
          .map(
            (t) => `
          <efac:TenderingParty>
            <cbc:ID schemeName="tendering-party">${t.partyId}</cbc:ID>
            <efac:Tenderer><cbc:ID schemeName="organization">${t.tendererRef}</cbc:ID><efbc:GroupLeadIndicator>true</efbc:GroupLeadIndicator></efac:Tenderer>
          </efac:TenderingParty>`,
          )
          .join("")}
        </efac:NoticeResult>`;
};
