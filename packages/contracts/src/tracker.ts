import {
  ChangesFeed,
  ChangesQuery,
  ContractParty,
  ContractValues,
  EformsChanges,
  EformsLot,
  EformsResults,
  NoQuery,
  NoticeHistory,
  NoticeId,
  TrackerStatus,
} from "@doffin/core";
import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "./errors";
import { organizationRoute, organizationSearchRoute } from "./organizations";

/**
 * Route contracts of the tracker Worker. The tracker's route modules add handlers to these objects;
 * the API Worker, which forwards these paths through its `TRACKER` service binding, documents them
 * from the same objects. Every query is a strict zod object: unknown parameters, conflicting repeats
 * and bad values are a 400 in the envelope.
 */

export const TRACKER_TAG = "Change feed";

/** What the API answers on these paths when its `TRACKER` binding is missing or the Worker is down. */
const notConnected = {
  upstream_unavailable: "upstream_unavailable: the change tracker is not connected or not available.",
} as const;

export const changesRoute = createRoute({
  method: "get",
  path: "/v1/changes",
  tags: [TRACKER_TAG],
  summary: "Change feed: typed, field-level changes of Doffin notices",
  description:
    "Oldest first by default, `order=desc` for newest first. Page with `nextCursor` passed back as `cursor` (same other parameters); pages neither skip nor repeat events while the tracker writes. `kind` and `exclude_kind` take several kinds (repeat or comma-separate). `since` is a timestamp or a date (`2026-12-01` = from 00:00 Oslo time). Each event carries a summary of its notice (`notice`).",
  request: { query: ChangesQuery },
  responses: {
    200: {
      description: "One page of events.",
      headers: z.object({ ETag: z.string(), "Last-Modified": z.string(), "Cache-Control": z.string() }),
      content: { "application/json": { schema: ChangesFeed } },
    },
    304: { description: "Not modified (If-None-Match / If-Modified-Since matched)." },
    ...errorResponses(["invalid_request", "upstream_unavailable"], {
      invalid_request: "invalid_request: unknown parameter, conflicting repeat, bad value or cursor.",
      ...notConnected,
    }),
  },
});

export const historyRoute = createRoute({
  method: "get",
  path: "/v1/notices/{id}/history",
  tags: [TRACKER_TAG],
  summary: "A tracked notice's state, snapshots and change events, oldest first",
  request: { params: z.object({ id: NoticeId }), query: NoQuery },
  responses: {
    200: { description: "The history.", content: { "application/json": { schema: NoticeHistory } } },
    ...errorResponses(["invalid_request", "not_found", "upstream_unavailable"], {
      invalid_request: "invalid_request: bad notice id or a query parameter (this route takes none).",
      not_found: "not_found: the tracker does not track this notice (yet).",
      ...notConnected,
    }),
  },
});

export const statusRoute = createRoute({
  method: "get",
  path: "/v1/tracker/status",
  tags: [TRACKER_TAG],
  summary: "Last sweep, backfill progress and totals of the tracker",
  request: { query: NoQuery },
  responses: {
    200: { description: "Tracker status.", content: { "application/json": { schema: TrackerStatus } } },
    ...errorResponses(["invalid_request", "upstream_unavailable"], {
      invalid_request: "invalid_request: a query parameter (this route takes none).",
      ...notConnected,
    }),
  },
});

// One organisation in one role, and the three values kept apart: core's public contract-data views,
// re-exported so the route contract and the API's notice detail speak the very same shapes.
export { CONTRACT_PARTY_ROLES, ContractParty } from "@doffin/core";

/** Fields of the contract data that only the eForms XML carries; listed in `unavailable` when missing. */
export const CONTRACT_XML_FIELDS = [
  "lots",
  "results",
  "change",
  "values.frameworkMaximum",
  "values.awarded",
  "parties.winner",
  "parties.tenderer",
  "parties.review_body",
] as const;

export const CONTRACT_UNAVAILABLE_REASONS = [
  /** The tracker runs without a Public API key: only the web client's JSON is read. */
  "no_public_api_key",
  /** A key is configured but this notice's XML has not been downloaded yet (budget, backfill). */
  "not_downloaded",
  /** The XML was downloaded but is not a readable eForms notice (`parseError` says why). */
  "parse_error",
] as const;

export const NoticeContract = z.object({
  noticeId: NoticeId,
  /** eForms lots (BT-137 …); [] and listed in `unavailable` without the XML. */
  lots: z.array(EformsLot),
  results: EformsResults.nullable(),
  parties: z.array(ContractParty),
  /** Kept apart, never added: the estimate (BT-27), the framework maximum (BT-271 / BT-118), the awarded total (BT-161). */
  values: ContractValues,
  /** BT-758 etc.: the notice this one changes, null when it changes none. */
  change: EformsChanges.nullable(),
  /** Where the answer comes from: the tracked snapshot (web client / Public API search) and the XML. */
  dataSources: z.array(
    z.object({
      source: z.enum(["webclient", "public-api", "eforms-xml"]),
      fetchedAt: z.string(),
      /** sha256 of the XML (its R2 key is `eforms/{noticeId}/{contentHash}.xml`); null for JSON sources. */
      contentHash: z.string().nullable(),
    }),
  ),
  /** Fields of `CONTRACT_XML_FIELDS` this answer could not fill (null/[] there means "unknown", not "none"). */
  unavailable: z.array(z.enum(CONTRACT_XML_FIELDS)),
  unavailableReason: z.enum(CONTRACT_UNAVAILABLE_REASONS).nullable(),
  parseError: z.object({ reason: z.string(), message: z.string(), at: z.string() }).nullable(),
});
export type NoticeContract = z.infer<typeof NoticeContract>;

export const noticeContractRoute = createRoute({
  method: "get",
  path: "/v1/notices/{id}/contract",
  tags: [TRACKER_TAG],
  summary: "A tracked notice's contract data: lots, results, parties and values from its eForms XML",
  description:
    "Served from the tracker's store (no upstream call). Without the XML (no Public API key, not downloaded yet, unreadable) the answer holds what the tracked snapshot knows and lists the missing fields in `unavailable` with `unavailableReason`.",
  request: { params: z.object({ id: NoticeId }), query: NoQuery },
  responses: {
    200: { description: "The contract data.", content: { "application/json": { schema: NoticeContract } } },
    ...errorResponses(["invalid_request", "not_found", "upstream_unavailable"], {
      invalid_request: "invalid_request: bad notice id or a query parameter (this route takes none).",
      not_found: "not_found: the tracker does not track this notice (yet).",
      ...notConnected,
    }),
  },
});

export const TrackerHealth = z.object({
  status: z.literal("ok"),
  service: z.literal("doffin-tracker"),
  lastSweepAt: z.string().nullable(),
});
export type TrackerHealth = z.infer<typeof TrackerHealth>;

/** The tracker Worker's own liveness route (the API's `/health` is its own). */
export const trackerHealthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: [TRACKER_TAG],
  summary: "Liveness of the tracker and the time of its last sweep",
  request: { query: NoQuery },
  responses: {
    200: { description: "The Worker runs.", content: { "application/json": { schema: TrackerHealth } } },
    ...errorResponses(["invalid_request"], {
      invalid_request: "invalid_request: a query parameter (this route takes none).",
    }),
  },
});

/** The routes the API serves through its `TRACKER` binding (not `/health`, which the API has itself). */
export const trackerRoutes = [
  changesRoute,
  historyRoute,
  noticeContractRoute,
  statusRoute,
  organizationSearchRoute,
  organizationRoute,
] as const;
