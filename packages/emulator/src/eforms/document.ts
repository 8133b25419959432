/**
 * An eForms UBL 2.3 document for a generated notice (`public.download`), written from its
 * {@link ContractTruth}: the root element per form, the root `efext:EformsExtension` (changes, results,
 * subtype, organisations, publication) and the procedure and lots, in the element order of the real
 * captures. Real captures are served verbatim instead (see fixtures).
 */
import { lotsXml, procedureProjectXml } from "./lots-xml";
import { contractingPartiesXml, organizationsXml } from "./organizations-xml";
import { noticeResultXml } from "./results-xml";
import type { ContractTruth } from "./truth-types";
import { dateXml, esc, extensionXml, nameXml, timeXml } from "./xml-text";

const NAMESPACES = [
  'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"',
  'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"',
  'xmlns:efac="http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1"',
  'xmlns:efbc="http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1"',
  'xmlns:efext="http://data.europa.eu/p27/eforms-ubl-extensions/1"',
  'xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"',
].join(" ");

export const customizationId = (t: ContractTruth): string =>
  `eforms-sdk-${t.sdkVersion}${t.extended ? "#extended" : ""}#urn:fdc:anskaffelser.no:2023:eforms:${t.national ? "national" : "eu"}`;

const changesXml = (changes: ContractTruth["changes"]): string =>
  changes
    ? `
        <efac:Changes>
          <efbc:ChangedNoticeIdentifier>${esc(changes.changedNoticeId)}</efbc:ChangedNoticeIdentifier>
          <efac:ChangeReason><cbc:ReasonCode listName="change-corrig-justification">${changes.reasonCode}</cbc:ReasonCode>${nameXml("efbc:ReasonDescription", changes.description)}</efac:ChangeReason>
        </efac:Changes>`
    : "";

/**
 * @example noticeXml(contractTruth(record), { doffinId: record.id, tedId: null }).startsWith("<?xml") // true
 */
export const noticeXml = (t: ContractTruth, meta: { doffinId: string; tedId: string | null }): string => {
  const root = t.documentType;
  const rootExtension = `${changesXml(t.changes)}${t.results ? noticeResultXml(t.results) : ""}
        <efac:NoticeSubType><cbc:SubTypeCode listName="notice-subtype">${t.noticeSubtype}</cbc:SubTypeCode></efac:NoticeSubType>${organizationsXml(t.organisations)}
        <efac:Publication><efbc:NoticePublicationID schemeName="ojs-notice-id">${esc(meta.tedId ?? "")}</efbc:NoticePublicationID></efac:Publication>
  `;
  return `<?xml version="1.0" encoding="UTF-8"?>
<${root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:${root}-2" ${NAMESPACES}>
${extensionXml(rootExtension, "  ")}
  <cbc:UBLVersionID>2.3</cbc:UBLVersionID>
  <cbc:CustomizationID>${customizationId(t)}</cbc:CustomizationID>
  <cbc:ID schemeName="notice-id">${t.noticeId}</cbc:ID>
  <cbc:ContractFolderID>${t.procedureId}</cbc:ContractFolderID>
  ${dateXml("cbc:IssueDate", t.dispatchedAt)}
  ${timeXml("cbc:IssueTime", t.dispatchedAt)}
  <cbc:VersionID>${t.noticeVersion}</cbc:VersionID>
  <cbc:RegulatoryDomain>32014L0024</cbc:RegulatoryDomain>
  <cbc:NoticeTypeCode listName="${t.formType}">${t.noticeType}</cbc:NoticeTypeCode>
  <cbc:NoticeLanguageCode>NOR</cbc:NoticeLanguageCode>${contractingPartiesXml(t.buyers)}
  <cac:TenderingProcess><cbc:ProcedureCode listName="procurement-procedure-type">${t.procedure.type}</cbc:ProcedureCode></cac:TenderingProcess>${procedureProjectXml(t, meta.doffinId)}${lotsXml(t)}
</${root}>
`;
};
