import { ErrorEnvelope } from "@doffin/core";
import { ApiError, validationHook } from "@doffin/http";
import { OpenAPIHono } from "@hono/zod-openapi";

export type AppEnv = { Bindings: Env };

/** Every (sub-)app gets the shared validation hook, so zod failures answer with the envelope. */
export const newRouter = (): OpenAPIHono<AppEnv> => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** OpenAPI response entry for an error envelope. */
export const errorJson = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorEnvelope } },
});

const RETRY_AFTER_SECONDS = "5";

/**
 * Runs a D1 operation; any failure becomes a 503 with Retry-After. The message tells the client a
 * retry with the same Idempotency-Key is safe (D1 may have committed a write whose answer was lost).
 */
export async function storage<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    console.error(
      JSON.stringify({ msg: "D1 failure", what, error: err instanceof Error ? err.message : String(err) }),
    );
    throw new ApiError(
      "upstream_unavailable",
      "Feedback storage is unavailable right now; retry shortly (reuse your Idempotency-Key).",
      { headers: { "retry-after": RETRY_AFTER_SECONDS } },
    );
  }
}
