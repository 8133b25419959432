import { NOTICE_ID_PATTERN } from "../domain/vocabulary";
import { EformsParseError } from "../errors";
import { guardEformsXml } from "./guard";
import { lotsOf, projectOf } from "./lots";
import type {
  EformsChanges,
  EformsCustomization,
  EformsNotice,
  EformsOrganisation,
  EformsProcedure,
} from "./model";
import { buyersOf, indexOrganisations, type OrganisationIndex, resolveOrganisation } from "./organisations";
import { resultsOf } from "./results";
import { booleanOf, instantOf, numberOf, type ReadContext } from "./values";
import {
  all,
  at,
  attr,
  coded,
  extension,
  kids,
  localized,
  parseXmlTree,
  text,
  textAt,
  type XmlNode,
} from "./xml-tree";

/**
 * The UBL document types eForms notices are written in (the root element's local name).
 *
 * @example EFORMS_DOCUMENT_TYPES.includes("ContractNotice") // true
 */
export const EFORMS_DOCUMENT_TYPES = [
  "ContractNotice",
  "ContractAwardNotice",
  "PriorInformationNotice",
  "BusinessRegistrationInformationNotice",
] as const;
const DOCUMENT_TYPES: ReadonlySet<string> = new Set(EFORMS_DOCUMENT_TYPES);

const localName = (qualified: string): string => qualified.slice(qualified.indexOf(":") + 1);

/**
 * `cbc:CustomizationID` → SDK version and Doffin's regime flags.
 *
 * @example parseCustomization("eforms-sdk-1.13#extended#urn:fdc:anskaffelser.no:2023:eforms:eu")
 * // { raw: "…", sdkVersion: "1.13", extended: true, eu: true, national: false }
 */
export const parseCustomization = (raw: string | null): EformsCustomization => ({
  raw,
  sdkVersion: raw ? (/eforms-sdk-(\d+\.\d+(?:\.\d+)?)/.exec(raw)?.[1] ?? null) : null,
  extended: raw ? /#extended(#|$)/.test(raw) : false,
  eu: raw ? /:eforms:eu(#|$)/.test(raw) : false,
  national: raw ? /:eforms:national(#|$)/.test(raw) : false,
});

const procedureOf = (root: XmlNode, ctx: ReadContext, lots: EformsNotice["lots"]): EformsProcedure => {
  const process = at(root, "TenderingProcess");
  const terms = at(root, "TenderingTerms");
  const presentation = text(coded(process, "tenderlot-presentation", "PartPresentationCode"));
  // BT-31/BT-33 belong to the procedure's terms; some Doffin notices (2024-100506) put them in the lot's.
  const distribution =
    at(terms, "LotDistribution") ??
    at(kids(root, "ProcurementProjectLot")[0], "TenderingTerms", "LotDistribution");
  return {
    ...projectOf(at(root, "ProcurementProject"), ctx, "procedure"),
    type: textAt(process, "ProcedureCode"),
    features: localized(kids(process, "Description"), ctx.language),
    legalBasis: {
      celex: textAt(root, "RegulatoryDomain"),
      local: all(terms, "ProcurementLegislationDocumentReference", "ID")
        .map(text)
        .filter((id): id is string => id !== null && id !== "LocalLegalBasis"),
    },
    accelerated: booleanOf(
      text(coded(process, "accelerated-procedure", "ProcessJustification", "ProcessReasonCode")),
    ),
    frameworkAgreement: lots.some((l) => l.frameworkAgreement !== null),
    dynamicPurchasingSystem: lots.some((l) => l.dynamicPurchasingSystem !== null),
    lotsMaxPerTenderer: numberOf(at(distribution, "MaximumLotsSubmittedNumeric"), ctx, "BT-31"),
    lotsMaxAwarded: numberOf(at(distribution, "MaximumLotsAwardedNumeric"), ctx, "BT-33"),
    allLotsRequired: presentation === null ? null : presentation === "all",
  };
};

const changesOf = (root: XmlNode, ctx: ReadContext): EformsChanges | null => {
  const changes = at(extension(root), "Changes");
  if (!changes) return null;
  const reason = at(changes, "ChangeReason");
  return {
    changedNoticeId: textAt(changes, "ChangedNoticeIdentifier"),
    reasonCode: textAt(reason, "ReasonCode"),
    description:
      localized(kids(reason, "ReasonDescription"), ctx.language) ??
      localized(all(changes, "Change", "ChangeDescription"), ctx.language),
    sections: all(changes, "Change", "ChangedSection", "ChangedSectionIdentifier")
      .map(text)
      .filter((s): s is string => s !== null),
  };
};

const reviewBodiesOf = (
  lots: EformsNotice["lots"],
  orgs: OrganisationIndex,
  ctx: ReadContext,
): EformsOrganisation[] => {
  const refs = [...new Set(lots.flatMap((l) => l.reviewBodyRefs))];
  return refs.map((ref) => resolveOrganisation(orgs, ref, ctx, "a review body"));
};

const doffinIdOf = (given: string | undefined, ...candidates: (string | null)[]): string | null =>
  given ?? candidates.find((c): c is string => c !== null && NOTICE_ID_PATTERN.test(c)) ?? null;

/**
 * Parses one eForms notice (the body of `GET /public/v2/download/{id}`) into {@link EformsNotice}.
 * Pure and runtime-agnostic. Tolerant of what is missing or unknown (→ null / [] / `warnings`), strict
 * about what is not a notice or is unsafe: throws {@link EformsParseError} for non-XML, > 5 MB, any
 * DTD or entity declaration, nesting deeper than 200, truncated or unbalanced markup, or a root element
 * that is not an eForms document type.
 *
 * @example
 * const notice = parseEformsNotice(xml, { doffinId: "2022-319091" });
 * notice.results?.lots[0]?.winners[0]?.orgNumber; // "884039312"
 */
export const parseEformsNotice = (xml: string, options: { doffinId?: string } = {}): EformsNotice => {
  const { rootName } = guardEformsXml(xml);
  const documentType = localName(rootName);
  if (!DOCUMENT_TYPES.has(documentType)) {
    throw new EformsParseError("wrong_root", `<${rootName}> is not an eForms notice`, `/${rootName}`);
  }
  const tree = parseXmlTree(xml);
  if (!tree) throw new EformsParseError("malformed", "the XML parser found no root element", null);
  const root = tree.node;
  const language = textAt(root, "NoticeLanguageCode");
  const ctx: ReadContext = { language, warnings: [] };
  const noticeType = at(root, "NoticeTypeCode");
  const noticeId = textAt(root, "ID");
  const procedureId = textAt(root, "ContractFolderID");
  const orgs = indexOrganisations(root, ctx);
  const lots = lotsOf(root, ctx);
  return {
    doffinId: doffinIdOf(options.doffinId, noticeId, procedureId),
    noticeId,
    noticeVersion: textAt(root, "VersionID"),
    procedureId,
    documentType,
    formType: attr(noticeType, "listName"),
    noticeType: text(noticeType),
    noticeSubtype: textAt(extension(root), "NoticeSubType", "SubTypeCode"),
    customization: parseCustomization(textAt(root, "CustomizationID")),
    regulatoryDomain: textAt(root, "RegulatoryDomain"),
    dispatchedAt: instantOf(at(root, "IssueDate"), at(root, "IssueTime"), ctx, "dispatch date"),
    language,
    additionalLanguages: all(root, "AdditionalNoticeLanguage", "ID")
      .map(text)
      .filter((l): l is string => l !== null),
    procedure: procedureOf(root, ctx, lots),
    organisations: {
      buyers: buyersOf(root, orgs, ctx),
      reviewBodies: reviewBodiesOf(lots, orgs, ctx),
      all: [...orgs.list],
    },
    lots,
    results: resultsOf(root, orgs, ctx),
    changes: changesOf(root, ctx),
    warnings: ctx.warnings,
  };
};
