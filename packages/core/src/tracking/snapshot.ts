import { z } from "zod";
import type { Notice, NoticeSummary, Organization } from "../domain/notice";
import { canonicalJson, sha256Hex } from "../util/canonical";

/**
 * The canonical form of a notice the change tracker stores and diffs: only the tracked fields, arrays
 * sorted, strings trimmed, timestamps normalized. Two snapshots of an unchanged notice are deep-equal
 * and hash to the same value, whichever upstream or normalizer version produced them.
 *
 * Summary-level fields come from a search hit; `detail` holds the fields only the notice detail has.
 * `detail` is null when the tracker has seen only a search hit (backfill, or an unchanged summary);
 * diffs skip detail fields unless both sides have them, so learning the detail is never a "change".
 */
export const SnapshotBuyer = z.object({ name: z.string(), orgNumber: z.string().nullable() });
export type SnapshotBuyer = z.infer<typeof SnapshotBuyer>;

export const SnapshotLot = z.object({ heading: z.string().nullable(), winners: z.array(z.string()) });
export type SnapshotLot = z.infer<typeof SnapshotLot>;

export const SnapshotDetail = z.object({
  cpvCodes: z.array(z.string()),
  lots: z.array(SnapshotLot),
  awardedNames: z.array(z.string()),
  competitionDocsUrl: z.string().nullable(),
  /** Doffin ids of the other notices of the correction chain (`changeNotices`), sorted. */
  changeNotices: z.array(z.string()),
});
export type SnapshotDetail = z.infer<typeof SnapshotDetail>;

export const CanonicalSnapshot = z.object({
  /** Bumped when the canonical form changes, so old hashes are recognisably old. */
  v: z.literal(1),
  id: z.string(),
  heading: z.string(),
  description: z.string(),
  type: z.string(),
  allTypes: z.array(z.string()),
  status: z.string().nullable(),
  deadline: z.string().nullable(),
  estimatedValue: z.object({ amount: z.number(), currency: z.string() }).nullable(),
  buyers: z.array(SnapshotBuyer),
  locations: z.array(z.string()),
  publishedOn: z.string().nullable(),
  detail: SnapshotDetail.nullable(),
});
export type CanonicalSnapshot = z.infer<typeof CanonicalSnapshot>;

/** Fields compared by `diffSnapshots`, in the order changes are listed. Detail fields last. */
export const SUMMARY_FIELDS = [
  "heading",
  "description",
  "type",
  "allTypes",
  "status",
  "deadline",
  "estimatedValue",
  "buyers",
  "locations",
  "publishedOn",
] as const;
export const DETAIL_FIELDS = [
  "cpvCodes",
  "lots",
  "awardedNames",
  "competitionDocsUrl",
  "changeNotices",
] as const;
export const TRACKED_FIELDS = [...SUMMARY_FIELDS, ...DETAIL_FIELDS] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number];

const text = (s: string | null | undefined): string =>
  (s ?? "")
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+/g, " ")
    .trim();

const nullableText = (s: string | null | undefined): string | null => {
  const t = text(s);
  return t === "" ? null : t;
};

const sortedUnique = (xs: readonly string[]): string[] =>
  [...new Set(xs.map((x) => x.trim()).filter((x) => x !== ""))].sort();

/** RFC 3339 in, `YYYY-MM-DDTHH:MM:SSZ` out (UTC, no millis); unparsable values are kept as given. */
export function normalizeTimestamp(value: string | null | undefined): string | null {
  if (value == null || value.trim() === "") return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value.trim();
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const buyerKey = (b: SnapshotBuyer): string => `${b.orgNumber ?? ""}\u0000${b.name}`;

function canonicalBuyers(orgs: readonly Organization[]): SnapshotBuyer[] {
  const seen = new Map<string, SnapshotBuyer>();
  for (const o of orgs) {
    const b = { name: text(o.name), orgNumber: o.orgNumber ?? null };
    seen.set(buyerKey(b), b);
  }
  return [...seen.values()].sort((a, b) => (buyerKey(a) < buyerKey(b) ? -1 : 1));
}

function canonicalDetail(notice: Notice): SnapshotDetail {
  const lots = notice.lots
    .map((l) => ({ heading: nullableText(l.heading), winners: sortedUnique(l.winners.map((w) => w.name)) }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    cpvCodes: sortedUnique(notice.cpv.all.length > 0 ? notice.cpv.all : (notice.cpvCodes ?? [])),
    lots,
    awardedNames: sortedUnique(notice.awardedNames),
    competitionDocsUrl: nullableText(notice.competitionDocsUrl),
    changeNotices: sortedUnique(notice.changeNotices.map((c) => c.id).filter((id) => id !== notice.id)),
  };
}

/**
 * Builds the canonical snapshot of a notice. Summary-level fields are taken from `summary` (so a
 * summary-only snapshot and a full one agree on them); detail fields from `notice` when given.
 *
 * @example
 * const snap = canonicalSnapshot(hit);            // from a search hit only
 * const full = canonicalSnapshot(hit, await source.getNotice(hit.id));
 */
export function canonicalSnapshot(summary: NoticeSummary, notice?: Notice | null): CanonicalSnapshot {
  return {
    v: 1,
    id: summary.id,
    heading: text(summary.heading),
    description: text(summary.description),
    type: String(summary.type),
    allTypes: sortedUnique(summary.allTypes),
    status: summary.status == null ? null : String(summary.status),
    deadline: normalizeTimestamp(summary.deadline),
    estimatedValue: summary.estimatedValue
      ? { amount: summary.estimatedValue.amount, currency: summary.estimatedValue.currency.toUpperCase() }
      : null,
    buyers: canonicalBuyers(summary.buyers),
    locations: sortedUnique(summary.locations),
    publishedOn: summary.publishedOn ?? null,
    detail: notice ? canonicalDetail(notice) : null,
  };
}

/**
 * Stable content hash of a snapshot (SHA-256 of its key-sorted JSON).
 *
 * @example
 * const hash = await snapshotHash(canonicalSnapshot(hit)); // "9f86d0…" (64 hex chars)
 */
export function snapshotHash(snapshot: CanonicalSnapshot): Promise<string> {
  return sha256Hex(canonicalJson(snapshot));
}

/** The summary-level part of a snapshot (detail dropped): what a search hit alone can confirm. */
export const summaryPart = (snapshot: CanonicalSnapshot): CanonicalSnapshot => ({
  ...snapshot,
  detail: null,
});
