import {
  type AlertDelivery,
  type AlertDeliveryPage,
  listDeliveriesRoute,
  replayDeliveryRoute,
} from "@doffin/contracts/alert-deliveries";
import { ApiError, createRouter } from "@doffin/http";
import type { Context } from "hono";
import { decodeCursor, encodeCursor, queryKey } from "../../cursor";
import type { AppEnv } from "../../env";
import { ownerOf } from "../http";
import { getSearch } from "../searches-db";
import { send } from "./outbox";
import { type DeliveryRow, getDelivery, listDeliveries, resetForReplay } from "./store";

export { listDeliveriesRoute, replayDeliveryRoute };

const toDelivery = (r: DeliveryRow): AlertDelivery => ({
  id: r.id,
  eventId: r.event_id,
  searchId: r.search_id,
  url: r.url,
  status: r.status,
  attempts: r.attempts,
  lastStatus: r.last_status,
  lastError: r.last_error,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The search must be the caller's; another owner's is a 404, like a missing one (as on every search route). */
async function ownedSearch(c: Context<AppEnv>, id: string) {
  if (!(await getSearch(c.env.DB, ownerOf(c), id)))
    throw new ApiError("not_found", "No saved search with this id for this key.");
}

export const deliveriesApp = createRouter<AppEnv>()
  .openapi(listDeliveriesRoute, async (c) => {
    const { id } = c.req.valid("param");
    const q = c.req.valid("query");
    await ownedSearch(c, id);
    const secret = c.get("config").cursorSecret;
    const statuses = q.status ? [...new Set(q.status)].sort() : undefined;
    const key = await queryKey({ route: "deliveries", id, status: statuses?.join(",") });
    const pos = q.cursor ? await decodeCursor(q.cursor, key, secret) : null;
    const { rows, next } = await listDeliveries(c.env.DB, {
      searchId: id,
      statuses,
      after: pos ? { createdAt: pos.detectedAt, rowid: pos.seq } : null,
      limit: q.limit,
    });
    const body: AlertDeliveryPage = {
      items: rows.map(toDelivery),
      nextCursor: next
        ? await encodeCursor({ seq: next.rowid, detectedAt: next.createdAt }, key, secret)
        : null,
    };
    return c.json(body, 200);
  })
  .openapi(replayDeliveryRoute, async (c) => {
    const { id, deliveryId } = c.req.valid("param");
    await ownedSearch(c, id);
    if (!(await getDelivery(c.env.DB, id, deliveryId)))
      throw new ApiError("not_found", `No delivery ${deliveryId} of saved search ${id}.`);
    // Same row, same event id: the receiver sees the Doffin-Event-Id it may already have and can drop it.
    const row = await resetForReplay(c.env.DB, deliveryId, new Date());
    if (!row) throw new ApiError("not_found", `No delivery ${deliveryId} of saved search ${id}.`);
    await send(c.env.ALERT_QUEUE, [row.id]);
    return c.json(toDelivery(row), 202);
  });
