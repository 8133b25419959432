import { canonicalJson } from "../util/canonical";
import type { ChangeKind, FieldChange } from "./events";
import { type CanonicalSnapshot, DETAIL_FIELDS, SUMMARY_FIELDS, type TrackedField } from "./snapshot";

/**
 * Field-level diff of two canonical snapshots, in `TRACKED_FIELDS` order. Detail fields are compared
 * only when both snapshots carry the detail (a summary-only snapshot knows nothing about them).
 *
 * @example
 * diffSnapshots(before, after); // [{ field: "deadline", before: "2026-12-01T12:00:00Z", after: "2026-12-08T12:00:00Z" }]
 */
export function diffSnapshots(before: CanonicalSnapshot, after: CanonicalSnapshot): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of SUMMARY_FIELDS) {
    const a = before[field];
    const b = after[field];
    if (canonicalJson(a) !== canonicalJson(b)) changes.push({ field, before: a, after: b });
  }
  if (before.detail && after.detail) {
    for (const field of DETAIL_FIELDS) {
      const a = before.detail[field];
      const b = after.detail[field];
      if (canonicalJson(a) !== canonicalJson(b)) changes.push({ field, before: a, after: b });
    }
  }
  return changes;
}

/** One typed event derived from a diff (the tracker adds id, noticeId and detectedAt). */
export type ClassifiedEvent = {
  kind: ChangeKind;
  changes: FieldChange[];
  shiftSeconds?: number | null;
  from?: string | null;
  to?: string | null;
};

/** Kind order of the events one change yields: the most decisive first. */
const KIND_ORDER: readonly ChangeKind[] = [
  "created",
  "withdrawn",
  "cancelled",
  "awarded",
  "status_changed",
  "corrected",
  "deadline_changed",
  "value_changed",
  "text_changed",
  "updated",
];

function kindOfField(field: string, change: FieldChange): ChangeKind {
  switch (field as TrackedField) {
    case "status":
      if (change.after === "CANCELLED") return "cancelled";
      if (change.after === "AWARDED") return "awarded";
      return "status_changed";
    case "deadline":
      return "deadline_changed";
    case "estimatedValue":
      return "value_changed";
    case "heading":
    case "description":
      return "text_changed";
    case "awardedNames":
    case "lots":
      return "awarded";
    case "changeNotices":
      return "corrected";
    default:
      return "updated";
  }
}

const seconds = (iso: unknown): number | null =>
  typeof iso === "string" && !Number.isNaN(Date.parse(iso)) ? Date.parse(iso) / 1000 : null;

/**
 * Turns one observed change of a notice into typed events. Design: **one event per kind**, each
 * carrying all field changes of that kind (a moved deadline plus a new heading → `deadline_changed`
 * and `text_changed`; heading + description → one `text_changed` with two changes). That keeps every
 * feed item a `{ kind, changes[] }` and lets consumers filter by kind without losing fields.
 *
 * `before = null` → `created`; `after = null` → `withdrawn`.
 *
 * @example
 * classifyChange(before, after);
 * // [{ kind: "deadline_changed", shiftSeconds: 604800, changes: [{ field: "deadline", before, after }] }]
 */
export function classifyChange(
  before: CanonicalSnapshot | null,
  after: CanonicalSnapshot | null,
): ClassifiedEvent[] {
  if (before === null && after === null) return [];
  if (before === null) return [{ kind: "created", changes: [] }];
  if (after === null) return [{ kind: "withdrawn", changes: [] }];
  const byKind = new Map<ChangeKind, ClassifiedEvent>();
  for (const change of diffSnapshots(before, after)) {
    const kind = kindOfField(change.field, change);
    const event = byKind.get(kind) ?? { kind, changes: [] };
    event.changes.push(change);
    if (change.field === "status") {
      event.from = before.status;
      event.to = after.status;
    }
    if (change.field === "deadline") {
      const a = seconds(change.before);
      const b = seconds(change.after);
      event.shiftSeconds = a !== null && b !== null ? b - a : null;
    }
    byKind.set(kind, event);
  }
  return KIND_ORDER.flatMap((k) => {
    const e = byKind.get(k);
    return e ? [e] : [];
  });
}

/**
 * The `corrected` event recorded on a notice when a new notice that corrects it appears (linked
 * through `changeNotices`): which notice corrects it, and how the correction differs from it.
 *
 * @example
 * correctionEvent(oldSnap, "2026-100123", newSnap);
 * // { kind: "corrected", changes: [{ field: "correctedBy", before: null, after: "2026-100123" }, { field: "deadline", … }] }
 */
export function correctionEvent(
  corrected: CanonicalSnapshot,
  correctingId: string,
  correcting: CanonicalSnapshot,
): ClassifiedEvent {
  const changes = diffSnapshots(corrected, { ...correcting, detail: null }).filter(
    (c) => c.field !== "publishedOn",
  );
  return {
    kind: "corrected",
    changes: [{ field: "correctedBy", before: null, after: correctingId }, ...changes],
  };
}
