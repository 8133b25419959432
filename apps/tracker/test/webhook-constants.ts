/** Shared by the webhook receiver (Node) and the delivery tests (workerd). */
export const RECEIVER_SECRET = "whsec_test_0123456789abcdef";

/** One request the receiver got, as its log reports it. */
export type ReceivedWebhook = {
  path: string;
  at: number;
  eventId: string | null;
  eventType: string | null;
  contentType: string | null;
  signature: string | null;
  body: string;
  /** core's verifyWebhook said so. */
  valid: boolean;
  /** The README's node:crypto snippet said so. */
  snippetValid: boolean;
  status: number;
};
