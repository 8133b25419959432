import { ALERT_SOURCES, AlertItem, kindsParam, once, unknownParams } from "@doffin/core";
import { z } from "@hono/zod-openapi";

/**
 * Zod schemas of saved searches and their alerts (issue #14): what the tracker validates with and what
 * every OpenAPI document listing the routes (the tracker's, the API's) is generated from. The routes
 * are in `./alerts`.
 */

export const ALERTS_TAG = "Saved searches and alerts";

/** Limits of saved searches, in one place so docs, checks and tests agree. */
export const ALERT_LIMITS = {
  /** Raw request body of POST/PATCH, bytes. */
  bodyBytes: 16 * 1024,
  /** `name`, in code points after trimming. */
  nameChars: 200,
  /** Default of the tracker var ALERTS_MAX_SEARCHES_PER_OWNER. */
  searchesPerOwner: 100,
  /** `webhook.url`, characters. */
  webhookUrlChars: 2048,
  /** `webhook.secret`, characters (at least 16 so a guessable secret is refused). */
  webhookSecretMin: 16,
  webhookSecretMax: 256,
  /** Feed entries: default and maximum of `?limit`. */
  feedEntries: 100,
} as const;

export const AlertSourceParam = z
  .enum(ALERT_SOURCES, { message: "use notices or jobs" })
  .openapi({ description: "What the search runs over: Doffin notices or NAV job ads." });

export const MATCH_STATES = ["new", "seen", "starred", "excluded"] as const;
export const MatchState = z
  .enum(MATCH_STATES, { message: `use one of ${MATCH_STATES.join(", ")}` })
  .openapi("AlertMatchState", {
    description: "new (default), seen, starred, or excluded (no more events for this item).",
  });
export type MatchState = z.infer<typeof MatchState>;

/** `ss_` + 20 characters of RFC 4648 base32, lower case (100 random bits). */
export const SAVED_SEARCH_ID_PATTERN = /^ss_[a-z2-7]{20}$/;
export const SavedSearchId = z
  .string()
  .regex(SAVED_SEARCH_ID_PATTERN, "a saved search id looks like ss_4fz2q7m3k5x6a2b7c3d4")
  .openapi({ param: { name: "id", in: "path" }, example: "ss_4fz2q7m3k5x6a2b7c3d4" });

/** A matched item's id: a Doffin notice id or a NAV job uuid. */
export const AlertItemId = z
  .string()
  .regex(
    /^(\d{4}-\d{1,7}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/,
    "a notice id (2026-107918) or a NAV job uuid",
  )
  .openapi({ param: { name: "itemId", in: "path" }, example: "2026-107918" });

const codePoints = (s: string): number => [...s].length;

const SearchName = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .refine(
    (s) => codePoints(s) <= ALERT_LIMITS.nameChars,
    `must be at most ${ALERT_LIMITS.nameChars} characters`,
  )
  .openapi({ description: "Trimmed, 1–200 characters.", example: "IT services in Oslo" });

const QueryValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]);

/**
 * The filter: the very parameters GET /v1/notices (source notices) or GET /v1/jobs (source jobs) takes,
 * as a JSON object (`{"type":"COMPETITION","cpv":["72*"],"location":"Oslo"}`). The tracker validates it
 * with the same contract and messages as those routes (an unknown parameter is the same 400).
 */
export const SavedSearchQuery = z.record(z.string(), QueryValue).openapi("SavedSearchQuery", {
  description:
    "The filter parameters of GET /v1/notices (source notices) or GET /v1/jobs (source jobs), as an object; validated with the same messages as those routes.",
  example: { type: "COMPETITION", cpv: "72*", location: "Oslo" },
});

const WebhookUrl = z.string().min(1).max(ALERT_LIMITS.webhookUrlChars);
const WebhookSecret = z
  .string()
  .min(ALERT_LIMITS.webhookSecretMin, `must be at least ${ALERT_LIMITS.webhookSecretMin} characters`)
  .max(ALERT_LIMITS.webhookSecretMax, `must be at most ${ALERT_LIMITS.webhookSecretMax} characters`);

export const WebhookInput = z
  .strictObject({
    url: WebhookUrl.openapi({ example: "https://example.com/hooks/doffin" }),
    secret: WebhookSecret.optional().openapi({
      description: "The HMAC key of Doffin-Signature; generated (and returned once) when absent.",
    }),
  })
  .openapi("SavedSearchWebhookInput");

/** Body of `POST /v1/searches`. Unknown keys are refused so typos do not vanish silently. */
export const SavedSearchCreate = z
  .strictObject({
    name: SearchName,
    source: AlertSourceParam,
    query: SavedSearchQuery.default({}),
    webhook: WebhookInput.nullable().optional(),
    paused: z.boolean().default(false).openapi({ description: "A paused search matches nothing." }),
  })
  .openapi("SavedSearchCreate");
export type SavedSearchCreate = z.infer<typeof SavedSearchCreate>;

/** Body of `PATCH /v1/searches/{id}`: any of the fields; `webhook: null` removes the webhook. */
export const SavedSearchUpdate = z
  .strictObject({
    name: SearchName.optional(),
    query: SavedSearchQuery.optional(),
    webhook: WebhookInput.nullable().optional(),
    paused: z.boolean().optional(),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    "give at least one of name, query, webhook, paused",
  )
  .openapi("SavedSearchUpdate");
export type SavedSearchUpdate = z.infer<typeof SavedSearchUpdate>;

export const SavedSearch = z
  .object({
    id: z.string(),
    name: z.string(),
    source: z.enum(ALERT_SOURCES),
    query: z.record(z.string(), z.unknown()),
    webhook: z
      .object({
        url: z.string(),
        /** Only in the answer that set it (create, or a PATCH that set a webhook): store it then. */
        secret: z.string().optional(),
      })
      .nullable(),
    paused: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** The feeds of this search; the token in them is their credential (no API key needed). */
    feeds: z.object({ atom: z.string(), json: z.string() }),
  })
  .openapi("SavedSearch");
export type SavedSearch = z.infer<typeof SavedSearch>;

export const SavedSearchPage = z
  .object({ items: z.array(SavedSearch), nextCursor: z.string().nullable() })
  .openapi("SavedSearchPage");
export type SavedSearchPage = z.infer<typeof SavedSearchPage>;

export const AlertMatch = z
  .object({
    searchId: z.string(),
    itemId: z.string(),
    source: z.enum(ALERT_SOURCES),
    state: MatchState,
    deadline: z.string().nullable(),
    firstMatchedAt: z.string(),
    lastEventAt: z.string().nullable(),
    /** The item as its newest alert event described it. */
    item: AlertItem.nullable(),
  })
  .openapi("AlertMatch");
export type AlertMatch = z.infer<typeof AlertMatch>;

export const AlertMatchPage = z
  .object({ items: z.array(AlertMatch), nextCursor: z.string().nullable() })
  .openapi("AlertMatchPage");
export type AlertMatchPage = z.infer<typeof AlertMatchPage>;

export const AlertMatchUpdate = z.strictObject({ state: MatchState }).openapi("AlertMatchUpdate");
export type AlertMatchUpdate = z.infer<typeof AlertMatchUpdate>;

const Cursor = once(z.string().min(1).max(512));
const pageLimit = (fallback: number) =>
  once(
    z.coerce.number().int().min(1, "must be between 1 and 100").max(100, "must be between 1 and 100"),
  ).default(fallback);

export const SavedSearchListQuery = z.strictObject(
  {
    cursor: Cursor.optional().describe("nextCursor of the previous page."),
    limit: pageLimit(50).describe("Searches per page, 1–100, newest first."),
  },
  { error: unknownParams(["cursor", "limit"]) },
);

export const AlertMatchListQuery = z.strictObject(
  {
    state: kindsParam(MATCH_STATES)
      .optional()
      .describe(`Only matches in these states, repeated or comma-separated: ${MATCH_STATES.join(", ")}.`),
    cursor: Cursor.optional().describe("nextCursor of the previous page, with the same state filter."),
    limit: pageLimit(50).describe("Matches per page, 1–100, newest first."),
  },
  { error: unknownParams(["state", "cursor", "limit"]) },
);

export const AlertFeedQuery = z.strictObject(
  {
    token: once(z.string().max(128))
      .optional()
      .describe("The feed token from the saved search's `feeds` URLs; a missing or wrong one is a 404."),
    limit: once(
      z.coerce
        .number()
        .int()
        .min(1, `must be between 1 and ${ALERT_LIMITS.feedEntries}`)
        .max(ALERT_LIMITS.feedEntries, `must be between 1 and ${ALERT_LIMITS.feedEntries}`),
    )
      .default(ALERT_LIMITS.feedEntries)
      .describe(`Newest entries, 1–${ALERT_LIMITS.feedEntries}.`),
  },
  { error: unknownParams(["token", "limit"]) },
);

export const SavedSearchIdParams = z.object({ id: SavedSearchId });
export const AlertMatchParams = z.object({ id: SavedSearchId, itemId: AlertItemId });
