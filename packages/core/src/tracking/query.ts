import { z } from "zod";
import { NoticeId } from "../domain/vocabulary";
import { osloDayStart } from "../util/oslo";
import { CHANGE_KINDS } from "./events";

/**
 * Query strings of the tracker's routes. Strict on purpose: an unknown parameter (`sinse=`,
 * `orderby=`) or a scalar given twice with different values is a 400, never silently ignored. Query
 * values arrive as a string, or as an array when the key is repeated (Hono's `queries()`).
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;

// `2026-13-01` matches DAY but is an Invalid Date, whose toISOString() throws: check the time first.
const isRealDay = (s: string) => {
  const t = DAY.test(s) ? Date.parse(`${s}T00:00:00Z`) : Number.NaN;
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
};

/**
 * The error map of a strict query object: an unknown key is reported with the allowed ones.
 * @example z.strictObject({ q: z.string() }, { error: unknownParams(["q"]) })
 */
export const unknownParams = (allowed: readonly string[]) => (iss: { code?: string; keys?: string[] }) =>
  iss.code === "unrecognized_keys"
    ? `unknown parameter ${(iss.keys ?? []).map((k) => `"${k.slice(0, 64)}"`).join(", ")}; ${
        allowed.length > 0 ? `use ${allowed.join(", ")}` : "this route takes no query parameters"
      }`
    : undefined;

/**
 * A scalar parameter: a repeat with the same value is folded, a repeat with different values is a 400
 * (`since=a&since=b` has no one meaning).
 * @example once(z.coerce.number()).parse(["5", "5"]) // 5
 */
export const once = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v, ctx) => {
    if (!Array.isArray(v)) return v;
    if (new Set(v).size === 1) return v[0];
    ctx.addIssue({ code: "custom", message: `given ${v.length} times with different values; give it once` });
    return z.NEVER;
  }, schema);

/**
 * `since`: an RFC 3339 timestamp, or a date `YYYY-MM-DD` meaning the start of that day in Oslo
 * (Doffin's calendar), normalized to an ISO UTC instant.
 * @example SinceParam.parse("2026-12-01") // "2026-11-30T23:00:00.000Z"
 */
export const SinceParam = z.string().transform((v, ctx) => {
  const s = v.trim();
  if (isRealDay(s)) return new Date(osloDayStart(s)).toISOString();
  if (z.iso.datetime({ offset: true }).safeParse(s).success) return new Date(s).toISOString();
  ctx.addIssue({
    code: "custom",
    message: "use an ISO 8601 timestamp (2026-11-01T00:00:00Z) or a date (2026-11-01: from 00:00 Oslo time)",
  });
  return z.NEVER;
});

/**
 * A list of kinds out of `kinds`, repeated (`kind=a&kind=b`) or comma-separated (`kind=a,b`); sorted,
 * unique. Shared by every change feed (notices, NAV jobs).
 * @example kindsParam(["created", "expired"]).parse("expired,created") // ["created", "expired"]
 */
export const kindsParam = <K extends string>(kinds: readonly K[]) =>
  z.union([z.string(), z.array(z.string())]).transform((v, ctx) => {
    const parts = (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(","))
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = parts.filter((p) => !(kinds as readonly string[]).includes(p));
    if (unknown.length > 0 || parts.length === 0) {
      ctx.addIssue({
        code: "custom",
        message: `${unknown.length > 0 ? `unknown kind ${unknown.map((u) => `"${u.slice(0, 40)}"`).join(", ")}` : "no kind given"}; use ${kinds.join(", ")}`,
      });
      return z.NEVER;
    }
    return [...new Set(parts as K[])].sort();
  });

/**
 * A list of change kinds, repeated (`kind=a&kind=b`) or comma-separated (`kind=a,b`); sorted, unique.
 * @example KindsParam.parse(["cancelled", "awarded,cancelled"]) // ["awarded", "cancelled"]
 */
export const KindsParam = kindsParam(CHANGE_KINDS);

export const CHANGE_ORDERS = ["asc", "desc"] as const;

const CHANGES_PARAMS = [
  "since",
  "limit",
  "cursor",
  "order",
  "notice_id",
  "kind",
  "exclude_kind",
  "field",
] as const;

/**
 * The paging fields every change feed takes (`/v1/changes`, `/v1/jobs/changes`): since, limit, cursor, order.
 * @example z.strictObject({ ...FEED_PAGING_FIELDS }).parse({}) // { limit: 50, order: "asc" }
 */
export const FEED_PAGING_FIELDS = {
  since: once(SinceParam)
    .optional()
    .describe("Events detected at or after: a timestamp, or a date YYYY-MM-DD (00:00 of that day in Oslo)."),
  limit: once(z.coerce.number().int().min(1).max(100)).default(50).describe("Events per page, 1–100."),
  cursor: once(z.string().min(1).max(512))
    .optional()
    .describe("nextCursor of the previous page, with the same other parameters."),
  order: once(z.enum(CHANGE_ORDERS, { message: "use asc (oldest first) or desc (newest first)" }))
    .default("asc")
    .describe("asc: oldest first (default); desc: newest first."),
};

/**
 * Query of `GET /v1/changes`. `kind`/`exclude_kind` take several kinds; `order=desc` pages newest first.
 * @example ChangesQuery.parse({ since: "2026-12-01", kind: "cancelled,awarded", order: "desc" })
 */
export const ChangesQuery = z
  .strictObject(
    {
      ...FEED_PAGING_FIELDS,
      notice_id: once(NoticeId).optional().describe("Only this notice's events."),
      kind: KindsParam.optional().describe(
        `Only these kinds, repeated or comma-separated: ${CHANGE_KINDS.join(", ")}.`,
      ),
      exclude_kind: KindsParam.optional().describe(
        "Not these kinds, repeated or comma-separated (exclude_kind=created hides new notices).",
      ),
      field: once(z.string().regex(/^[A-Za-z]{1,40}$/, "a field name such as deadline or estimatedValue"))
        .optional()
        .describe("Only events that changed this field (deadline, estimatedValue, heading, …)."),
    },
    { error: unknownParams(CHANGES_PARAMS) },
  )
  .superRefine((q, ctx) => {
    const both = (q.kind ?? []).filter((k) => q.exclude_kind?.includes(k));
    if (both.length > 0)
      ctx.addIssue({
        code: "custom",
        path: ["exclude_kind"],
        message: `${both.join(", ")} given in both kind and exclude_kind`,
      });
  });
export type ChangesQuery = z.input<typeof ChangesQuery>;
export type ResolvedChangesQuery = z.output<typeof ChangesQuery>;

/** Query of a tracker route that takes no parameters (history, status, health): any parameter is a 400. */
export const NoQuery = z.strictObject({}, { error: unknownParams([]) });
