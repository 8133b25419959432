/**
 * Doffin's calendar is Norway's: publication dates and the `published_from`/`published_to` filters are
 * Europe/Oslo dates, so "today" and day boundaries must be computed there, never in UTC (an evening
 * export with a UTC upper bound silently drops the notices published "tomorrow" in Oslo).
 */

export const DOFFIN_TIME_ZONE = "Europe/Oslo";

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: DOFFIN_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

const DAY_MS = 86_400_000;

/**
 * The Oslo calendar date of an instant.
 * @example osloDate(Date.parse("2026-06-30T22:30:00Z")) // "2026-07-01" (00:30 in Oslo)
 */
export function osloDate(epochMs: number): string {
  return dayFormat.format(new Date(epochMs));
}

/** Minutes Oslo is ahead of UTC at an instant (60 in winter, 120 in summer). */
export function osloOffsetMinutes(epochMs: number): number {
  const [y, m, d] = osloDate(epochMs).split("-").map(Number) as [number, number, number];
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: DOFFIN_TIME_ZONE,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(epochMs));
  const hh = Number(parts.find((p) => p.type === "hour")?.value);
  const mm = Number(parts.find((p) => p.type === "minute")?.value);
  const localAsUtc = Date.UTC(y, m - 1, d, hh, mm);
  return Math.round((localAsUtc - Math.floor(epochMs / 60_000) * 60_000) / 60_000);
}

/**
 * The instant an Oslo calendar day starts, as epoch ms (DST-correct).
 * @example new Date(osloDayStart("2026-07-01")).toISOString() // "2026-06-30T22:00:00.000Z"
 */
export function osloDayStart(day: string): number {
  const guess = Date.parse(`${day}T00:00:00Z`);
  // Midnight never falls in a DST gap in Norway (switches happen at 02:00/03:00), so one correction
  // with the offset at the candidate instant is exact.
  const first = guess - osloOffsetMinutes(guess) * 60_000;
  return guess - osloOffsetMinutes(first) * 60_000;
}

/** Adds whole calendar days to a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
