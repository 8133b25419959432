import {
  type ErrorCode,
  type ErrorEnvelope,
  type ErrorIssue,
  isNotFoundError,
  isUpstreamError,
  STATUS_OF,
} from "@doffin/core";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";

/** Throw this from any handler to answer with the error envelope. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;
  readonly headers: Record<string, string>;
  constructor(
    code: ErrorCode,
    message: string,
    opts: { issues?: ErrorIssue[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.code = code;
    this.issues = opts.issues;
    this.headers = opts.headers ?? {};
  }
}

export const requestIdOf = (c: Context): string =>
  (c.get("requestId" as never) as string | undefined) ?? "unknown";

/** Builds the envelope response. Every error any of our Workers sends goes through here. */
export function errorResponse(
  c: Context,
  code: ErrorCode,
  message: string,
  opts: { issues?: ErrorIssue[]; headers?: Record<string, string> } = {},
): Response {
  const body: ErrorEnvelope = { error: { code, message, requestId: requestIdOf(c) } };
  if (opts.issues && opts.issues.length > 0) body.error.issues = opts.issues;
  const res = c.json(body, STATUS_OF[code] as ContentfulStatusCode);
  res.headers.set("cache-control", "no-store");
  for (const [k, v] of Object.entries(opts.headers ?? {})) res.headers.set(k, v);
  return res;
}

/** zod issues → our `issues` list, prefixed with where the value came from (query, body, param ...). */
export function zodIssues(error: z.ZodError, source: string): ErrorIssue[] {
  return error.issues.map((i) => ({
    path: [source, ...i.path.map(String)].filter(Boolean).join("."),
    message: i.message,
  }));
}

/**
 * Maps anything thrown to the envelope. Core's typed upstream errors become 502/503/504/429/404;
 * anything unknown is logged and becomes a generic 500. Upstream bodies never reach the client.
 */
export function toErrorResponse(c: Context, err: unknown): Response {
  if (err instanceof ApiError) return errorResponse(c, err.code, err.message, err);
  if (isNotFoundError(err)) return errorResponse(c, "not_found", err.message);
  if (isUpstreamError(err)) {
    console.warn(
      JSON.stringify({
        msg: "upstream failure",
        requestId: requestIdOf(c),
        kind: err.kind,
        status: err.status,
      }),
    );
    if (err.kind === "timeout") return errorResponse(c, "upstream_timeout", "Doffin did not answer in time.");
    if (err.status === 429) {
      const wait = String(Math.max(1, Math.ceil(err.retryAfterSeconds ?? 10)));
      return errorResponse(c, "rate_limited", `Doffin is rate limiting us; retry in ${wait} s.`, {
        headers: { "retry-after": wait },
      });
    }
    if (err.kind === "network" || err.status === 503)
      return errorResponse(c, "upstream_unavailable", "Doffin cannot be reached right now.");
    return errorResponse(c, "upstream_error", "Doffin answered with an error.");
  }
  if (err instanceof SyntaxError)
    return errorResponse(c, "invalid_request", "The request body is not valid JSON.");
  console.error(
    JSON.stringify({
      msg: "unhandled error",
      requestId: requestIdOf(c),
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    }),
  );
  return errorResponse(
    c,
    "internal",
    "Something went wrong on our side. Quote the request id if you report it.",
  );
}
