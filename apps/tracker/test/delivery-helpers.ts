import { env } from "cloudflare:workers";
import { type AlertEvent, matchNewEvent } from "@doffin/core";
import { inject } from "vitest";
import { RECEIVER_SECRET, type ReceivedWebhook } from "./webhook-constants";

/** Helpers of the webhook delivery tests: saved searches and outbox events straight in D1, the receiver's log. */

export const receiverUrl = () => inject("webhookReceiverUrl");

let counter = 0;
/** A fresh saved-search id (`ss_` + 20 base32) per call, so tests never share rows. */
export function searchId(): string {
  counter += 1;
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const n = `${Date.now().toString(32)}${counter.toString(32)}`.replace(/[018-9]/g, "a");
  const tail = [...n].map((ch) => (alphabet.includes(ch) ? ch : "q")).join("");
  return `ss_${tail.padStart(20, "z").slice(-20)}`;
}

export type TestSearch = { id: string; owner: string; webhookPath: string | null; url: string | null };

/** A saved search owned by `owner` whose webhook is the local receiver's `path` (null: no webhook). */
export async function insertSearch(
  owner: string,
  webhookPath: string | null,
  paused = false,
): Promise<TestSearch> {
  const id = searchId();
  const at = new Date().toISOString();
  const url = webhookPath ? `${receiverUrl()}${webhookPath}` : null;
  await env.DB.prepare(
    `INSERT INTO saved_searches (id, owner, name, source, query, webhook_url, webhook_secret, feed_token, paused, created_at, updated_at)
     VALUES (?, ?, ?, 'notices', '{}', ?, ?, ?, ?, ?, ?)`,
  )
    .bind(id, owner, `search ${id}`, url, url ? RECEIVER_SECRET : null, `tok_${id}`, paused ? 1 : 0, at, at)
    .run();
  return { id, owner, webhookPath, url };
}

/** One match.new event of `search` for notice `itemId`, written to the outbox as the matcher would. */
export async function insertEvent(search: TestSearch, itemId: string): Promise<AlertEvent> {
  const event = await matchNewEvent({
    search: { id: search.id, name: `search ${search.id}` },
    item: {
      source: "notices",
      id: itemId,
      title: `Notice ${itemId}`,
      url: `https://www.doffin.no/notices/${itemId}`,
      deadline: null,
      status: "ACTIVE",
    },
    createdAt: new Date().toISOString(),
  });
  await env.DB.prepare(
    "INSERT INTO alert_events (id, search_id, item_id, type, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  )
    .bind(event.id, search.id, itemId, event.type, JSON.stringify(event), event.createdAt)
    .run();
  return event;
}

export async function received(prefix: string): Promise<ReceivedWebhook[]> {
  const res = await fetch(`${receiverUrl()}/_log?prefix=${encodeURIComponent(prefix)}`);
  return (await res.json()) as ReceivedWebhook[];
}

export type DeliveryRowView = {
  id: string;
  event_id: string;
  status: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
};

export async function deliveriesOf(searchIdValue: string): Promise<DeliveryRowView[]> {
  const { results } = await env.DB.prepare(
    "SELECT id, event_id, status, attempts, last_status, last_error, next_attempt_at FROM alert_deliveries WHERE search_id = ? ORDER BY rowid",
  )
    .bind(searchIdValue)
    .all<DeliveryRowView>();
  return results;
}

/** Polls until `done` holds (the queue consumer runs on its own schedule), or fails after `ms`. */
export async function waitFor<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A pending delivery row of `event` to `url`, made without the queue (for direct consumer calls). */
export async function insertDelivery(search: TestSearch, eventId: string, url: string): Promise<string> {
  const id = `dl_${[...crypto.getRandomValues(new Uint8Array(10))].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
  const at = new Date().toISOString();
  await env.DB.prepare(
    `INSERT INTO alert_deliveries (id, event_id, search_id, url, status, attempts, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
  )
    .bind(id, eventId, search.id, url, at, at)
    .run();
  return id;
}
