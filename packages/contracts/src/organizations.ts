import { Money, NoticeId, once, unknownParams } from "@doffin/core";
import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "./errors";

/**
 * Route contracts of the organisation views. The tracker serves them from the contract data it stores
 * (eForms XML parsed into D1); the API forwards `/v1/organizations*` to it through its `TRACKER`
 * binding and documents the same objects. Organisations are keyed by their Norwegian organisation
 * number (`NO-BRC`, 9 digits): a party the notices name without one is listed on its notice's contract
 * data but has no organisation page.
 */

export const ORGANIZATIONS_TAG = "Organisations";

const notConnected = {
  upstream_unavailable: "upstream_unavailable: the change tracker is not connected or not available.",
} as const;

/**
 * An organisation number as people write it: `974760673`, `974 760 673`, `NO 974 760 673 MVA`,
 * `NO974760673MVA`; normalized to the 9 digits, anything else is a 400.
 * @example OrgNumberParam.parse("NO 974 760 673 MVA") // "974760673"
 */
export const OrgNumberParam = z
  .string()
  .transform((v, ctx) => {
    const digits = v.replace(/\s+/g, "").replace(/^NO/i, "").replace(/MVA$/i, "");
    if (/^\d{9}$/.test(digits)) return digits;
    ctx.addIssue({
      code: "custom",
      message: "an organisation number has 9 digits (974760673, 974 760 673 or NO 974 760 673 MVA)",
    });
    return z.NEVER;
  })
  .openapi({ param: { name: "orgNumber", in: "path" }, example: "974760673" });

export const ORGANIZATION_ROLES = ["buyer", "supplier"] as const;
export const OrganizationRole = z.enum(ORGANIZATION_ROLES, { message: "use buyer or supplier" });
export type OrganizationRole = z.infer<typeof OrganizationRole>;

const Cursor = once(z.string().min(1).max(512));

const SEARCH_PARAMS = ["q", "role", "cursor", "limit"] as const;

/**
 * Query of `GET /v1/organizations`: a name search, diacritic- and case-insensitive (`tromso` finds
 * `Tromsø kommune`), over buyers and suppliers unless `role` narrows it.
 * @example OrganizationSearchQuery.parse({ q: "tromso", role: "buyer" })
 */
export const OrganizationSearchQuery = z.strictObject(
  {
    q: once(z.string().trim().min(2, "give at least 2 characters").max(100)).describe(
      "Part of the organisation's name; case and diacritics are ignored (tromso finds Tromsø).",
    ),
    role: once(OrganizationRole)
      .optional()
      .describe("buyer: has published notices; supplier: has won awards. Default both."),
    cursor: Cursor.optional().describe("nextCursor of the previous page, with the same other parameters."),
    limit: once(z.coerce.number().int().min(1).max(100)).default(20).describe("Hits per page, 1–100."),
  },
  { error: unknownParams(SEARCH_PARAMS) },
);
export type OrganizationSearchQuery = z.input<typeof OrganizationSearchQuery>;

export const OrganizationHit = z.object({
  orgNumber: z.string(),
  /** The name on its most recent notice. */
  name: z.string(),
  roles: z.array(OrganizationRole),
  /** Notices naming it as buyer. */
  noticesPublished: z.number().int(),
  /** Lot results naming it as a winner. */
  awardsWon: z.number().int(),
});
export type OrganizationHit = z.infer<typeof OrganizationHit>;

export const OrganizationSearchPage = z.object({
  items: z.array(OrganizationHit),
  nextCursor: z.string().nullable(),
});
export type OrganizationSearchPage = z.infer<typeof OrganizationSearchPage>;

const PROFILE_PARAMS = ["cursor", "limit"] as const;

/** Query of `GET /v1/organizations/{orgNumber}`: `cursor`/`limit` page its list of awards won. */
export const OrganizationQuery = z.strictObject(
  {
    cursor: Cursor.optional().describe("asSupplier.nextCursor of the previous answer."),
    limit: once(z.coerce.number().int().min(1).max(100)).default(50).describe("Awards per page, 1–100."),
  },
  { error: unknownParams(PROFILE_PARAMS) },
);
export type OrganizationQuery = z.input<typeof OrganizationQuery>;

export const OrganizationAward = z.object({
  noticeId: NoticeId,
  lotId: z.string().nullable(),
  lotTitle: z.string().nullable(),
  /** The winning tender's value (BT-720); null when the notice gives none. Never a sum of lots. */
  value: Money.nullable(),
  buyer: z.object({ name: z.string(), orgNumber: z.string().nullable() }).nullable(),
  /** Winner decision date (BT-1451), else contract conclusion (BT-145), else the notice's publication day. */
  date: z.string().nullable(),
});
export type OrganizationAward = z.infer<typeof OrganizationAward>;

export const OrganizationProfile = z.object({
  orgNumber: z.string(),
  name: z.string(),
  /** Other spellings the notices use for it. */
  otherNames: z.array(z.string()),
  roles: z.array(OrganizationRole),
  asBuyer: z.object({
    noticesPublished: z.number().int(),
    /** Newest year first; `type` is the Doffin notice type (COMPETITION, RESULT, …). */
    byYear: z.array(
      z.object({
        year: z.number().int(),
        total: z.number().int(),
        byType: z.array(z.object({ type: z.string(), count: z.number().int() })),
      }),
    ),
  }),
  asSupplier: z.object({
    awardsWon: z.number().int(),
    /** Newest first (by date, then notice id and lot), one page. */
    awards: z.array(OrganizationAward),
    nextCursor: z.string().nullable(),
  }),
});
export type OrganizationProfile = z.infer<typeof OrganizationProfile>;

export const organizationSearchRoute = createRoute({
  method: "get",
  path: "/v1/organizations",
  tags: [ORGANIZATIONS_TAG],
  summary: "Find buyers and suppliers by name (diacritic-insensitive)",
  description:
    "Organisations with a Norwegian organisation number that the tracked notices' eForms data name as buyer or winner. Ordered by name; page with `nextCursor`.",
  request: { query: OrganizationSearchQuery },
  responses: {
    200: {
      description: "One page of organisations.",
      content: { "application/json": { schema: OrganizationSearchPage } },
    },
    ...errorResponses(["invalid_request", "upstream_unavailable"], {
      invalid_request:
        "invalid_request: missing or too short q, unknown parameter, bad role, limit or cursor.",
      ...notConnected,
    }),
  },
});

export const organizationRoute = createRoute({
  method: "get",
  path: "/v1/organizations/{orgNumber}",
  tags: [ORGANIZATIONS_TAG],
  summary: "An organisation as buyer (notices by year and type) and as supplier (awards won)",
  request: { params: z.object({ orgNumber: OrgNumberParam }), query: OrganizationQuery },
  responses: {
    200: {
      description: "The organisation.",
      content: { "application/json": { schema: OrganizationProfile } },
    },
    ...errorResponses(["invalid_request", "not_found", "upstream_unavailable"], {
      invalid_request: "invalid_request: not an organisation number, unknown parameter, bad limit or cursor.",
      not_found: "not_found: no tracked notice names this organisation.",
      ...notConnected,
    }),
  },
});

/** The organisation routes the API serves through its `TRACKER` binding. */
export const organizationRoutes = [organizationSearchRoute, organizationRoute] as const;
