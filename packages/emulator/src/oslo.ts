/**
 * Doffin's calendar is Norway's: publication days, `issueDateFrom/To` and the web client's
 * `publicationDate` facet are Europe/Oslo calendar days, never UTC days. The emulator keeps its own
 * small helpers (rather than importing @doffin/core's) on purpose: the emulator is independent of core,
 * so a misunderstanding of Oslo time in one cannot hide in shared code.
 */

const OSLO_DAY = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Oslo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const HOUR_MS = 3_600_000;

/** The Oslo calendar day (`YYYY-MM-DD`) of an instant. `osloDay(Date.parse("2026-06-30T22:30:00Z"))` → `2026-07-01`. */
export const osloDay = (epochMs: number): string => OSLO_DAY.format(new Date(epochMs));

/** The Oslo calendar day of an RFC 3339 date-time. */
export const osloDayOf = (iso: string): string => osloDay(Date.parse(iso));

/**
 * The first instant (epoch ms) of an Oslo calendar day. Norway is UTC+1 or UTC+2 and never switches
 * at midnight, so midnight is 22:00Z or 23:00Z the evening before: take the later candidate whose Oslo
 * day is already `day`.
 */
export const osloDayStart = (day: string): number => {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  const summer = utcMidnight - 2 * HOUR_MS;
  const winter = utcMidnight - HOUR_MS;
  return osloDay(summer) === day ? summer : winter;
};

const OSLO_DISPLAY = new Intl.DateTimeFormat("nb-NO", {
  timeZone: "Europe/Oslo",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** "28.05.2026 12:00" — display strings in Oslo time, as the web client shows them. */
export const osloDisplay = (iso: string): string => {
  const parts = Object.fromEntries(OSLO_DISPLAY.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
};
