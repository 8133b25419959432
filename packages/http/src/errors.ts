import { type ErrorCode, type ErrorEnvelope, type ErrorIssue, STATUS_OF } from "@doffin/core";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { logLine } from "./log";
import { requestIdOf } from "./request-id";

type ErrorOptions = {
  issues?: ErrorIssue[] | undefined;
  headers?: Record<string, string>;
  /** Extra fields for the log line of this error (what failed, the cause); never sent to the client. */
  log?: Record<string, unknown> | undefined;
};

/** Throw this from any handler to answer with the error envelope. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;
  readonly headers: Record<string, string>;
  readonly log: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, opts: ErrorOptions = {}) {
    super(message);
    this.code = code;
    this.issues = opts.issues;
    this.headers = opts.headers ?? {};
    this.log = opts.log;
  }
}

/** Sent when a 429 is raised without its own wait (a client must always be told when to come back). */
const DEFAULT_RETRY_AFTER_SECONDS = "60";

/**
 * Builds the envelope response and logs it as one JSON line (4xx at info, 5xx at error; `log` adds
 * fields to that line only, never to the response). Every error any of our Workers sends goes through here.
 */
export function errorResponse(
  c: Context,
  code: ErrorCode,
  message: string,
  opts: ErrorOptions = {},
): Response {
  const status = STATUS_OF[code];
  const requestId = requestIdOf(c);
  const body: ErrorEnvelope = { error: { code, message, requestId } };
  if (opts.issues && opts.issues.length > 0) body.error.issues = opts.issues;
  const res = c.json(body, status as ContentfulStatusCode);
  res.headers.set("cache-control", "no-store");
  for (const [k, v] of Object.entries(opts.headers ?? {})) res.headers.set(k, v);
  if (code === "rate_limited" && !res.headers.has("retry-after"))
    res.headers.set("retry-after", DEFAULT_RETRY_AFTER_SECONDS);
  logLine(status >= 500 ? "error" : "info", {
    msg: status >= 500 ? "server error" : "client error",
    requestId,
    method: c.req.method,
    path: new URL(c.req.url).pathname,
    status,
    code,
    ...opts.log,
  });
  return res;
}

/** zod issues → our `issues` list, prefixed with where the value came from (query, body, param ...). */
export function zodIssues(error: z.ZodError, source: string): ErrorIssue[] {
  return error.issues.map((i) => ({
    path: [source, ...i.path.map(String)].filter(Boolean).join("."),
    message: i.message,
  }));
}
