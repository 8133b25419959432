/** NAV's time formats: ISO-8601 with the Europe/Oslo offset, and RFC 1123 with that offset for headers. */

const parts = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Oslo",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Oslo wall-clock fields and the offset in minutes at `ms`. */
const oslo = (ms: number) => {
  const p = Object.fromEntries(parts.formatToParts(ms).map((x) => [x.type, x.value]));
  const wall = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  const offset = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
  return { p, offset, wall };
};

const offsetText = (minutes: number, colon: boolean): string => {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${sign}${hh}${colon ? ":" : ""}${mm}`;
};

/**
 * `2021-03-23T17:10:03.512204+01:00`: Oslo offset and, like Jackson, a variable number of fraction
 * digits (`extra` supplies the microseconds a Postgres timestamp would have; trailing zeros dropped).
 */
export const osloIso = (ms: number, extra = 0): string => {
  const { p, offset } = oslo(ms);
  const frac =
    `${String(((ms % 1000) + 1000) % 1000).padStart(3, "0")}${String(extra % 1000).padStart(3, "0")}`.replace(
      /0+$/,
      "",
    );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${frac ? `.${frac}` : ""}${offsetText(offset, true)}`;
};

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `Tue, 23 Mar 2021 17:12:05 +0100` (the feed's Last-Modified: whole seconds, Oslo offset). */
export const osloRfc1123 = (ms: number): string => {
  const { p, offset, wall } = oslo(ms);
  const d = new Date(wall);
  return `${DAYS[d.getUTCDay()]}, ${p.day} ${MONTHS[d.getUTCMonth()]} ${p.year} ${p.hour}:${p.minute}:${p.second} ${offsetText(offset, false)}`;
};

/** Start of the Oslo day containing `ms` (ES `now/d` with time_zone CET). */
export const osloStartOfDay = (ms: number): number => {
  const { p, offset } = oslo(ms);
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day)) - offset * 60_000;
};
