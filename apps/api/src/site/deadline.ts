import { osloDate } from "@doffin/core";
import { type Html, html } from "./html";
import type { Speaker } from "./i18n";

const DAY_MS = 86_400_000;

/**
 * Whole Oslo calendar days from `now` to a deadline: a deadline at 12:00 tomorrow is "1 day left" at
 * 23:59 today in Oslo, whatever the server's time zone. Negative once the deadline has passed.
 * @example daysLeft(Date.parse("2026-11-23T23:30:00Z"), "2026-11-25T11:00:00Z") // 1 (it is 24 Nov in Oslo)
 */
export function daysLeft(now: number, deadline: string): number | null {
  const t = Date.parse(deadline);
  if (Number.isNaN(t)) return null;
  if (t < now) return -1;
  const today = Date.parse(`${osloDate(now)}T00:00:00Z`);
  const due = Date.parse(`${osloDate(t)}T00:00:00Z`);
  return Math.round((due - today) / DAY_MS);
}

/** Within this many days the badge is marked urgent (colour and `data-urgency="soon"`). */
const SOON_DAYS = 7;

/** `<span class="deadline-badge">` ("5 dager igjen" / "5 days left"), or nothing without a deadline. */
export function deadlineBadge(s: Speaker, now: number, deadline: string | null): Html | "" {
  if (!deadline) return "";
  const n = daysLeft(now, deadline);
  if (n === null) return "";
  const text = n < 0 ? s.t.deadlinePassed : n === 0 ? s.t.dueToday : s.t.daysLeft(n);
  const urgency = n < 0 ? "past" : n <= SOON_DAYS ? "soon" : "later";
  return html`<span class="deadline-badge" data-urgency="${urgency}" data-days="${n}" title="${s.t.deadline}: ${s.dateTime(deadline)}">${text}</span>`;
}
