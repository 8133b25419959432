import { kindsParam, NoQuery, once, unknownParams } from "@doffin/core";
import { createRoute, z } from "@hono/zod-openapi";
import { ALERTS_TAG, SavedSearchId } from "./alerts-schemas";
import { errorResponses } from "./errors";

/**
 * Route contracts of webhook deliveries (issue #14): one row per (alert event, webhook URL), POSTed by
 * the tracker's ALERT_QUEUE consumer with back-off and a dead-letter queue. Owner-checked like the other
 * `/v1/searches/{id}` routes (another key's search is a 404).
 */

export const DELIVERY_STATUSES = ["pending", "delivered", "failed", "dead", "skipped"] as const;
export const DeliveryStatus = z
  .enum(DELIVERY_STATUSES, { message: `use one of ${DELIVERY_STATUSES.join(", ")}` })
  .openapi("AlertDeliveryStatus", {
    description:
      "pending (queued), delivered (2xx), failed (will be retried), dead (retries used up, or the URL is refused), skipped (search paused, deleted, or its webhook changed).",
  });
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** `dl_` + 20 lower-case hex characters. */
export const DeliveryId = z
  .string()
  .regex(/^dl_[0-9a-f]{20}$/, "a delivery id looks like dl_0123456789abcdef0123")
  .openapi({ param: { name: "deliveryId", in: "path" }, example: "dl_0123456789abcdef0123" });

export const AlertDelivery = z
  .object({
    id: z.string(),
    /** The alert event's id, sent as `Doffin-Event-Id`: the same on every attempt and on a replay. */
    eventId: z.string(),
    searchId: z.string(),
    url: z.string(),
    status: DeliveryStatus,
    attempts: z.number().int(),
    /** The receiver's HTTP status on the last attempt (null: no answer, or not tried). */
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("AlertDelivery");
export type AlertDelivery = z.infer<typeof AlertDelivery>;

export const AlertDeliveryPage = z
  .object({ items: z.array(AlertDelivery), nextCursor: z.string().nullable() })
  .openapi("AlertDeliveryPage");
export type AlertDeliveryPage = z.infer<typeof AlertDeliveryPage>;

export const AlertDeliveryListQuery = z.strictObject(
  {
    status: kindsParam(DELIVERY_STATUSES)
      .optional()
      .describe(
        `Only deliveries in these states, repeated or comma-separated: ${DELIVERY_STATUSES.join(", ")}.`,
      ),
    cursor: once(z.string().min(1).max(512))
      .optional()
      .describe("nextCursor of the previous page, with the same status filter."),
    limit: once(
      z.coerce.number().int().min(1, "must be between 1 and 100").max(100, "must be between 1 and 100"),
    )
      .default(50)
      .describe("Deliveries per page, 1–100, newest first."),
  },
  { error: unknownParams(["status", "cursor", "limit"]) },
);
export type AlertDeliveryListQuery = z.input<typeof AlertDeliveryListQuery>;

export const AlertDeliveryParams = z.object({ id: SavedSearchId, deliveryId: DeliveryId });

const owned = {
  unauthorized: "unauthorized: no API key (or, on the tracker itself, no x-dgw-owner header).",
  upstream_unavailable: "upstream_unavailable: the change tracker is not connected or not available.",
} as const;

export const listDeliveriesRoute = createRoute({
  method: "get",
  path: "/v1/searches/{id}/deliveries",
  tags: [ALERTS_TAG],
  summary: "Webhook deliveries of a saved search, newest first",
  description:
    "One row per alert event and webhook URL: its status, attempts and the receiver's last answer (never its body).",
  request: { params: z.object({ id: SavedSearchId }), query: AlertDeliveryListQuery },
  responses: {
    200: { description: "One page.", content: { "application/json": { schema: AlertDeliveryPage } } },
    ...errorResponses(["invalid_request", "unauthorized", "not_found", "upstream_unavailable"], {
      invalid_request: "invalid_request: bad status, limit or cursor, or an unknown query parameter.",
      not_found: "not_found: no saved search with this id for this key.",
      ...owned,
    }),
  },
});

export const replayDeliveryRoute = createRoute({
  method: "post",
  path: "/v1/searches/{id}/deliveries/{deliveryId}/replay",
  tags: [ALERTS_TAG],
  summary: "Send a delivery again, with the same Doffin-Event-Id",
  description:
    "Queues the delivery once more (any status); the receiver sees the same event id, so it can drop what it already has. 202: queued, not yet sent.",
  request: { params: AlertDeliveryParams, query: NoQuery },
  responses: {
    202: { description: "Queued.", content: { "application/json": { schema: AlertDelivery } } },
    ...errorResponses(["invalid_request", "unauthorized", "not_found", "upstream_unavailable"], {
      invalid_request: "invalid_request: a malformed id, or a query parameter (none are taken).",
      not_found: "not_found: no such saved search for this key, or no such delivery of it.",
      ...owned,
    }),
  },
});

/** The delivery routes, served by the tracker and documented by the API. */
export const alertDeliveryRoutes = [listDeliveriesRoute, replayDeliveryRoute] as const;
