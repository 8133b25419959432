import { z } from "zod";
import { BudgetView } from "../client/budget-gate";
import { ROLL_UP_OF, ROLL_UP_TYPES, type RollUpType } from "../domain/vocabulary";
import { CanonicalSnapshot } from "./snapshot";

/**
 * Public contract of the change feed. The tracker Worker serves these shapes; the MCP tool
 * `get_doffin_changes` and the CLI's `doffin changes` parse them with the same schemas.
 */

/**
 * Typed change kinds. `updated` covers tracked fields no other kind names (buyers, locations, CPV,
 * type, competition-documents URL, publication date).
 */
export const CHANGE_KINDS = [
  "created",
  "deadline_changed",
  "status_changed",
  "value_changed",
  "text_changed",
  "awarded",
  "cancelled",
  "corrected",
  "withdrawn",
  "updated",
] as const;
export const ChangeKind = z.enum(CHANGE_KINDS);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const FieldChange = z.object({
  /** A tracked field (`deadline`, `status`, `estimatedValue`, `heading`, …) or `correctedBy`. */
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const ChangeEvent = z.object({
  id: z.string(),
  noticeId: z.string(),
  /** RFC 3339 UTC: when the tracker detected the change (not when Doffin made it). */
  detectedAt: z.string(),
  kind: ChangeKind,
  changes: z.array(FieldChange),
  /** `deadline_changed` only: after − before in seconds (null when either side has no deadline). */
  shiftSeconds: z.number().nullable().optional(),
  /** `status_changed` / `cancelled` / `awarded`: the status before and after. */
  from: z.string().nullable().optional(),
  to: z.string().nullable().optional(),
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;

/**
 * A short summary of the event's notice, from the tracker's stored snapshot (no upstream call), so a
 * feed reader sees what an event is about without fetching each notice.
 */
export const NoticeBrief = z.object({
  heading: z.string(),
  /** The first buyer's name (null when the notice names none). */
  buyer: z.string().nullable(),
  type: z.string(),
  /** Doffin status (ACTIVE, EXPIRED, AWARDED, CANCELLED) or null for types without one. */
  status: z.string().nullable(),
});
export type NoticeBrief = z.infer<typeof NoticeBrief>;

/**
 * An event as the change feed serves it: the event plus its notice's summary. The tracker always sends
 * `notice` (its tests assert it); it is optional here so consumers also parse pages of an older tracker.
 */
export const FeedEvent = ChangeEvent.extend({
  notice: NoticeBrief.optional(),
  ocds: z
    .object({
      /** The OCDS release tag(s) this change corresponds to (`tender`, `tenderAmendment`, `award` …). */
      tags: z.array(z.string()),
      /** The notice's stored OCDS release (`/ocds/releases/{id}`); null until its eForms XML is stored. */
      release: z.string().nullable(),
    })
    .optional(),
});
export type FeedEvent = z.infer<typeof FeedEvent>;

export const ChangesFeed = z.object({
  items: z.array(FeedEvent),
  /** Opaque; pass back as `cursor` for the next page. null when this page reached the end (for now). */
  nextCursor: z.string().nullable(),
});
export type ChangesFeed = z.infer<typeof ChangesFeed>;

/**
 * Where a tracked notice stands: `withdrawn` once it is gone upstream (as before); while Doffin serves
 * it, `cancelled` / `awarded` when its status says so, otherwise `active` (as before, served).
 */
export const NOTICE_STATES = ["active", "awarded", "cancelled", "withdrawn"] as const;
export const NoticeState = z.enum(NOTICE_STATES);
export type NoticeState = z.infer<typeof NoticeState>;

export const SnapshotRecord = z.object({
  hash: z.string(),
  capturedAt: z.string(),
  snapshot: CanonicalSnapshot,
});
export type SnapshotRecord = z.infer<typeof SnapshotRecord>;

export const NoticeHistory = z.object({
  noticeId: z.string(),
  state: NoticeState,
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  lastChangedAt: z.string(),
  snapshots: z.array(SnapshotRecord),
  events: z.array(ChangeEvent),
});
export type NoticeHistory = z.infer<typeof NoticeHistory>;

export const SweepSummary = z.object({
  id: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** `done`, `partial` (budget ran out; the next run continues), `failed`. */
  status: z.enum(["running", "done", "partial", "failed"]),
  noticesChecked: z.number(),
  events: z.number(),
  errors: z.number(),
  upstreamRequests: z.number(),
  lastError: z.string().nullable(),
});
export type SweepSummary = z.infer<typeof SweepSummary>;

export const BackfillProgress = z.object({
  status: z.enum(["idle", "running", "done"]),
  harvested: z.number(),
  upstreamRequests: z.number(),
  windowsPending: z.number(),
  /** Windows that still held > 1000 hits after every split (first 1000 harvested; see README). */
  truncatedWindows: z.number(),
  updatedAt: z.string().nullable(),
});
export type BackfillProgress = z.infer<typeof BackfillProgress>;

export const TrackerStatus = z.object({
  lastSweep: SweepSummary.nullable(),
  backfill: BackfillProgress,
  totals: z.object({ notices: z.number(), active: z.number(), withdrawn: z.number(), events: z.number() }),
  /**
   * eForms contract data: `eforms-xml` when a Public API key is configured, else `webclient` (no XML).
   * `stored`: notices whose XML was read; `pending`: tracked notices still without it (the XML backfill's
   * queue); `parseErrors`: XML that is not a readable eForms notice; `notFound`: the Public API had none.
   */
  contractData: z.object({
    mode: z.enum(["eforms-xml", "webclient"]),
    stored: z.number(),
    pending: z.number(),
    parseErrors: z.number(),
    notFound: z.number(),
  }),
  /** The shared upstream budget the sweep draws from (absent where the tracker has no budget binding). */
  budget: BudgetView.optional(),
});
export type TrackerStatus = z.infer<typeof TrackerStatus>;

/** The roll-up (PLANNING, COMPETITION, RESULT) of a concrete Doffin type; unknown types count as COMPETITION. */
const rollUpOf = (type: string): RollUpType =>
  (ROLL_UP_TYPES as readonly string[]).includes(type)
    ? (type as RollUpType)
    : (ROLL_UP_OF[type as keyof typeof ROLL_UP_OF] ?? "COMPETITION");

/** Per roll-up: the tag of a new notice, of a change to it, of its cancellation or withdrawal, of an award. */
const TAGS: Record<RollUpType, { created: string[]; update: string; cancel: string; award: string }> = {
  PLANNING: { created: ["planning"], update: "planningUpdate", cancel: "tenderCancellation", award: "award" },
  COMPETITION: {
    created: ["tender"],
    update: "tenderAmendment",
    cancel: "tenderCancellation",
    award: "award",
  },
  // A result notice's release carries award + contract (form types result / dir-awa-pre, as core maps them).
  RESULT: {
    created: ["award", "contract"],
    update: "awardUpdate",
    cancel: "awardCancellation",
    award: "awardUpdate",
  },
};

/**
 * The OCDS release tag(s) a change event corresponds to, from its kind and its notice's Doffin type. A
 * change to a published notice is an amendment of that stage (`tenderAmendment`, `planningUpdate`,
 * `awardUpdate`); a status change without another meaning is `tenderUpdate` for a competition.
 *
 * @example
 * ocdsTagsOf("deadline_changed", "ANNOUNCEMENT_OF_COMPETITION"); // ["tenderAmendment"]
 * ocdsTagsOf("created", "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT"); // ["award", "contract"]
 */
export const ocdsTagsOf = (kind: ChangeKind, type: string): string[] => {
  const stage = rollUpOf(type);
  const t = TAGS[stage];
  switch (kind) {
    case "created":
      return t.created;
    case "cancelled":
    case "withdrawn":
      return [t.cancel];
    case "awarded":
      return [t.award];
    case "status_changed":
      return [stage === "COMPETITION" ? "tenderUpdate" : t.update];
    default:
      return [t.update];
  }
};
