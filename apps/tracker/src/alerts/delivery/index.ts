export { backoffSeconds, type RetryPolicy, retryPolicyFrom } from "./backoff";
export { ALERT_DLQ_NAME, ALERT_QUEUE_NAME, handleAlertQueue } from "./consumer";
export { type AlertDeliveryMessage, type FlushResult, flushAlertOutbox } from "./outbox";
export { postWebhook, WEBHOOK_TIMEOUT_MS } from "./post";
