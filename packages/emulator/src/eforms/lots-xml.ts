/** The procedure's `cac:ProcurementProject` and one `cac:ProcurementProjectLot` per lot (BT-137 …). */
import type { Money } from "../model";
import type { ContractTruth, TruthLot, TruthPlace } from "./truth-types";
import { amountXml, dateXml, esc, extensionXml, nameXml, timeXml } from "./xml-text";

const cpvXml = (main: string | null, additional: readonly string[], indent: string): string =>
  [
    ...(main
      ? [
          `${indent}<cac:MainCommodityClassification><cbc:ItemClassificationCode listName="cpv">${main}</cbc:ItemClassificationCode></cac:MainCommodityClassification>`,
        ]
      : []),
    ...additional.map(
      (c) =>
        `${indent}<cac:AdditionalCommodityClassification><cbc:ItemClassificationCode listName="cpv">${c}</cbc:ItemClassificationCode></cac:AdditionalCommodityClassification>`,
    ),
  ].join("\n");

const placeXml = (p: TruthPlace, indent: string): string =>
  `${indent}<cac:RealizedLocation><cac:Address>${
    p.otherPlace ? `<cbc:Region>${esc(p.otherPlace)}</cbc:Region>` : ""
  }${p.nuts ? `<cbc:CountrySubentityCode listName="nuts">${esc(p.nuts)}</cbc:CountrySubentityCode>` : ""}${
    p.country
      ? `<cac:Country><cbc:IdentificationCode listName="country">${p.country}</cbc:IdentificationCode></cac:Country>`
      : ""
  }</cac:Address></cac:RealizedLocation>`;

const totalXml = (estimate: Money | null, maximum: Money | null, indent: string): string =>
  estimate || maximum
    ? `\n${indent}<cac:RequestedTenderTotal>${
        maximum ? extensionXml(amountXml("efbc:FrameworkMaximumAmount", maximum), "") : ""
      }${amountXml("cbc:EstimatedOverallContractAmount", estimate)}</cac:RequestedTenderTotal>`
    : "";

export const procedureProjectXml = (t: ContractTruth, internalId: string): string => `
  <cac:ProcurementProject>
    <cbc:ID>${esc(internalId)}</cbc:ID>
    ${nameXml("cbc:Name", t.procedure.title)}
    ${nameXml("cbc:Description", t.procedure.description)}
    <cbc:ProcurementTypeCode listName="contract-nature">${t.procedure.contractNature}</cbc:ProcurementTypeCode>${totalXml(t.procedure.estimatedValue, null, "    ")}
${cpvXml(t.procedure.mainCpv, t.procedure.additionalCpv, "    ")}
${[...new Set(t.lots.flatMap((l) => l.places).map((p) => JSON.stringify(p)))].map((p) => placeXml(JSON.parse(p) as TruthPlace, "    ")).join("\n")}
  </cac:ProcurementProject>`;

const systemXml = (listName: string, code: string | null): string =>
  `<cac:ContractingSystem><cbc:ContractingSystemTypeCode listName="${listName}">${code ?? "none"}</cbc:ContractingSystemTypeCode></cac:ContractingSystem>`;

const lotXml = (lot: TruthLot, contractNature: string): string => `
  <cac:ProcurementProjectLot>
    <cbc:ID schemeName="Lot">${lot.id}</cbc:ID>
    <cac:TenderingProcess>
      ${systemXml("framework-agreement", lot.frameworkAgreement)}
      ${systemXml("dps-usage", lot.dynamicPurchasingSystem)}${
        lot.submissionDeadline
          ? `
      <cac:TenderSubmissionDeadlinePeriod>${dateXml("cbc:EndDate", lot.submissionDeadline)}${timeXml("cbc:EndTime", lot.submissionDeadline)}</cac:TenderSubmissionDeadlinePeriod>`
          : ""
      }
    </cac:TenderingProcess>
    <cac:ProcurementProject>
      <cbc:ID>${lot.id}</cbc:ID>
      ${nameXml("cbc:Name", lot.title)}
      ${nameXml("cbc:Description", lot.description)}
      <cbc:ProcurementTypeCode listName="contract-nature">${contractNature}</cbc:ProcurementTypeCode>${totalXml(lot.estimatedValue, lot.frameworkMaximumValue, "      ")}
${cpvXml(lot.mainCpv, lot.additionalCpv, "      ")}
${lot.places.map((p) => placeXml(p, "      ")).join("\n")}
      <cac:PlannedPeriod><cbc:DurationMeasure unitCode="${lot.duration.unit}">${lot.duration.amount}</cbc:DurationMeasure></cac:PlannedPeriod>
    </cac:ProcurementProject>
  </cac:ProcurementProjectLot>`;

export const lotsXml = (t: ContractTruth): string =>
  t.lots.map((l) => lotXml(l, t.procedure.contractNature)).join("");
