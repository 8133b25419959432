import { ErrorEnvelope } from "@doffin/core";
import { ApiError } from "@doffin/http";
import { admitted } from "../middleware/admission";
import type { ServiceCall } from "./container";

/**
 * Calls a route a sibling Worker owns (tracker: change feed, history, status; feedback) through its
 * service binding — never through this API's own router. The sibling's status, headers (`Retry-After`
 * on a 429) and error envelope come back unchanged, so a tool caller sees what a REST caller would.
 */

export type SiblingBinding = "TRACKER" | "FEEDBACK";

const WHAT: Record<SiblingBinding, string> = {
  TRACKER: "change feed service",
  FEEDBACK: "feedback service",
};

/** Headers that identify the outside client; per-client limits downstream must see the real client. */
const CLIENT_HEADERS = ["cf-connecting-ip", "x-forwarded-for", "x-real-ip"];

export type SiblingAnswer = { status: number; headers: Headers; body: unknown };

/**
 * One JSON request to a sibling Worker.
 * @throws ApiError upstream_unavailable when the binding is missing, the Worker died, or it answered
 * without a usable JSON body.
 * @example await callSibling(call, "TRACKER", "/v1/changes?since=2026-01-01T00:00:00Z")
 */
export async function callSibling(
  call: ServiceCall,
  binding: SiblingBinding,
  path: string,
  init: { method?: "GET" | "POST"; body?: unknown; headers?: Record<string, string> } = {},
): Promise<SiblingAnswer> {
  const service = (call.env as unknown as Partial<Record<SiblingBinding, Fetcher>>)[binding];
  if (!service || typeof service.fetch !== "function")
    throw new ApiError("upstream_unavailable", `The ${WHAT[binding]} is not connected to this gateway.`);
  await admitted(); // a read runs while its rate limit is asked; no sibling call before it is allowed
  const headers = new Headers({ accept: "application/json", "x-request-id": call.requestId });
  for (const h of CLIENT_HEADERS) {
    const v = call.headers.get(h);
    if (v) headers.set(h, v);
  }
  if (init.body !== undefined) headers.set("content-type", "application/json");
  // Set by the caller itself (e.g. the saved-search owner), never copied from the client's request.
  for (const [k, v] of Object.entries(init.headers ?? {})) headers.set(k, v);
  let res: Response;
  try {
    res = await service.fetch(
      new Request(new URL(path, "https://gateway.internal"), {
        method: init.method ?? "GET",
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      }),
    );
  } catch (err) {
    console.warn(JSON.stringify({ msg: "service binding failed", binding, error: String(err) }));
    throw new ApiError("upstream_unavailable", `The ${WHAT[binding]} is not available right now.`);
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = undefined;
  }
  // Our Workers answer JSON (errors in the envelope); anything else is the runtime saying it died.
  if (body === undefined || (res.status >= 500 && !ErrorEnvelope.safeParse(body).success))
    throw new ApiError("upstream_unavailable", `The ${WHAT[binding]} is not available right now.`);
  return { status: res.status, headers: res.headers, body };
}

/** Headers of a sibling's answer worth passing to the caller of a tool. */
export const PASSED_HEADERS = ["retry-after"];
