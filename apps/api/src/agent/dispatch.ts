import { type ErrorCode, ErrorEnvelope, type ErrorIssue, STATUS_OF } from "@doffin/core";
import { toErrorResponse } from "@doffin/http";
import type { Context } from "hono";
import { PASSED_HEADERS, type SiblingAnswer } from "../services/siblings";

/**
 * Tools never re-implement a route and never re-enter the app's router: they call the same services as
 * the REST handlers (services/*) and sibling Workers through their bindings. This module turns whatever
 * those throw or answer into the one error type tools throw.
 */

/** A tool failed in a way the caller can act on. MCP shows it as `isError`, the bridge as the envelope. */
export class ToolError extends Error {
  override readonly name = "ToolError";
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues: ErrorIssue[] | undefined;
  /** Headers the caller should see (a sibling's `Retry-After`). */
  readonly headers: Record<string, string>;
  constructor(
    code: ErrorCode,
    message: string,
    opts: { issues?: ErrorIssue[]; headers?: Record<string, string>; status?: number } = {},
  ) {
    super(message);
    this.code = code;
    this.status = opts.status ?? STATUS_OF[code];
    this.issues = opts.issues;
    this.headers = opts.headers ?? {};
  }
}

/** Issue paths in a service's or sibling's names (`cpv`, `query.cpv`, `body.type`) → the tool's names. */
export type Rename = Record<string, string>;

function renamePath(path: string, rename: Rename): string {
  const parts = path.split(".");
  const [first, second, ...rest] = parts;
  // Sibling envelopes prefix where the value came from; services name the parameter bare.
  if ((first === "query" || first === "body" || first === "param") && second !== undefined)
    return [rename[second] ?? second, ...rest].join(".");
  return first !== undefined && rename[first]
    ? [rename[first], second, ...rest].filter(Boolean).join(".")
    : path;
}

function toolFailure(
  code: ErrorCode,
  message: string,
  issues: ErrorIssue[] | undefined,
  rename: Rename,
  extra: { headers?: Record<string, string>; status?: number } = {},
): ToolError {
  const renamed = issues?.map((i) => ({ path: renamePath(i.path, rename), message: i.message }));
  const detail = renamed?.length ? `\n${renamed.map((i) => `- ${i.path}: ${i.message}`).join("\n")}` : "";
  return new ToolError(code, `${message}${detail}`, { issues: renamed, ...extra });
}

/**
 * Anything a service threw → a ToolError, mapped exactly as the REST surface maps it (the shared
 * `toErrorResponse` decides code and message, so a tool and a REST caller see the same failure).
 */
export async function toToolError(c: Context, err: unknown, rename: Rename = {}): Promise<ToolError> {
  if (err instanceof ToolError) return err;
  const res = toErrorResponse(c, err);
  const envelope = ErrorEnvelope.parse(await res.json());
  const headers: Record<string, string> = {};
  for (const h of PASSED_HEADERS) {
    const v = res.headers.get(h);
    if (v) headers[h] = v;
  }
  return toolFailure(envelope.error.code, envelope.error.message, envelope.error.issues, rename, {
    headers,
    status: res.status,
  });
}

/**
 * The body of a sibling's 2xx answer; anything else becomes a ToolError with the sibling's own code,
 * message, issues (renamed to the tool's parameters), status and `Retry-After`.
 */
export function expectOk(answer: SiblingAnswer, rename: Rename = {}): unknown {
  if (answer.status >= 200 && answer.status < 300) return answer.body;
  const headers: Record<string, string> = {};
  for (const h of PASSED_HEADERS) {
    const v = answer.headers.get(h);
    if (v) headers[h] = v;
  }
  const envelope = ErrorEnvelope.safeParse(answer.body);
  if (!envelope.success)
    throw new ToolError("upstream_error", `The service answered ${answer.status} without a usable body.`, {
      headers,
    });
  const { code, message, issues } = envelope.data.error;
  throw toolFailure(code, message, issues, rename, { headers, status: answer.status });
}

/** A sibling's 2xx body checked against its contract schema (a drifted sibling is our fault: internal). */
export const parseShape = <T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  body: unknown,
  what: string,
): T => {
  const r = schema.safeParse(body);
  if (!r.success) throw new ToolError("internal", `The ${what} service answered in an unexpected shape.`);
  return r.data;
};
