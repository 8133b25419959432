import type { Money } from "../domain/notice";
import type { EformsLot, EformsPlace } from "./model";
import { reviewBodyRefsOf } from "./organisations";
import { dateOf, instantOf, moneyOf, numberOf, type ReadContext } from "./values";
import { all, at, attr, coded, extension, kids, localized, text, textAt, type XmlNode } from "./xml-tree";

/**
 * `cac:ProcurementProject` reads the same at procedure and lot level (BT-21, BT-24, BT-262, BT-27 …);
 * `projectOf` reads it once for both. The rest of this module maps `cac:ProcurementProjectLot`.
 */

export type ProjectFields = {
  title: string | null;
  description: string | null;
  internalId: string | null;
  contractNature: string | null;
  mainCpv: string | null;
  additionalCpv: string[];
  placesOfPerformance: EformsPlace[];
  estimatedValue: Money | null;
  frameworkMaximumValue: Money | null;
};

const placeOf = (location: XmlNode): EformsPlace => {
  const address = at(location, "Address");
  return {
    street: textAt(address, "StreetName"),
    city: textAt(address, "CityName"),
    postalCode: textAt(address, "PostalZone"),
    nuts: textAt(address, "CountrySubentityCode"),
    country: textAt(address, "Country", "IdentificationCode"),
    otherPlace: textAt(address, "Region"),
    description: textAt(location, "Description"),
  };
};

const isEmptyPlace = (p: EformsPlace): boolean => Object.values(p).every((v) => v === null);

export const projectOf = (project: XmlNode | null, ctx: ReadContext, where: string): ProjectFields => {
  const total = at(project, "RequestedTenderTotal");
  return {
    title: localized(kids(project, "Name"), ctx.language),
    description: localized(kids(project, "Description"), ctx.language),
    internalId: textAt(project, "ID"),
    contractNature: textAt(project, "ProcurementTypeCode"),
    mainCpv: textAt(project, "MainCommodityClassification", "ItemClassificationCode"),
    additionalCpv: all(project, "AdditionalCommodityClassification", "ItemClassificationCode")
      .map(text)
      .filter((c): c is string => c !== null),
    placesOfPerformance: kids(project, "RealizedLocation")
      .map(placeOf)
      .filter((p) => !isEmptyPlace(p)),
    estimatedValue: moneyOf(at(total, "EstimatedOverallContractAmount"), ctx, `${where} estimated value`),
    frameworkMaximumValue: moneyOf(
      at(extension(total), "FrameworkMaximumAmount"),
      ctx,
      `${where} framework maximum value`,
    ),
  };
};

/** A contracting-system code, with `none` (the eForms way of saying "no") as null. */
const systemCode = (process: XmlNode | null, listName: string): string | null => {
  const code = text(coded(process, listName, "ContractingSystem", "ContractingSystemTypeCode"));
  return code === "none" ? null : code;
};

const awardCriteriaOf = (
  terms: XmlNode | null,
  ctx: ReadContext,
  lotId: string,
): EformsLot["awardCriteria"] =>
  all(terms, "AwardingTerms", "AwardingCriterion", "SubordinateAwardingCriterion").map((criterion) => {
    const parameters = all(extension(criterion), "AwardCriterionParameter");
    const weight =
      parameters.find((p) => attr(at(p, "ParameterCode"), "listName") === "number-weight") ??
      parameters[0] ??
      null;
    const weightValue = numberOf(at(weight, "ParameterNumeric"), ctx, `${lotId} award criterion weight`);
    return {
      type: textAt(criterion, "AwardingCriterionTypeCode"),
      name: localized(kids(criterion, "Name"), ctx.language),
      description: localized(kids(criterion, "Description"), ctx.language),
      weight: weightValue === null ? null : { value: weightValue, kind: textAt(weight, "ParameterCode") },
    };
  });

/** The end of a `cac:…Period` (BT-131, BT-1311) as an instant; a date without time ends the day. */
const deadlineOf = (process: XmlNode | null, period: string, ctx: ReadContext, what: string): string | null =>
  instantOf(at(process, period, "EndDate"), at(process, period, "EndTime"), ctx, what, "end");

const lotOf = (lot: XmlNode, ctx: ReadContext): EformsLot | null => {
  const idNode = at(lot, "ID");
  const id = text(idNode);
  if (!id) return null;
  const project = at(lot, "ProcurementProject");
  const process = at(lot, "TenderingProcess");
  const terms = at(lot, "TenderingTerms");
  const period = at(project, "PlannedPeriod");
  const lengthNode = at(period, "DurationMeasure");
  const length = numberOf(lengthNode, ctx, `${id} duration`);
  const extensionNode = at(project, "ContractExtension");
  const maxRenewals = numberOf(at(extensionNode, "MaximumNumberNumeric"), ctx, `${id} renewals`);
  const renewalText = localized(all(extensionNode, "Renewal", "Period", "Description"), ctx.language);
  return {
    id,
    kind: attr(idNode, "schemeName") === "Part" ? "part" : "lot",
    ...projectOf(project, ctx, id),
    duration: {
      start: dateOf(at(period, "StartDate"), ctx, `${id} start date`),
      end: dateOf(at(period, "EndDate"), ctx, `${id} end date`),
      length: length === null ? null : { amount: length, unit: attr(lengthNode, "unitCode") ?? "UNKNOWN" },
      other: textAt(period, "DescriptionCode"),
    },
    submissionDeadline: deadlineOf(
      process,
      "TenderSubmissionDeadlinePeriod",
      ctx,
      `${id} submission deadline`,
    ),
    participationDeadline: deadlineOf(
      process,
      "ParticipationRequestReceptionPeriod",
      ctx,
      `${id} participation deadline`,
    ),
    awardCriteria: awardCriteriaOf(terms, ctx, id),
    options: localized(kids(extensionNode, "OptionsDescription"), ctx.language),
    renewals:
      maxRenewals === null && renewalText === null
        ? null
        : { maximum: maxRenewals, description: renewalText },
    frameworkAgreement: systemCode(process, "framework-agreement"),
    dynamicPurchasingSystem: systemCode(process, "dps-usage"),
    reviewBodyRefs: reviewBodyRefsOf(lot),
  };
};

/** Every `cac:ProcurementProjectLot` (lots, or the parts of a PIN-only notice), in document order. */
export const lotsOf = (root: XmlNode, ctx: ReadContext): EformsLot[] =>
  kids(root, "ProcurementProjectLot")
    .map((lot) => lotOf(lot, ctx))
    .filter((lot): lot is EformsLot => lot !== null);
