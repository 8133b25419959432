import {
  ERROR_CODES,
  type ErrorCode,
  isNotFoundError,
  isUpstreamError,
  STATUS_OF,
  UnsupportedFilterError,
  type UpstreamError,
} from "@doffin/core";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import { ApiError, errorResponse } from "./errors";

/** The code for an HTTP status; a status we have no code for falls back by class. */
export function codeForStatus(status: number): ErrorCode {
  return ERROR_CODES.find((k) => STATUS_OF[k] === status) ?? (status < 500 ? "invalid_request" : "internal");
}

/** Headers of a Hono HTTPException's own response worth keeping (auth challenges, Allow, Retry-After). */
const KEPT_HEADERS = ["www-authenticate", "allow", "retry-after"];

function fromHttpException(c: Context, err: HTTPException): Response {
  const code = codeForStatus(err.status);
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = err.res?.headers.get(name);
    if (value) headers[name] = value;
  }
  // Hono's own messages ("Malformed JSON in request body", …) are written for clients; a 5xx's is not.
  const message = STATUS_OF[code] < 500 && err.message ? err.message : "The request could not be handled.";
  return errorResponse(c, code, message, { headers, log: { error: `HTTPException ${err.status}` } });
}

function fromUpstream(c: Context, err: UpstreamError): Response {
  const log = { upstreamKind: err.kind, upstreamStatus: err.status, attempts: err.attempts };
  if (err.kind === "timeout")
    return errorResponse(c, "upstream_timeout", "Doffin did not answer in time.", { log });
  if (err.status === 429) {
    const wait = String(Math.max(1, Math.ceil(err.retryAfterSeconds ?? 10)));
    return errorResponse(c, "rate_limited", `Doffin is rate limiting us; retry in ${wait} s.`, {
      headers: { "retry-after": wait },
      log,
    });
  }
  if (err.kind === "network" || err.status === 503)
    return errorResponse(c, "upstream_unavailable", "Doffin cannot be reached right now.", { log });
  return errorResponse(c, "upstream_error", "Doffin answered with an error.", { log });
}

/**
 * Maps anything thrown to the envelope: our ApiError as it says; Hono's HTTPException by its status;
 * core's typed errors (upstream → 502/503/504/429, not found → 404, a filter the upstream cannot apply
 * → 400); anything else → a generic 500. Messages, stacks and upstream bodies of unexpected errors go to
 * the log line only — a response never carries a stack trace or a file path.
 *
 * A ZodError that gets here is ours, not the client's: client input is checked by `validationHook` and
 * answered there, so a schema failing inside a handler (a response shape, config vars, a stored row) is
 * a 500 whose issues are logged, not sent.
 */
export function toErrorResponse(c: Context, err: unknown): Response {
  if (err instanceof ApiError) return errorResponse(c, err.code, err.message, err);
  if (err instanceof HTTPException) return fromHttpException(c, err);
  if (isNotFoundError(err)) return errorResponse(c, "not_found", err.message);
  if (isUpstreamError(err)) return fromUpstream(c, err);
  if (err instanceof UnsupportedFilterError)
    return errorResponse(c, "invalid_request", `${err.message}.`, {
      issues: err.filters.map((f) => ({ path: `query.${f}`, message: "the upstream cannot filter by this" })),
    });
  if (err instanceof SyntaxError)
    return errorResponse(c, "invalid_request", "The request body is not valid JSON.");
  return errorResponse(
    c,
    "internal",
    "Something went wrong on our side. Quote the request id if you report it.",
    {
      log: {
        error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
        ...(err instanceof z.ZodError ? { issues: err.issues } : {}),
        stack: err instanceof Error ? err.stack : undefined,
      },
    },
  );
}

/** `app.onError(onError)`: everything thrown ends as the envelope. */
export const onError = (err: Error, c: Context): Response => toErrorResponse(c, err);
