import type { Money, Organization } from "../domain/notice";
import { ROLL_UP_TYPES } from "../domain/vocabulary";
import type { UpstreamMoney, UpstreamOrganization, UpstreamReceivedTenders } from "../upstream/shared";

/**
 * Small total functions shared by the normalizers. Each accepts anything its upstream schema lets through
 * (null, undefined, odd formats) and returns a well-formed domain value; none of them throws.
 */

const ORG_NUMBER = /^\d{9}$/;

/**
 * A Norwegian organisation number from an upstream id: spaces removed, kept only when exactly 9 digits.
 *
 * @example normalizeOrgNumber("999 601 391") // "999601391"
 * @example normalizeOrgNumber("12345678901") // null
 */
export const normalizeOrgNumber = (raw: string | number | null | undefined): string | null => {
  if (raw == null) return null;
  const compact = String(raw).replace(/\s+/g, "");
  return ORG_NUMBER.test(compact) ? compact : null;
};

/**
 * An upstream organisation → domain `Organization`. Search hits carry the org number in
 * `organizationId` (their `id` is an opaque hash); the web client detail has only `id`, which there *is*
 * the org number — pass `idIsOrgNumber` for that shape.
 *
 * @example normalizeOrganization({ id: "e4…", organizationId: "991 825 827", name: "Digdir" })
 * // { name: "Digdir", orgNumber: "991825827", rawOrganizationId: "991 825 827" }
 */
export const normalizeOrganization = (
  org: UpstreamOrganization,
  options: { idIsOrgNumber?: boolean } = {},
): Organization => {
  const raw = org.organizationId ?? (options.idIsOrgNumber ? org.id : null) ?? null;
  return {
    name: org.name ?? "",
    orgNumber: normalizeOrgNumber(raw),
    rawOrganizationId: raw == null ? null : String(raw),
  };
};

export const normalizeOrganizations = (
  orgs: UpstreamOrganization[] | null | undefined,
  options: { idIsOrgNumber?: boolean } = {},
): Organization[] => (orgs ?? []).map((org) => normalizeOrganization(org, options));

/**
 * `{currencyCode, amount}` → `{amount, currency}`; null when there is no usable amount.
 * A value without a currency is taken as NOK: Doffin's default, and the only currency it omits.
 *
 * @example normalizeMoney({ currencyCode: "PLN", amount: 5000000.0 }) // { amount: 5000000, currency: "PLN" }
 */
export const normalizeMoney = (value: UpstreamMoney | null | undefined): Money | null => {
  if (!value) return null;
  const amount = typeof value.amount === "string" ? Number(value.amount.trim()) : value.amount;
  if (
    amount == null ||
    !Number.isFinite(amount) ||
    (typeof value.amount === "string" && !value.amount.trim())
  ) {
    return null;
  }
  const currency = (value.currencyCode ?? value.code ?? value.currency ?? "").trim().toUpperCase();
  return { amount, currency: currency || "NOK" };
};

const CANONICAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An upstream timestamp → RFC 3339 UTC without milliseconds (`2026-05-01T11:33:48Z`); offsets are
 * converted to UTC; unparseable → null.
 *
 * @example toUtcTimestamp("2026-07-30T14:36:32+02:00") // "2026-07-30T12:36:32Z"
 */
export const toUtcTimestamp = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const text = value.trim();
  if (CANONICAL_TIMESTAMP.test(text)) return text;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().replace(".000Z", "Z");
};

/**
 * An upstream date (or timestamp) → `YYYY-MM-DD`; unparseable → null.
 *
 * @example toDateOnly("2026-08-03") // "2026-08-03"
 */
export const toDateOnly = (value: string | null | undefined): string | null => {
  if (!value) return null;
  const text = value.trim();
  if (DATE_ONLY.test(text)) return text;
  // A timestamp's calendar date is the one Doffin printed, so keep it rather than shifting it to UTC.
  const prefix = text.slice(0, 10);
  if (DATE_ONLY.test(prefix) && text[10] === "T") return prefix;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
};

/** Non-empty trimmed string or null. */
export const nonEmpty = (value: string | null | undefined): string | null => {
  if (value == null) return null;
  const text = value.trim();
  return text ? text : null;
};

/** Strings without blanks and duplicates, order kept. */
export const cleanList = (values: readonly string[] | null | undefined): string[] => {
  if (!values) return [];
  const seen = new Set<string>();
  for (const v of values) {
    const text = v.trim();
    if (text) seen.add(text);
  }
  return [...seen];
};

const ROLL_UPS: ReadonlySet<string> = new Set(ROLL_UP_TYPES);

/**
 * The concrete notice type: upstream `type` when given, else the first non-roll-up of `allTypes`, else
 * the first of `allTypes`, else "UNKNOWN" (never seen; keeps the domain field non-null).
 */
export const concreteType = (type: string | null | undefined, allTypes: readonly string[]): string =>
  nonEmpty(type) ?? allTypes.find((t) => !ROLL_UPS.has(t)) ?? allTypes[0] ?? "UNKNOWN";

/** `receivedTenders` when given, else the `tenders` entry of `allReceivedTenders`, else null. */
export const receivedTendersOf = (
  receivedTenders: number | null | undefined,
  all: readonly UpstreamReceivedTenders[] | null | undefined,
): number | null => {
  if (typeof receivedTenders === "number" && Number.isFinite(receivedTenders)) return receivedTenders;
  const tenders = all?.find((t) => t.type === "tenders")?.total;
  const count = typeof tenders === "string" && /^\d+$/.test(tenders.trim()) ? Number(tenders) : tenders;
  return typeof count === "number" && Number.isFinite(count) ? count : null;
};
