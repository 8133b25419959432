/**
 * The alert event: what a webhook POSTs (the body), what a feed entry shows and what the outbox stores.
 * Its id is deterministic (search, item, type and a key), so replaying a sweep, re-running a reminder tick
 * or re-delivering a queue message never makes a second event: the id is the idempotency id.
 */
import { z } from "zod";
import type { NoticeSummary } from "../domain/notice";
import { noticeUrl } from "../domain/vocabulary";
import type { JobSummary } from "../nav/model";
import { FieldChange } from "../tracking/events";
import { sha256Hex } from "../util/canonical";
import { ALERT_SOURCES, type AlertSource } from "./saved-search";

/** The event types: a new match, a tracked change of a matched item, a deadline reminder. */
export const ALERT_EVENT_TYPES = ["match.new", "match.changed", "deadline.reminder"] as const;
export const AlertEventType = z.enum(ALERT_EVENT_TYPES);
export type AlertEventType = z.infer<typeof AlertEventType>;

/** What an alert is about: a notice or a job ad, with what a reader needs to decide whether to open it. */
export const AlertItem = z.object({
  source: z.enum(ALERT_SOURCES),
  /** Doffin notice id (`2026-107918`) or NAV ad uuid. */
  id: z.string(),
  title: z.string(),
  url: z.string(),
  /** RFC 3339 UTC deadline (notice) or application due date (job); null when there is none. */
  deadline: z.string().nullable(),
  /** Doffin status (ACTIVE …) or the job's state; null when the item has none. */
  status: z.string().nullable(),
});
export type AlertItem = z.infer<typeof AlertItem>;

/**
 * An alert event: the webhook body, the feed entry's data, the outbox row's payload.
 * @example AlertEvent.parse(JSON.parse(await request.text())).type // "match.changed"
 */
export const AlertEvent = z.object({
  /** Deterministic idempotency id (`alertEventId`): 32 lower-case hex characters. */
  id: z.string(),
  type: AlertEventType,
  /** RFC 3339 UTC: when the event was made (the sweep or tick that found it). */
  createdAt: z.string(),
  search: z.object({ id: z.string(), name: z.string() }),
  item: AlertItem,
  /** `match.changed`: the tracked field changes, before and after; [] otherwise. */
  changes: z.array(FieldChange),
  /** `match.changed` on a notice: the OCDS release tag of the change (`tenderAmendment`, `award` …). */
  ocdsTag: z.string().nullable(),
  /** `deadline.reminder`: which reminder and the deadline it counts down to. */
  reminder: z.object({ daysBefore: z.union([z.literal(7), z.literal(1)]), deadline: z.string() }).nullable(),
});
export type AlertEvent = z.infer<typeof AlertEvent>;

/**
 * The idempotency id of an event: the first 32 hex characters of SHA-256 over its parts. `key` names the
 * occurrence: `"new"` for a new match, the change event's id for a change, the reminder key
 * (`t7:<deadline>`) for a reminder.
 *
 * @example await alertEventId({ searchId: "ss_x", itemId: "2026-107918", type: "match.new", key: "new" }) // "3f0c…" (32 hex)
 */
export async function alertEventId(parts: {
  searchId: string;
  itemId: string;
  type: AlertEventType;
  key: string;
}): Promise<string> {
  // A separator that cannot occur in ids keeps ("a","bc") and ("ab","c") apart.
  const hex = await sha256Hex([parts.searchId, parts.itemId, parts.type, parts.key].join("\u001f"));
  return hex.slice(0, 32);
}

/**
 * The alert item of a notice.
 * @example alertItemOfNotice(notice).url // "https://www.doffin.no/notices/2026-107918"
 */
export const alertItemOfNotice = (notice: NoticeSummary): AlertItem => ({
  source: "notices",
  id: notice.id,
  title: notice.heading,
  url: notice.url || noticeUrl(notice.id),
  deadline: notice.deadline,
  status: notice.status,
});

/**
 * The alert item of a job ad: its application due date (YYYY-MM-DD) or expiry is the deadline.
 * @example alertItemOfJob(job).source // "jobs"
 */
export const alertItemOfJob = (job: JobSummary, status: string | null = null): AlertItem => ({
  source: "jobs",
  id: job.uuid,
  title: job.title,
  url: job.link,
  deadline: job.applicationDueDate ?? job.expires,
  status,
});

/** The saved search an event belongs to. */
export type AlertSearchRef = { id: string; name: string };

/**
 * A tracked change as both change feeds give it: a notice `FeedEvent`/`ChangeEvent` (with `ocds.tags`
 * once the tracker knows them) or a job change event.
 */
export type AlertChangeInput = {
  id: string;
  kind: string;
  detectedAt: string;
  changes: FieldChange[];
  ocds?: { tags: string[] } | undefined;
};

/**
 * A `match.new` event: the item matches the search for the first time. One per (search, item), ever.
 *
 * @example await matchNewEvent({ search: { id: "ss_x", name: "IT i Vestland" }, item, createdAt: "2026-12-01T10:00:00Z" })
 */
export async function matchNewEvent(input: {
  search: AlertSearchRef;
  item: AlertItem;
  createdAt: string;
}): Promise<AlertEvent> {
  const { search, item, createdAt } = input;
  return {
    id: await alertEventId({ searchId: search.id, itemId: item.id, type: "match.new", key: "new" }),
    type: "match.new",
    createdAt,
    search: { id: search.id, name: search.name },
    item,
    changes: [],
    ocdsTag: null,
    reminder: null,
  };
}

/**
 * A `match.changed` event from a tracked change of a matched item: its field changes and OCDS tag carry
 * over, its time is the change's `detectedAt`. One per (search, change event).
 *
 * @example (await matchChangedEvent({ search, item, change: feedEvent })).changes[0]?.field // "deadline"
 */
export async function matchChangedEvent(input: {
  search: AlertSearchRef;
  item: AlertItem;
  change: AlertChangeInput;
}): Promise<AlertEvent> {
  const { search, item, change } = input;
  return {
    id: await alertEventId({
      searchId: search.id,
      itemId: item.id,
      type: "match.changed",
      key: change.id,
    }),
    type: "match.changed",
    createdAt: change.detectedAt,
    search: { id: search.id, name: search.name },
    item,
    changes: change.changes,
    ocdsTag: change.ocds?.tags[0] ?? null,
    reminder: null,
  };
}

/**
 * A `deadline.reminder` event for one due reminder (`dueReminders`). One per (search, item, reminder key),
 * so a moved deadline gets its own reminders.
 *
 * @example await reminderEvent({ search, item, reminder: { key: "t7:2026-12-10T12:00:00Z", daysBefore: 7 }, createdAt })
 */
export async function reminderEvent(input: {
  search: AlertSearchRef;
  item: AlertItem;
  reminder: { key: string; daysBefore: 7 | 1 };
  createdAt: string;
}): Promise<AlertEvent> {
  const { search, item, reminder, createdAt } = input;
  const deadline = reminder.key.slice(reminder.key.indexOf(":") + 1);
  return {
    id: await alertEventId({
      searchId: search.id,
      itemId: item.id,
      type: "deadline.reminder",
      key: reminder.key,
    }),
    type: "deadline.reminder",
    createdAt,
    search: { id: search.id, name: search.name },
    item,
    changes: [],
    ocdsTag: null,
    reminder: { daysBefore: reminder.daysBefore, deadline },
  };
}

/** Which source an alert item belongs to (type guard helper for consumers). */
export const isAlertSource = (s: string): s is AlertSource =>
  (ALERT_SOURCES as readonly string[]).includes(s);
