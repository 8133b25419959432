import type { Money } from "../domain/notice";
import type { EformsLot, EformsNotice, EformsPlace } from "../eforms/model";
import { dayToDateTime, type Loose } from "./compact";
import {
  CONTRACT_NATURE_CATEGORY,
  DPS_TYPE,
  DURATION_DAYS,
  FRAMEWORK_METHOD,
  PROCEDURE_METHOD,
} from "./eforms-tables";

export const moneyOf = (m: Money | null): Loose =>
  m ? { amount: m.amount, currency: m.currency } : undefined;

const category = (nature: string | null): string | undefined =>
  nature ? CONTRACT_NATURE_CATEGORY[nature] : undefined;

const addressOf = (p: EformsPlace): Loose => ({
  streetAddress: p.street ?? undefined,
  locality: p.city ?? undefined,
  postalCode: p.postalCode ?? undefined,
  region: p.nuts ?? undefined,
  countryName: p.country ?? undefined,
});

const locationOf = (p: EformsPlace): Loose =>
  p.otherPlace || p.description ? { description: p.description ?? p.otherPlace ?? undefined } : undefined;

/** The item of a lot (the profile's "one item per lot"), or of the procedure (`id` `"PROCEDURE"`). */
const itemOf = (
  id: string,
  main: string | null,
  additional: string[],
  places: EformsPlace[],
  relatedLot?: string,
): Loose =>
  main || additional.length
    ? {
        id,
        classification: main ? { scheme: "CPV", id: main } : undefined,
        additionalClassifications: additional.map((code) => ({ scheme: "CPV", id: code })),
        deliveryAddresses: places.map(addressOf),
        deliveryLocations: places.map(locationOf),
        relatedLot,
      }
    : undefined;

const durationInDays = (lot: EformsLot): number | undefined => {
  const length = lot.duration.length;
  const perUnit = length ? DURATION_DAYS[length.unit] : undefined;
  return length && perUnit ? Math.round(length.amount * perUnit) : undefined;
};

const techniquesOf = (lot: EformsLot): Loose => ({
  hasFrameworkAgreement: lot.frameworkAgreement ? true : undefined,
  frameworkAgreement:
    lot.frameworkAgreement || lot.frameworkMaximumValue
      ? {
          method: lot.frameworkAgreement ? FRAMEWORK_METHOD[lot.frameworkAgreement] : undefined,
          value: moneyOf(lot.frameworkMaximumValue),
        }
      : undefined,
  hasDynamicPurchasingSystem: lot.dynamicPurchasingSystem ? true : undefined,
  dynamicPurchasingSystem: lot.dynamicPurchasingSystem
    ? { type: DPS_TYPE[lot.dynamicPurchasingSystem] }
    : undefined,
});

/** BT-131 tenders due, else BT-1311 requests to participate (the profile maps both to `tenderPeriod.endDate`). */
const deadlineOf = (lot: EformsLot): string | undefined =>
  lot.submissionDeadline ?? lot.participationDeadline ?? undefined;

const lotOf = (lot: EformsLot): Loose => ({
  id: lot.id,
  title: lot.title ?? undefined,
  description: lot.description ?? undefined,
  identifiers: lot.internalId ? [{ id: lot.internalId, scheme: "internal" }] : undefined,
  mainProcurementCategory: category(lot.contractNature),
  value: moneyOf(lot.estimatedValue),
  contractPeriod: {
    startDate: dayToDateTime(lot.duration.start, false),
    endDate: dayToDateTime(lot.duration.end, true),
    durationInDays: durationInDays(lot),
  },
  tenderPeriod: { endDate: deadlineOf(lot) },
  techniques: techniquesOf(lot),
  awardCriteria: {
    criteria: lot.awardCriteria.map((c) => ({
      type: c.type ?? undefined,
      name: c.name ?? undefined,
      description: c.description ?? undefined,
    })),
  },
});

/**
 * `tender` of an eForms notice. `parts` restricts it to one part of a PIN-only notice (its own planning process:
 * the part's title, value and item, no lots). `tender.tenderPeriod.endDate` is the earliest lot deadline —
 * a gateway addition, eForms has no procedure-level deadline.
 */
export const mapTender = (notice: EformsNotice, tenderStatus: string | null, part?: EformsLot): Loose => {
  const p = notice.procedure;
  const lots = part ? [] : notice.lots.filter((l) => l.kind === "lot");
  const deadlines = lots
    .map(deadlineOf)
    .filter((d): d is string => !!d)
    .sort();
  const anyFramework = lots.some((l) => l.frameworkAgreement);
  const anyDps = lots.some((l) => l.dynamicPurchasingSystem);
  return {
    id: notice.procedureId ?? notice.noticeId ?? undefined,
    title: (part?.title ?? p.title) || undefined,
    description: (part?.description ?? p.description) || undefined,
    identifiers: p.internalId ? [{ id: p.internalId, scheme: "internal" }] : undefined,
    status: tenderStatus ?? undefined,
    procurementMethod: p.type ? PROCEDURE_METHOD[p.type] : undefined,
    procurementMethodDetails: p.features ?? undefined,
    mainProcurementCategory: category(part?.contractNature ?? p.contractNature),
    legalBasis: p.legalBasis.celex ? { scheme: "CELEX", id: p.legalBasis.celex } : undefined,
    procedure: p.accelerated !== null ? { isAccelerated: p.accelerated } : undefined,
    value: moneyOf(part ? part.estimatedValue : p.estimatedValue),
    techniques: {
      hasFrameworkAgreement: anyFramework || p.frameworkAgreement ? true : undefined,
      frameworkAgreement: p.frameworkMaximumValue ? { value: moneyOf(p.frameworkMaximumValue) } : undefined,
      hasDynamicPurchasingSystem: anyDps || p.dynamicPurchasingSystem ? true : undefined,
    },
    items: part
      ? [itemOf(part.id, part.mainCpv ?? p.mainCpv, part.additionalCpv, part.placesOfPerformance)]
      : [
          itemOf("PROCEDURE", p.mainCpv, p.additionalCpv, []),
          ...lots.map((l) => itemOf(l.id, l.mainCpv, l.additionalCpv, l.placesOfPerformance, l.id)),
        ],
    deliveryAddresses: part ? undefined : p.placesOfPerformance.map(addressOf),
    lots: lots.map(lotOf),
    lotDetails:
      p.lotsMaxPerTenderer !== null ? { maximumLotsBidPerSupplier: p.lotsMaxPerTenderer } : undefined,
    tenderPeriod: { endDate: deadlines[0] },
  };
};
