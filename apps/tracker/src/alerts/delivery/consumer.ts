import { checkWebhookUrl } from "@doffin/core";
import { backoffSeconds, retryPolicyFrom } from "./backoff";
import type { AlertDeliveryMessage } from "./outbox";
import { postWebhook } from "./post";
import { type AttemptOutcome, type DeliveryTarget, loadTarget, markDead, recordOutcome } from "./store";

export const ALERT_QUEUE_NAME = "doffin-alert-deliveries";
export const ALERT_DLQ_NAME = "doffin-alert-dlq";

const allowLoopback = (env: Env) => (env.ALERTS_ALLOW_LOOPBACK_WEBHOOKS as string) === "true";

/** Only the origin goes to logs: a webhook URL's path or query may carry the receiver's own token. */
const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return "(invalid url)";
  }
};

const deliveryIdOf = (m: Message<unknown>): string | null => {
  const id = (m.body as Partial<AlertDeliveryMessage> | null)?.deliveryId;
  return typeof id === "string" ? id : null;
};

/**
 * The Worker's `queue()` handler: ALERT_QUEUE messages are POSTed, dead-lettered ones marked dead.
 * @example export default { queue: (batch, env) => handleAlertQueue(batch, env) }
 */
export async function handleAlertQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  if (batch.queue === ALERT_DLQ_NAME) {
    const ids = batch.messages.map(deliveryIdOf).filter((id): id is string => id !== null);
    await markDead(env.DB, ids, new Date());
    return batch.ackAll();
  }
  // One receiver answering slowly must not hold up the others in the batch.
  await Promise.all(batch.messages.map((m) => deliverOne(m, env)));
}

const notSent = (status: "skipped" | "dead", lastError: string): AttemptOutcome => ({
  status,
  attempted: false,
  lastStatus: null,
  lastError,
  nextAttemptAt: null,
});

/** Why this row must not be POSTed now (null: send it). */
function refusal(row: DeliveryTarget, env: Env): AttemptOutcome | null {
  if (row.webhook_url === null || row.paused === null)
    return notSent("skipped", "the saved search was deleted");
  if (row.paused) return notSent("skipped", "the saved search is paused");
  if (row.webhook_url !== row.url) return notSent("skipped", "the search's webhook URL has changed since");
  if (!row.payload || !row.event_type || !row.webhook_secret) return notSent("skipped", "the event is gone");
  // Checked again at send time: the rules (or ALERTS_ALLOW_LOOPBACK_WEBHOOKS) may have changed.
  const checked = checkWebhookUrl(row.url, { allowLoopback: allowLoopback(env) });
  return checked.ok ? null : notSent("dead", checked.reason);
}

async function deliverOne(message: Message<unknown>, env: Env): Promise<void> {
  const id = deliveryIdOf(message);
  const row = id ? await loadTarget(env.DB, id) : null;
  // A message without a row (a malformed body, a row gone) has nothing to deliver.
  if (!id || !row) return message.ack();
  // Queues deliver at least once: a message seen again after its POST succeeded is not sent twice.
  if (row.status === "delivered" || row.status === "skipped") return message.ack();
  const now = new Date();
  const refused = refusal(row, env);
  if (refused) {
    await recordOutcome(env.DB, id, refused, now);
    return message.ack();
  }
  const res = await postWebhook({
    url: row.url,
    // refusal() returned null, so these are set.
    secret: row.webhook_secret ?? "",
    eventId: row.event_id,
    eventType: row.event_type ?? "",
    body: row.payload ?? "",
    now,
  });
  if (res.ok) {
    const delivered: AttemptOutcome = {
      status: "delivered",
      attempted: true,
      lastStatus: res.status,
      lastError: null,
      nextAttemptAt: null,
    };
    await recordOutcome(env.DB, id, delivered, now);
    return message.ack();
  }
  const delaySeconds = backoffSeconds(message.attempts, retryPolicyFrom(env));
  const failed: AttemptOutcome = {
    status: "failed",
    attempted: true,
    lastStatus: res.status,
    lastError: res.error,
    nextAttemptAt: new Date(now.getTime() + delaySeconds * 1000).toISOString(),
  };
  await recordOutcome(env.DB, id, failed, now);
  console.log(
    JSON.stringify({
      msg: "webhook attempt failed",
      deliveryId: id,
      origin: originOf(row.url),
      attempt: message.attempts,
      error: res.error,
      retryInSeconds: delaySeconds,
    }),
  );
  message.retry({ delaySeconds });
}
