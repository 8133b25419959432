import type { CpvTreeNode } from "../client/types";
import type { ChangeNoticeRef, EformSection, Notice, NoticeSummary, TimelineEntry } from "../domain/notice";
import { noticeUrl } from "../domain/vocabulary";
import type { PublicApiHit } from "../upstream/public-api";
import type {
  WebclientChangeNotice,
  WebclientCpvNode,
  WebclientEformNode,
  WebclientNoticeDetail,
  WebclientTimelineEntry,
} from "../upstream/webclient";
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
import { normalizePublicApiHit } from "./summary";

const cleanNode = (node: WebclientEformNode): EformSection | null => {
  const children = cleanEformTree(node.sections);
  let label = nonEmpty(node.label);
  let value = node.value == null ? null : nonEmpty(String(node.value));
  // `useLabelAsValue: true` marks a leaf whose label *is* the answer (e.g. "Direktiv 2014/24/EU").
  if (node.useLabelAsValue === true) {
    value = label ?? value;
    label = null;
  }
  if (label == null && value == null && children.length === 0) return null;
  return { key: node.title ?? "", sectionId: nonEmpty(node.sectionId), label, value, children };
};

/**
 * The detail's `eform` tree → clean `EformSection[]`: `useLabelAsValue` folded into `value`, null
 * `sections` → [], values as strings, and nodes with neither label, value nor children dropped.
 *
 * @example
 * cleanEformTree([{ title: "b", label: "Direktiv 2014/24/EU", useLabelAsValue: true, value: null, sections: null }]);
 * // [{ key: "b", sectionId: null, label: null, value: "Direktiv 2014/24/EU", children: [] }]
 */
export const cleanEformTree = (nodes: readonly WebclientEformNode[] | null | undefined): EformSection[] => {
  const out: EformSection[] = [];
  for (const node of nodes ?? []) {
    const clean = cleanNode(node);
    if (clean) out.push(clean);
  }
  return out;
};

const changeNoticeOf = (c: WebclientChangeNotice): ChangeNoticeRef => ({
  id: c.id,
  changedNoticeId: nonEmpty(c.changedNoticeId),
  issuedAt: toUtcTimestamp(c.issueDate),
  selected: c.selectedNotice === true,
  eFormId: nonEmpty(c.eformId),
});

const timelineEntryOf = (t: WebclientTimelineEntry): TimelineEntry => ({
  id: t.id,
  allTypes: cleanList(t.allType ?? t.allTypes),
  publishedOn: toDateOnly(t.publicationDate),
  selected: t.selectedNotice === true,
});

/**
 * A web client notice detail (`GET notices-api/notices/{id}`) → `Notice`. `cpv.all` is `allCpvCodes`
 * (direct ∪ parents) and becomes `cpvCodes`; `buyer[].id` is the org number in this shape.
 *
 * @example
 * const notice = normalizeWebclientDetail(WebclientNoticeDetail.parse(json));
 * notice.changeNotices.map((c) => c.id); // ["2026-107918", "2026-105551"]
 */
export const normalizeWebclientDetail = (d: WebclientNoticeDetail): Notice => {
  const allTypes = cleanList(d.allTypes);
  const direct = cleanList(d.directCpvCodes);
  const all = d.allCpvCodes?.length
    ? cleanList(d.allCpvCodes)
    : cleanList([...direct, ...(d.parentCpvCodes ?? [])]);
  const known = d.allCpvCodes != null || d.directCpvCodes != null || d.parentCpvCodes != null;
  return {
    id: d.id,
    url: noticeUrl(d.id),
    heading: d.heading ?? "",
    description: d.description ?? "",
    type: concreteType(d.noticeType ?? d.type, allTypes),
    allTypes,
    status: nonEmpty(d.noticeStatus ?? d.status),
    buyers: normalizeOrganizations(d.buyer, { idIsOrgNumber: true }),
    locations: cleanList(d.locationId),
    placeOfPerformance: cleanList(d.placeOfPerformance),
    issuedAt: toUtcTimestamp(d.issueDate),
    publishedOn: toDateOnly(d.publicationDate),
    deadline: toUtcTimestamp(d.deadline),
    estimatedValue: normalizeMoney(d.core?.estimatedValue ?? d.estimatedValue),
    cpvCodes: known ? all : null,
    sentToTed: d.sentToTed ?? null,
    lots: [],
    strategicLabels: cleanList(d.procurementStrategicLabels),
    receivedTenders: receivedTendersOf(null, d.allReceivedTenders),
    procedureId: nonEmpty(d.procedureId),
    eFormId: nonEmpty(d.eFormId),
    cpv: { direct, all },
    competitionDocsUrl: nonEmpty(d.competitionDocsUrl),
    awardedNames: cleanList(d.awardedNames),
    changeNotices: (d.changeNotices ?? []).map(changeNoticeOf),
    timeline: (d.procurementTimeline ?? []).map(timelineEntryOf),
    tedId: nonEmpty(d.tedId),
    regulationUrl: nonEmpty(d.regulationUrl),
    mainActivity: nonEmpty(d.core?.mainActivity),
    sections: cleanEformTree(d.eform),
  };
};

/**
 * A Public API hit → `Notice`, for sources without a detail endpoint. What a hit does not say is empty:
 * no eForm `sections`, no change chain or timeline, `cpv.direct` [] (hits only carry the ancestor-expanded
 * list, which becomes `cpv.all`); `awardedNames` are the lot winners' names.
 *
 * @example noticeFromPublicApiHit(PublicApiHit.parse(json)).sections; // []
 */
export const noticeFromPublicApiHit = (hit: PublicApiHit): Notice => {
  const summary = normalizePublicApiHit(hit);
  return noticeFromSummary(summary, {
    awardedNames: cleanList(summary.lots.flatMap((lot) => lot.winners.map((w) => w.name))),
  });
};

/**
 * A `NoticeSummary` widened to a `Notice` whose detail-only fields are empty (null, [] and `cpv.all` =
 * the summary's `cpvCodes`), with `detail` laid over them. What a search hit alone can say about a notice;
 * also the one place test stand-ins build a `Notice` from a summary.
 *
 * @example
 * const notice = noticeFromSummary(normalizePublicApiHit(hit), { procedureId: "proc-1" });
 * notice.sections; // []
 */
export const noticeFromSummary = (
  summary: NoticeSummary,
  detail: Partial<Omit<Notice, keyof NoticeSummary>> = {},
): Notice => ({
  ...summary,
  procedureId: null,
  eFormId: null,
  cpv: { direct: [], all: summary.cpvCodes ?? [] },
  competitionDocsUrl: null,
  awardedNames: [],
  changeNotices: [],
  timeline: [],
  tedId: null,
  regulationUrl: null,
  mainActivity: null,
  sections: [],
  ...detail,
});

const cpvNodeOf = (node: WebclientCpvNode): CpvTreeNode => ({
  id: node.id,
  label: node.label ?? "",
  children: (node.children ?? []).map(cpvNodeOf),
});

/**
 * The web client CPV tree → `CpvTreeNode[]` (labels never null, children never null).
 *
 * @example normalizeCpvTree([{ id: "03000000", label: "Landbruk", children: null }]); // [{ id: "03000000", label: "Landbruk", children: [] }]
 */
export const normalizeCpvTree = (nodes: readonly WebclientCpvNode[]): CpvTreeNode[] => nodes.map(cpvNodeOf);
