import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, signWebhook } from "@doffin/core";

/** A receiver gets this long to answer; a slow one is a failed attempt, retried with back-off. */
export const WEBHOOK_TIMEOUT_MS = 5_000;

export type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export type WebhookPost = {
  url: string;
  secret: string;
  eventId: string;
  eventType: string;
  /** The AlertEvent JSON, exactly the bytes signed. */
  body: string;
  now: Date;
  fetch?: typeof fetch;
};

/**
 * One signed POST. Redirects are not followed (`redirect: "manual"`): the URL was checked against SSRF
 * rules and a 3xx could point anywhere, so it counts as a failure. The response body is never read
 * (only drained), and nothing here logs the body or the secret.
 * @example await postWebhook({ url, secret, eventId, eventType: "match.new", body, now: new Date() })
 */
export async function postWebhook(p: WebhookPost): Promise<PostResult> {
  const signature = await signWebhook(p.secret, Math.floor(p.now.getTime() / 1000), p.body);
  let res: Response;
  try {
    res = await (p.fetch ?? fetch)(p.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": "doffin-gateway-webhooks/1",
        [SIGNATURE_HEADER]: signature,
        [EVENT_ID_HEADER]: p.eventId,
        [EVENT_TYPE_HEADER]: p.eventType,
      },
      body: p.body,
    });
  } catch (err) {
    const name = err instanceof Error ? err.name : "";
    const error =
      name === "TimeoutError" || name === "AbortError"
        ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`
        : `connection failed (${name || "network error"})`;
    return { ok: false, status: null, error };
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
  const error =
    res.status >= 300 && res.status < 400
      ? `HTTP ${res.status}: redirects are not followed`
      : `HTTP ${res.status}`;
  return { ok: false, status: res.status, error };
}
