import {
  type AlertChangeInput,
  type CanonicalSnapshot,
  type ChangeKind,
  type JobSummary,
  NAV_AD_PAGE_BASE,
  type NoticeSummary,
  noticeUrl,
  ocdsTagsOf,
  resolveMunicipality,
} from "@doffin/core";
import type { EventToWrite } from "../db/notices";
import type { JobEventDraft, JobRow } from "../nav/apply";

/**
 * What the matcher needs of a written notice or job: the summary core's predicate reads and the
 * tracker's change events as alert changes. Built from what the write already holds (no upstream call).
 */

/**
 * The notice kinds that are news for someone who follows a match (the list: deadline, status,
 * value, correction, award with winner and value, cancellation; and withdrawal). Text edits and the
 * catch-all `updated` are not: they would make every matched notice chatty.
 */
export const TRACKED_NOTICE_KINDS: ReadonlySet<ChangeKind> = new Set([
  "deadline_changed",
  "status_changed",
  "value_changed",
  "corrected",
  "awarded",
  "cancelled",
  "withdrawn",
]);

/**
 * A search hit's summary of the notice (when the write carries one), else one rebuilt from the stored
 * snapshot. CPV codes: the hit's (Public API hits carry them) or the snapshot's detail (web client).
 */
export function noticeSummaryOf(snapshot: CanonicalSnapshot, hit?: NoticeSummary): NoticeSummary {
  const cpvCodes = hit?.cpvCodes ?? snapshot.detail?.cpvCodes ?? null;
  if (hit) return { ...hit, cpvCodes };
  return {
    id: snapshot.id,
    url: noticeUrl(snapshot.id),
    heading: snapshot.heading,
    description: snapshot.description,
    type: snapshot.type,
    allTypes: snapshot.allTypes,
    status: snapshot.status,
    buyers: snapshot.buyers.map((b) => ({ name: b.name, orgNumber: b.orgNumber, rawOrganizationId: null })),
    locations: snapshot.locations,
    placeOfPerformance: [],
    issuedAt: null,
    publishedOn: snapshot.publishedOn,
    deadline: snapshot.deadline,
    estimatedValue: snapshot.estimatedValue,
    cpvCodes,
    sentToTed: null,
    lots: [],
    strategicLabels: [],
    receivedTenders: null,
  };
}

/** A tracker event as an alert change, with the OCDS tag of its kind on this notice's type. */
export const noticeChange = (e: EventToWrite, type: string, detectedAt: string): AlertChangeInput => ({
  id: e.id,
  kind: e.kind,
  detectedAt,
  changes: e.changes,
  ocds: { tags: ocdsTagsOf(e.kind, type) },
});

/**
 * A job as far as the feed line shows it: title, employer, municipality (and its county, looked up in
 * core's NAV code list). Occupation, sector, extent, engagement type, remote and dates are not on a
 * feed line, so they are null here: a jobs search filtering on them does not match feed changes (see
 * the tracker README, "Saved searches and alerts").
 */
export function jobSummaryOf(row: JobRow): JobSummary {
  const county = row.municipality ? (resolveMunicipality(row.municipality)?.county ?? null) : null;
  return {
    uuid: row.uuid,
    title: row.title ?? "",
    jobTitle: null,
    employer: { name: row.employerName ?? "", orgNumber: null, homepage: null },
    locations: row.municipality
      ? [
          {
            country: "NORGE",
            county,
            municipality: row.municipality,
            city: null,
            postalCode: null,
            address: null,
          },
        ]
      : [],
    occupations: [],
    sector: null,
    extent: null,
    engagementType: null,
    remote: null,
    published: row.firstSeenAt,
    expires: null,
    applicationDue: null,
    applicationDueDate: null,
    source: null,
    link: `${NAV_AD_PAGE_BASE}${encodeURIComponent(row.uuid)}`,
  };
}

/** A job event is news unless NAV only rewrote the line (the `modified` stamp is all that changed). */
export const isTrackedJobEvent = (e: JobEventDraft): boolean =>
  e.kind !== "created" && !(e.kind === "updated" && e.changes.every((c) => c.field === "modified"));

export const jobChange = (uuid: string, e: JobEventDraft, detectedAt: string): AlertChangeInput => ({
  id: `${uuid}|${e.dedupeKey}`,
  kind: e.kind,
  detectedAt,
  changes: e.changes,
});
