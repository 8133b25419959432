import type { JobChangeKind, JobFeedLine, JobState } from "@doffin/core";

/**
 * What one feed line does to the ad it names, as a pure function of the stored row (or none) and the
 * line: the new row and at most one typed event. Pure so a page applied twice (a crash and a retry, a
 * re-read tip page, the line every page repeats) decides the same thing and writes nothing new.
 */

export type { JobState };
/** The event kinds of core's `JobChangeEvent` (one list for the tracker, the contract and the CLI). */
export type JobKind = JobChangeKind;

export type JobRow = {
  uuid: string;
  status: "ACTIVE" | "INACTIVE";
  state: JobState;
  title: string | null;
  employerName: string | null;
  municipality: string | null;
  modified: string | null;
  modifiedMs: number;
  lineKey: string;
  firstSeenAt: string;
  lastChangedAt: string;
};

export type JobChange = { field: string; before: unknown; after: unknown };
export type JobEventDraft = {
  kind: JobKind;
  changes: JobChange[];
  dedupeKey: string;
  modified: string | null;
};

/** The fields a line can show; a masked line shows none of them truthfully ("..." and ""). */
const SHOWN = ["title", "employerName", "municipality"] as const;

const msOf = (modified: string | null): number => {
  const ms = modified == null ? Number.NaN : Date.parse(modified);
  return Number.isNaN(ms) ? 0 : ms;
};

/**
 * @returns null when the line is already applied or older than what the row shows (nothing to write).
 * @example applyLine(null, line, "2026-12-01T10:00:00Z", true)?.event?.kind // "created"
 */
export function applyLine(
  prev: JobRow | null,
  line: JobFeedLine,
  detectedAt: string,
  /** False for lines older than the catch-up horizon: the row is kept, no event is recorded. */
  withEvent: boolean,
): { row: JobRow; event: JobEventDraft | null } | null {
  const ms = msOf(line.modified);
  if (prev && (prev.lineKey === line.lineKey || ms < prev.modifiedMs)) return null;
  const state: JobState = line.status === "ACTIVE" ? "active" : line.masked ? "withdrawn" : "expired";
  // A masked line hides what the ad was; keep what we knew.
  const shown = line.masked
    ? {
        title: prev?.title ?? null,
        employerName: prev?.employerName ?? null,
        municipality: prev?.municipality ?? null,
      }
    : { title: line.title, employerName: line.employerName, municipality: line.municipality };
  const row: JobRow = {
    uuid: line.uuid,
    status: line.status,
    state,
    ...shown,
    modified: line.modified,
    modifiedMs: ms,
    lineKey: line.lineKey,
    firstSeenAt: prev?.firstSeenAt ?? detectedAt,
    lastChangedAt: detectedAt,
  };
  const diffs: JobChange[] = SHOWN.filter((f) => (prev?.[f] ?? null) !== row[f]).map((f) => ({
    field: f,
    before: prev?.[f] ?? null,
    after: row[f],
  }));
  const draft = (kind: JobKind, changes: JobChange[]): JobEventDraft => ({
    kind,
    changes,
    dedupeKey: line.lineKey,
    modified: line.modified,
  });
  let event: JobEventDraft | null = null;
  if (state === "active") {
    if (!prev) event = draft("created", diffs);
    else if (prev.state !== "active")
      event = draft("updated", [{ field: "status", before: prev.status, after: "ACTIVE" }, ...diffs]);
    else
      event = draft(
        "updated",
        // NAV wrote a line, so something changed; when nothing the line shows did, say when.
        diffs.length > 0 ? diffs : [{ field: "modified", before: prev.modified, after: line.modified }],
      );
  } else if (!prev || prev.state === "active" || (state === "withdrawn" && prev.state === "expired")) {
    event = draft(state, [{ field: "status", before: prev?.status ?? null, after: "INACTIVE" }]);
  }
  return { row, event: withEvent ? event : null };
}
