import { ApiError } from "@doffin/http";

const RETRY_AFTER_SECONDS = "5";

/**
 * Runs a D1 operation; any failure becomes a 503 with Retry-After. The message tells the client a
 * retry with the same Idempotency-Key is safe (D1 may have committed a write whose answer was lost).
 * What D1 said goes to the error's log line, never to the client.
 */
export async function storage<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw new ApiError(
      "upstream_unavailable",
      "Feedback storage is unavailable right now; retry shortly (reuse your Idempotency-Key).",
      {
        headers: { "retry-after": RETRY_AFTER_SECONDS },
        log: { what: `D1: ${what}`, error: err instanceof Error ? err.message : String(err) },
      },
    );
  }
}
