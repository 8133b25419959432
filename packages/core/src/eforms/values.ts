import type { Money } from "../domain/notice";
import { normalizeMoney, toUtcTimestamp } from "../normalize/primitives";
import type { EformsWarning } from "./model";
import { attr, text, type XmlNode } from "./xml-tree";

/** What every mapper shares while reading one notice: its language and the warnings list. */
export type ReadContext = {
  language: string | null;
  warnings: EformsWarning[];
};

export const warn = (ctx: ReadContext, code: string, message: string): void => {
  ctx.warnings.push({ code, message });
};

/** A decimal number from an element's text; a non-number is a warning, not a crash. */
export const numberOf = (node: XmlNode | null, ctx: ReadContext, what: string): number | null => {
  const raw = text(node);
  if (raw === null) return null;
  const value = Number(raw);
  if (Number.isFinite(value)) return value;
  warn(ctx, "bad_number", `${what}: "${raw.slice(0, 40)}" is not a number`);
  return null;
};

/**
 * An amount element with its `currencyID`. eForms requires the currency; when a notice omits it we
 * follow the search normalizer (NOK, Doffin's default) and say so in a warning.
 */
export const moneyOf = (node: XmlNode | null, ctx: ReadContext, what: string): Money | null => {
  const amount = numberOf(node, ctx, what);
  if (amount === null) return null;
  const currency = attr(node, "currencyID");
  if (!currency) warn(ctx, "missing_currency", `${what}: no currencyID, taken as NOK`);
  return normalizeMoney({ amount, currencyCode: currency });
};

const DATE = /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/;
const TIME = /^(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?$/;

/** An eForms date (`2026-10-01Z`, `2022-08-25+02:00`) → `YYYY-MM-DD` as printed. */
export const dateOf = (node: XmlNode | null, ctx: ReadContext, what: string): string | null => {
  const raw = text(node);
  if (raw === null) return null;
  const m = DATE.exec(raw);
  if (m?.[1]) return m[1];
  warn(ctx, "bad_date", `${what}: "${raw.slice(0, 40)}" is not a date`);
  return null;
};

/**
 * eForms splits instants into a date and a time, each with its own offset (`2026-06-11Z` +
 * `22:00:00.000Z`). Joined and converted to UTC; the time's offset wins, then the date's, then UTC. A
 * missing time means the start of the day, or its end (23:59:59) for deadlines.
 */
export const instantOf = (
  dateNode: XmlNode | null,
  timeNode: XmlNode | null,
  ctx: ReadContext,
  what: string,
  missingTime: "start" | "end" = "start",
): string | null => {
  const rawDate = text(dateNode);
  if (rawDate === null) return null;
  const date = DATE.exec(rawDate);
  if (!date?.[1]) {
    warn(ctx, "bad_date", `${what}: "${rawDate.slice(0, 40)}" is not a date`);
    return null;
  }
  const rawTime = text(timeNode);
  const time = rawTime === null ? null : TIME.exec(rawTime);
  if (rawTime !== null && !time) warn(ctx, "bad_date", `${what}: "${rawTime.slice(0, 40)}" is not a time`);
  // Fractions of a second are dropped: core's instants are whole seconds everywhere.
  const clock = time?.[1]?.replace(/\.\d+$/, "") ?? (missingTime === "end" ? "23:59:59" : "00:00:00");
  const offset = time?.[2] ?? date[2] ?? "Z";
  return toUtcTimestamp(`${date[1]}T${clock.length === 5 ? `${clock}:00` : clock}${offset}`);
};

/** `true`/`false` code values (BT-106, BT-763 …) → boolean; anything else null. */
export const booleanOf = (raw: string | null): boolean | null =>
  raw === "true" ? true : raw === "false" ? false : null;
