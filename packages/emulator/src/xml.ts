/**
 * A minimal but valid-looking eForms UBL 2.3 document for generated notices (`public.download`): the root
 * element and NoticeTypeCode follow the notice type (doffin-upstream.md §1.6, §3.2). Real captures are
 * served verbatim instead.
 */
import type { MasterNotice } from "./model";

const ROOT: Record<MasterNotice["type"], { root: string; listName: string; code: string; subtype: string }> =
  {
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

const esc = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export const noticeXml = (n: MasterNotice, changedNoticeId: string | null): string => {
  const t = ROOT[n.type];
  const orgs = n.buyers
    .map(
      (b, i) => `
          <efac:Organization><efac:Company>
            <cac:PartyIdentification><cbc:ID schemeName="organization">ORG-${String(i + 1).padStart(4, "0")}</cbc:ID></cac:PartyIdentification>
            <cac:PartyName><cbc:Name languageID="NOR">${esc(b.name)}</cbc:Name></cac:PartyName>
            <cac:PostalAddress><cbc:CountrySubentityCode listName="nuts">${esc(n.locationIds[0] ?? "NOZZZ")}</cbc:CountrySubentityCode><cac:Country><cbc:IdentificationCode listName="country">NOR</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
            <cac:PartyLegalEntity><cbc:CompanyID>${esc(b.organizationId ?? "")}</cbc:CompanyID></cac:PartyLegalEntity>
          </efac:Company></efac:Organization>`,
    )
    .join("");
  const changes = changedNoticeId
    ? `
        <efac:Changes><efbc:ChangedNoticeIdentifier>${changedNoticeId}</efbc:ChangedNoticeIdentifier><efac:ChangeReason><cbc:ReasonCode listName="change-corrig-justification">cor-buy</cbc:ReasonCode></efac:ChangeReason></efac:Changes>`
    : "";
  const value = n.estimatedValue
    ? `
    <cac:RequestedTenderTotal><cbc:EstimatedOverallContractAmount currencyID="${esc(n.estimatedValue.currencyCode)}">${n.estimatedValue.amount}</cbc:EstimatedOverallContractAmount></cac:RequestedTenderTotal>`
    : "";
  const cpv = n.cpvDirect
    .map(
      (c) =>
        `<cac:MainCommodityClassification><cbc:ItemClassificationCode listName="cpv">${c}</cbc:ItemClassificationCode></cac:MainCommodityClassification>`,
    )
    .join("");
  const [day, time] = [n.issueDate.slice(0, 10), n.issueDate.slice(11, 19)];
  return `<?xml version="1.0" encoding="UTF-8"?><${t.root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${t.root}-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2" xmlns:efac="http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1" xmlns:efbc="http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1" xmlns:efext="http://data.europa.eu/p27/eforms-ubl-extensions/1" xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2">
  <ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent><efext:EformsExtension>
        <efac:NoticeSubType><cbc:SubTypeCode listName="notice-subtype">${t.subtype}</cbc:SubTypeCode></efac:NoticeSubType>${changes}
        <efac:Organizations>${orgs}
        </efac:Organizations>
        <efac:Publication><efbc:NoticePublicationID schemeName="ojs-notice-id">${n.tedId ?? ""}</efbc:NoticePublicationID></efac:Publication>
  </efext:EformsExtension></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>
  <cbc:UBLVersionID>2.3</cbc:UBLVersionID>
  <cbc:CustomizationID>eforms-sdk-1.13#extended#urn:fdc:anskaffelser.no:2023:eforms:eu</cbc:CustomizationID>
  <cbc:ID schemeName="notice-id">${n.eFormId}</cbc:ID>
  <cbc:ContractFolderID>${n.procedureId}</cbc:ContractFolderID>
  <cbc:IssueDate>${day}Z</cbc:IssueDate>
  <cbc:IssueTime>${time}Z</cbc:IssueTime>
  <cbc:VersionID>01</cbc:VersionID>
  <cbc:RegulatoryDomain>32014L0024</cbc:RegulatoryDomain>
  <cbc:NoticeTypeCode listName="${t.listName}">${t.code}</cbc:NoticeTypeCode>
  <cbc:NoticeLanguageCode>NOR</cbc:NoticeLanguageCode>
  <cac:ContractingParty><cac:Party><cac:PartyIdentification><cbc:ID schemeName="organization">ORG-0001</cbc:ID></cac:PartyIdentification></cac:Party></cac:ContractingParty>
  <cac:ProcurementProject>
    <cbc:ID>${esc(n.id)}</cbc:ID>
    <cbc:Name languageID="NOR">${esc(n.heading)}</cbc:Name>
    <cbc:Description languageID="NOR">${esc(n.description)}</cbc:Description>
    <cbc:ProcurementTypeCode listName="contract-nature">${n.contractNature.toLowerCase()}</cbc:ProcurementTypeCode>${value}
    ${cpv}
  </cac:ProcurementProject>${
    n.deadline
      ? `
  <cac:TenderingProcess><cac:TenderSubmissionDeadlinePeriod><cbc:EndDate>${n.deadline.slice(0, 10)}Z</cbc:EndDate><cbc:EndTime>${n.deadline.slice(11, 19)}Z</cbc:EndTime></cac:TenderSubmissionDeadlinePeriod></cac:TenderingProcess>`
      : ""
  }
</${t.root}>
`;
};
