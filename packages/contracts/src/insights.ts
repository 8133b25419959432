import { addDays, once, ROLL_UP_TYPES, unknownParams } from "@doffin/core";
import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "./errors";

/**
 * `GET /v1/insights`: aggregates over the notices the tracker stores (D1), for the web explorer's
 * /insights charts and anyone who wants the same figures. Served by the tracker Worker, forwarded by the
 * API through its `TRACKER` binding and documented from this object.
 *
 * The window is a range of Europe/Oslo publication dates (`from`, `to`, both inclusive): every section
 * counts the notices published in it. Default: the last 26 weeks (182 days) up to today in Oslo.
 */

export const INSIGHTS_TAG = "Insights";

/** Longest window: two calendar years (`to` at most `from` + 2 years − 1 day). */
export const INSIGHTS_MAX_YEARS = 2;
/** Default window when `from` is not given: 182 days (26 weeks) ending on `to`. */
export const INSIGHTS_DEFAULT_DAYS = 182;
/** How many CPV divisions and buyers are listed (the most frequent first). */
export const INSIGHTS_TOP = 15;

const INSIGHTS_PARAMS = ["from", "to", "type"] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isRealDay = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  // 2026-13-01 is an invalid Date (toISOString would throw); 2026-02-30 rolls over to March.
  return DAY.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

const OsloDay = z
  .string()
  .trim()
  .refine(isRealDay, { message: "use a real date as YYYY-MM-DD (a Europe/Oslo calendar day)" });

/**
 * The last day a window starting on `from` may end on: `from` + 2 years − 1 day (29 February + 2
 * years is 1 March, as `Date` rolls it).
 * @example lastAllowedDay("2026-01-01") // "2027-12-31"
 */
export function lastAllowedDay(from: string): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + INSIGHTS_MAX_YEARS);
  return addDays(d.toISOString().slice(0, 10), -1);
}

/**
 * Query of `GET /v1/insights`. Cross-field rules (`from` ≤ `to`, at most two years) are checked here
 * when both are given; the handler checks them again after filling in the defaults.
 * @example InsightsQuery.parse({ from: "2026-06-01", to: "2026-11-30", type: "COMPETITION" })
 */
export const InsightsQuery = z
  .strictObject(
    {
      from: once(OsloDay)
        .optional()
        .describe(
          "First publication day (Oslo, YYYY-MM-DD). Default: `to` − 181 days (26 weeks including `to`).",
        ),
      to: once(OsloDay)
        .optional()
        .describe("Last publication day (Oslo, YYYY-MM-DD). Default: today in Oslo."),
      type: once(z.enum(ROLL_UP_TYPES, { message: `use one of ${ROLL_UP_TYPES.join(", ")}` }))
        .optional()
        .describe("Only notices of this type group. Default: all three."),
    },
    { error: unknownParams(INSIGHTS_PARAMS) },
  )
  .superRefine((q, ctx) => {
    for (const issue of windowIssues(q.from, q.to)) ctx.addIssue({ code: "custom", ...issue });
  });
export type InsightsQuery = z.input<typeof InsightsQuery>;

/**
 * What is wrong with a window, as query issues (none when either end is missing).
 * @example windowIssues("2026-12-01", "2026-01-01") // [{ path: ["from"], message: "must not be after to" }]
 */
export function windowIssues(
  from: string | undefined,
  to: string | undefined,
): { path: string[]; message: string }[] {
  if (!from || !to) return [];
  if (from > to) return [{ path: ["from"], message: "must not be after to" }];
  if (to > lastAllowedDay(from))
    return [
      {
        path: ["to"],
        message: `the window is at most ${INSIGHTS_MAX_YEARS} years (to ≤ ${lastAllowedDay(from)})`,
      },
    ];
  return [];
}

/**
 * One ISO week (Monday start, Oslo dates) with the notices published in it per type group: each notice
 * in the group of its concrete type (with `type`, in that group).
 */
export const InsightsWeek = z.object({
  /** ISO 8601 week, `2026-W47`. */
  week: z.string(),
  /** Its Monday (YYYY-MM-DD); the first and last week may be cut by the window. */
  start: z.string(),
  PLANNING: z.number().int(),
  COMPETITION: z.number().int(),
  RESULT: z.number().int(),
});

export const Insights = z
  .object({
    from: z.string(),
    to: z.string(),
    /** The type group asked for, or null for all. */
    type: z.enum(ROLL_UP_TYPES).nullable(),
    /** Every ISO week touching the window, oldest first, zero-filled. */
    weekly: z.array(InsightsWeek),
    /** Notices per county (NUTS 3), most first; a notice in two counties counts in both. */
    counties: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
    /**
     * Notices per CPV division (first two digits of any of its CPV codes: the web client's detail, or the
     * eForms lots' main CPV), top 15; `label` in Norwegian, `labelEn` in English.
     */
    cpvDivisions: z.array(
      z.object({ code: z.string(), label: z.string(), labelEn: z.string(), count: z.number().int() }),
    ),
    /** Notices per buyer organisation number, top 15; `name` is the name on its newest notice. */
    buyers: z.array(z.object({ orgNumber: z.string(), name: z.string(), count: z.number().int() })),
    /**
     * Awarded values of winning tenders (eForms BT-720) by month of the notice's publication, one row per
     * currency; `count` is the number of winning tenders with a value. Empty without eForms contract data.
     */
    awardValues: z.array(
      z.object({ month: z.string(), total: z.number(), currency: z.string(), count: z.number().int() }),
    ),
    /** When this answer was computed. */
    generatedAt: z.string(),
  })
  .openapi("Insights");
export type Insights = z.infer<typeof Insights>;

export const insightsRoute = createRoute({
  method: "get",
  path: "/v1/insights",
  tags: [INSIGHTS_TAG],
  summary: "Notices per week and type group, county, CPV division and buyer; awarded values per month",
  description:
    "Aggregated from the tracked notices (D1) over a window of Oslo publication days (default: the last 26 weeks). `from` ≤ `to`, at most two years. Withdrawn notices are left out. ETag over the figures (not `generatedAt`); `If-None-Match` answers 304.",
  request: { query: InsightsQuery },
  responses: {
    200: {
      description: "The figures.",
      headers: z.object({ ETag: z.string(), "Cache-Control": z.string() }),
      content: { "application/json": { schema: Insights } },
    },
    304: { description: "Not modified (If-None-Match matched)." },
    ...errorResponses(["invalid_request", "upstream_unavailable"], {
      invalid_request:
        "invalid_request: unknown parameter, not a real date, from after to, a window over two years, unknown type.",
      upstream_unavailable: "upstream_unavailable: the change tracker is not connected or not available.",
    }),
  },
});
