import type { ErrorIssue } from "@doffin/core";
import type { Context, ExecutionContext } from "hono";

/**
 * Tools never re-implement a route: they send an internal request to the public REST route on the same
 * app (same validation, same KV cache, same upstream client) and reshape its JSON. This module is that
 * one doorway, plus the error type tools throw.
 */

/** The API app's fetch handler, bound to the current request's env and execution context. */
export type InnerFetch = (request: Request) => Response | Promise<Response>;

export type RestResponse = { status: number; body: unknown };

export type RestCaller = (
  path: string,
  init?: { method?: "GET" | "POST"; body?: unknown },
) => Promise<RestResponse>;

/** A tool failed in a way the caller can act on. MCP shows it as `isError`, the bridge as the envelope. */
export class ToolError extends Error {
  override readonly name = "ToolError";
  readonly code: string;
  readonly status: number;
  readonly issues: ErrorIssue[] | undefined;
  constructor(code: string, message: string, status = 400, issues?: ErrorIssue[]) {
    super(message);
    this.code = code;
    this.status = status;
    this.issues = issues;
  }
}

/** Hono throws when there is no execution context (plain `app.request` in tests); that is fine here. */
export function executionCtxOf(c: Context): ExecutionContext | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

/**
 * Builds a caller that dispatches to the app's own routes. `inner` passes the current env and execution
 * context, so `waitUntil` revalidation and bindings work exactly as for an outside request. The request
 * id is forwarded so logs of the tool call and the inner request line up.
 */
export function restCaller(inner: InnerFetch, c: Context): RestCaller {
  const requestId = (c.get("requestId" as never) as string | undefined) ?? c.req.header("x-request-id");
  return async (path, init = {}) => {
    const headers = new Headers({ accept: "application/json" });
    if (requestId) headers.set("x-request-id", requestId);
    // Per-client limits downstream (feedback's rate limiter) must see the real client, not "internal".
    for (const h of ["cf-connecting-ip", "x-forwarded-for", "x-real-ip"]) {
      const v = c.req.header(h);
      if (v) headers.set(h, v);
    }
    let body: string | undefined;
    if (init.body !== undefined) {
      headers.set("content-type", "application/json");
      body = JSON.stringify(init.body);
    }
    const req = new Request(new URL(path, "http://internal"), {
      method: init.method ?? "GET",
      headers,
      body,
    });
    const res = await inner(req);
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // A non-JSON answer from our own route is a bug; surface it as an upstream-style failure below.
      parsed = null;
    }
    return { status: res.status, body: parsed };
  };
}

type Envelope = { error: { code: string; message: string; issues?: ErrorIssue[] } };

const isEnvelope = (v: unknown): v is Envelope =>
  typeof v === "object" &&
  v !== null &&
  "error" in v &&
  typeof (v as { error: unknown }).error === "object" &&
  typeof (v as Envelope).error?.message === "string";

/**
 * Returns the body of a 2xx answer; anything else becomes a ToolError carrying the route's own message
 * and issues (the query linter's suggestions), with REST parameter names translated to the tool's.
 */
export function expectOk(res: RestResponse, rename: Record<string, string> = {}): unknown {
  if (res.status >= 200 && res.status < 300) return res.body;
  if (isEnvelope(res.body)) {
    const issues = res.body.error.issues?.map((i) => ({
      path: renamePath(i.path, rename),
      message: i.message,
    }));
    return fail(res.body.error.code, res.body.error.message, res.status, issues);
  }
  return fail("upstream_error", `The gateway answered ${res.status} without a usable body.`, res.status);
}

function fail(code: string, message: string, status: number, issues?: ErrorIssue[]): never {
  const detail = issues?.length ? `\n${issues.map((i) => `- ${i.path}: ${i.message}`).join("\n")}` : "";
  throw new ToolError(code, `${message}${detail}`, status, issues);
}

function renamePath(path: string, rename: Record<string, string>): string {
  const [source, field, ...rest] = path.split(".");
  if ((source === "query" || source === "body" || source === "param") && field && rename[field])
    return [rename[field], ...rest].join(".");
  return path;
}
