/**
 * Deadline reminders: T-7 days and T-1 day before a matched item's deadline, each exactly once. The key
 * carries the deadline, so a moved deadline yields new reminders (and the old keys simply never recur).
 */

const DAY_MS = 86_400_000;
const REMINDER_DAYS = [7, 1] as const;
export type ReminderDays = (typeof REMINDER_DAYS)[number];

/** A reminder that is due now. */
export type DueReminder = { key: string; daysBefore: ReminderDays };

/**
 * The key of a reminder: `t7:<deadline>` / `t1:<deadline>` (the deadline as stored, not re-formatted, so
 * the same deadline always gives the same key).
 *
 * @example reminderKey(7, "2026-12-10T12:00:00Z") // "t7:2026-12-10T12:00:00Z"
 */
export const reminderKey = (daysBefore: ReminderDays, deadline: string): string =>
  `t${daysBefore}:${deadline}`;

/**
 * The reminders due at `now` (epoch ms) for a deadline: each of T-7d and T-1d once its moment has come
 * (at or after deadline − N days), while the deadline is still ahead, and unless its key is in `sent`.
 * Following the shared design literally, a first tick after T-1 still sends the T-7 reminder it missed,
 * together with T-1 (each event carries the deadline, so the reader sees how close it is). An unreadable
 * deadline has no reminders.
 *
 * @example dueReminders("2026-12-10T12:00:00Z", Date.parse("2026-12-03T12:00:00Z"), []) // [{ key: "t7:2026-12-10T12:00:00Z", daysBefore: 7 }]
 * @example dueReminders("2026-12-10T12:00:00Z", Date.parse("2026-12-03T12:00:00Z"), ["t7:2026-12-10T12:00:00Z"]) // []
 */
export function dueReminders(deadline: string, now: number, sent: readonly string[]): DueReminder[] {
  const at = Date.parse(deadline);
  if (Number.isNaN(at) || now >= at) return [];
  const done = new Set(sent);
  const due: DueReminder[] = [];
  for (const daysBefore of REMINDER_DAYS) {
    const key = reminderKey(daysBefore, deadline);
    if (now >= at - daysBefore * DAY_MS && !done.has(key)) due.push({ key, daysBefore });
  }
  return due;
}
