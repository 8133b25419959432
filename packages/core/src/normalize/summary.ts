import type { Lot, NoticeSummary } from "../domain/notice";
import { noticeUrl } from "../domain/vocabulary";
import type { PublicApiHit, PublicApiLot } from "../upstream/public-api";
import type { UpstreamHitBase } from "../upstream/shared";
import type { WebclientHit } from "../upstream/webclient";
import {
  cleanList,
  concreteType,
  nonEmpty,
  normalizeMoney,
  normalizeOrganizations,
  receivedTendersOf,
  toDateOnly,
  toUtcTimestamp,
} from "./primitives";

const summaryOf = (
  hit: UpstreamHitBase,
  extra: Pick<NoticeSummary, "placeOfPerformance" | "sentToTed" | "lots">,
): NoticeSummary => {
  const allTypes = cleanList(hit.allTypes);
  const cpvCodes = hit.cpvCodes ? cleanList(hit.cpvCodes) : null;
  return {
    id: hit.id,
    url: noticeUrl(hit.id),
    heading: hit.heading ?? "",
    description: hit.description ?? "",
    type: concreteType(hit.type, allTypes),
    allTypes,
    status: nonEmpty(hit.status),
    buyers: normalizeOrganizations(hit.buyer),
    locations: cleanList(hit.locationId),
    placeOfPerformance: extra.placeOfPerformance,
    issuedAt: toUtcTimestamp(hit.issueDate),
    publishedOn: toDateOnly(hit.publicationDate),
    deadline: toUtcTimestamp(hit.deadline),
    estimatedValue: normalizeMoney(hit.estimatedValue),
    cpvCodes,
    sentToTed: extra.sentToTed,
    lots: extra.lots,
    strategicLabels: cleanList(hit.procurementStrategicLabels),
    receivedTenders: receivedTendersOf(hit.receivedTenders, hit.allReceivedTenders),
  };
};

/**
 * A web client search hit → `NoticeSummary`. Web client hits carry no CPV codes (`cpvCodes` null unless
 * Doffin ever sends them) and no lots (`lots` []), but do carry `sentToTed` and `placeOfPerformance`.
 *
 * @example
 * const hit = WebclientHit.parse(json);
 * normalizeWebclientHit(hit).url; // "https://www.doffin.no/notices/2026-107921"
 */
export const normalizeWebclientHit = (hit: WebclientHit): NoticeSummary =>
  summaryOf(hit, {
    placeOfPerformance: cleanList(hit.placeOfPerformance),
    sentToTed: hit.sentToTed ?? null,
    lots: [],
  });

const lotOf = (lot: PublicApiLot): Lot => ({
  heading: nonEmpty(lot.heading),
  description: nonEmpty(lot.description),
  winners: normalizeOrganizations(lot.winner),
});

/**
 * A Public API search hit → `NoticeSummary`, with ancestor-expanded `cpvCodes` and `lots[].winners`.
 *
 * @example
 * const hit = PublicApiHit.parse(json);
 * normalizePublicApiHit(hit).lots[0]?.winners[0]?.orgNumber; // "890164072"
 */
export const normalizePublicApiHit = (hit: PublicApiHit): NoticeSummary =>
  summaryOf(hit, {
    placeOfPerformance: [],
    sentToTed: null,
    lots: (hit.lots ?? []).map(lotOf),
  });
