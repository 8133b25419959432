/**
 * Deadline reminders: T-7 days and T-1 day before a matched item's deadline, each at most once (a T-7
 * overtaken by T-1 is recorded as passed, never sent). The key carries the deadline, so a moved deadline
 * yields new reminders (and the old keys simply never recur).
 */

const DAY_MS = 86_400_000;
/** Nearest first: the order dueReminders decides in. */
const REMINDER_DAYS = [1, 7] as const;
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
 * What a tick does with one deadline's reminders: `due` is at most one reminder to send now, `passed`
 * the keys of earlier reminders whose moment has gone by unsent — the caller records them with the sent
 * keys so they never fire later, but sends nothing for them.
 */
export type ReminderPlan = { due: DueReminder[]; passed: string[] };

/**
 * The reminder due at `now` (epoch ms) for a deadline: of T-7d and T-1d, the nearest whose moment has come
 * (at or after deadline − N days) while the deadline is still ahead, unless its key is in `sent`. Only the
 * nearest is sent: a first tick already inside T-1 sends T-1 alone, since a "7 days left" reminder hours
 * before the deadline would be wrong; the missed T-7 comes back in `passed`. An unreadable deadline has
 * no reminders.
 *
 * @example dueReminders("2026-12-10T12:00:00Z", Date.parse("2026-12-03T12:00:00Z"), []) // { due: [{ key: "t7:2026-12-10T12:00:00Z", daysBefore: 7 }], passed: [] }
 * @example dueReminders("2026-12-10T12:00:00Z", Date.parse("2026-12-10T00:00:00Z"), []) // { due: [{ key: "t1:2026-12-10T12:00:00Z", daysBefore: 1 }], passed: ["t7:2026-12-10T12:00:00Z"] }
 */
export function dueReminders(deadline: string, now: number, sent: readonly string[]): ReminderPlan {
  const at = Date.parse(deadline);
  const plan: ReminderPlan = { due: [], passed: [] };
  if (Number.isNaN(at) || now >= at) return plan;
  const done = new Set(sent);
  // Nearest first: the first reminder whose moment has come is the one that counts (sent now, or already
  // sent); every earlier one whose moment has also come was overtaken by it.
  let overtaken = false;
  for (const daysBefore of REMINDER_DAYS) {
    if (now < at - daysBefore * DAY_MS) continue;
    const key = reminderKey(daysBefore, deadline);
    if (done.has(key)) overtaken = true;
    else if (overtaken) plan.passed.push(key);
    else {
      plan.due.push({ key, daysBefore });
      overtaken = true;
    }
  }
  return plan;
}
