import { checkWebhookUrl } from "@doffin/core";
import { backoffSeconds, retryPolicyFrom } from "./backoff";
import type { AlertDeliveryMessage } from "./outbox";
import { postWebhook } from "./post";
import { type AttemptOutcome, loadTarget, markDead, recordOutcome } from "./store";

export const ALERT_QUEUE_NAME = "doffin-alert-deliveries";
export const ALERT_DLQ_NAME = "doffin-alert-dlq";

export type ConsumerDeps = { fetch?: typeof fetch; now?: () => Date };

const allowLoopback = (env: Env) => (env.ALERTS_ALLOW_LOOPBACK_WEBHOOKS as string) === "true";

/** Only the origin goes to logs: a webhook URL's path or query may carry the receiver's own token. */
const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return "(invalid url)";
  }
};

/**
 * The Worker's `queue()` handler: ALERT_QUEUE messages are POSTed, dead-lettered ones marked dead.
 * @example export default { queue: (batch, env) => handleAlertQueue(batch, env) }
 */
export async function handleAlertQueue(batch: MessageBatch<unknown>, env: Env, deps: ConsumerDeps = {}) {
  if (batch.queue === ALERT_DLQ_NAME) return deadLetter(batch, env, deps);
  // One receiver answering slowly must not hold up the others in the batch.
  await Promise.all(batch.messages.map((m) => deliverOne(m, env, deps)));
}

async function deadLetter(batch: MessageBatch<unknown>, env: Env, deps: ConsumerDeps) {
  const ids = batch.messages.map((m) => (m.body as Partial<AlertDeliveryMessage>).deliveryId);
  await markDead(
    env.DB,
    ids.filter((id): id is string => typeof id === "string"),
    deps.now?.() ?? new Date(),
  );
  batch.ackAll();
}

async function deliverOne(message: Message<unknown>, env: Env, deps: ConsumerDeps) {
  const id = (message.body as Partial<AlertDeliveryMessage>).deliveryId;
  const now = deps.now?.() ?? new Date();
  const row = typeof id === "string" ? await loadTarget(env.DB, id) : null;
  // A message without a row (a malformed body, a deleted search's rows) has nothing to deliver.
  if (!row || !id) return message.ack();
  // Queues deliver at least once: a message seen again after its POST succeeded is not sent twice.
  if (row.status === "delivered" || row.status === "skipped") return message.ack();
  const skip = (lastError: string): AttemptOutcome => ({
    status: "skipped",
    attempted: false,
    lastStatus: null,
    lastError,
    nextAttemptAt: null,
  });
  let outcome: AttemptOutcome;
  if (row.webhook_url === null || row.paused === null) outcome = skip("the saved search was deleted");
  else if (row.paused) outcome = skip("the saved search is paused");
  else if (row.webhook_url !== row.url) outcome = skip("the search's webhook URL has changed since");
  else if (!row.payload || !row.event_type || !row.webhook_secret) outcome = skip("the event is gone");
  else {
    // Checked again at send time: the rules (or ALERTS_ALLOW_LOOPBACK_WEBHOOKS) may have changed.
    const checked = checkWebhookUrl(row.url, { allowLoopback: allowLoopback(env) });
    if (!checked.ok) {
      outcome = {
        status: "dead",
        attempted: false,
        lastStatus: null,
        lastError: checked.reason,
        nextAttemptAt: null,
      };
    } else {
      const res = await postWebhook({
        url: checked.url.href,
        secret: row.webhook_secret,
        eventId: row.event_id,
        eventType: row.event_type,
        body: row.payload,
        now,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
      });
      if (res.ok) {
        outcome = {
          status: "delivered",
          attempted: true,
          lastStatus: res.status,
          lastError: null,
          nextAttemptAt: null,
        };
      } else {
        const delaySeconds = backoffSeconds(message.attempts, retryPolicyFrom(env));
        outcome = {
          status: "failed",
          attempted: true,
          lastStatus: res.status,
          lastError: res.error,
          nextAttemptAt: new Date(now.getTime() + delaySeconds * 1000).toISOString(),
        };
        await recordOutcome(env.DB, id, outcome, now);
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
        return message.retry({ delaySeconds });
      }
    }
  }
  await recordOutcome(env.DB, id, outcome, now);
  message.ack();
}
