import { ERROR_CODES, type ErrorCode, ErrorEnvelope, STATUS_OF } from "@doffin/core";

/**
 * The one OpenAPI error-response map. Every route of every Worker documents its errors by picking
 * codes from here, so the descriptions (and the envelope schema) are written once.
 */
const DESCRIPTIONS: Record<ErrorCode, string> = {
  invalid_request: "invalid_request: each bad field is listed in `issues`.",
  unauthorized: "unauthorized: no or a malformed credential.",
  forbidden: "forbidden: the credential is not allowed to do this.",
  not_found: "not_found",
  method_not_allowed: "method_not_allowed: see the Allow header.",
  conflict: "conflict",
  payload_too_large: "payload_too_large: the body is over the route's limit.",
  unsupported_media_type: "unsupported_media_type: send application/json.",
  rate_limited: "rate_limited: wait for Retry-After seconds.",
  internal: "internal: a bug on our side; the request id helps us find it.",
  upstream_error: "upstream_error: the upstream answered with an error.",
  upstream_unavailable: "upstream_unavailable: the upstream or a sibling service cannot be reached.",
  upstream_timeout: "upstream_timeout: the upstream did not answer in time.",
};

/** OpenAPI response entry for the error envelope. */
export const errorJson = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorEnvelope } },
});

/**
 * `{ 400: …, 404: … }` for the given codes, keyed by their HTTP status; `overrides` replace a
 * description where a route has something more specific to say.
 * @example responses: { 200: ok, ...errorResponses(["invalid_request", "not_found"]) }
 */
export function errorResponses<const C extends readonly ErrorCode[]>(
  codes: C,
  overrides: Partial<Record<C[number], string>> = {},
): Record<number, ReturnType<typeof errorJson>> {
  const out: Record<number, ReturnType<typeof errorJson>> = {};
  for (const code of codes)
    out[STATUS_OF[code]] = errorJson((overrides as Record<string, string>)[code] ?? DESCRIPTIONS[code]);
  return out;
}

/** Every error code, for routes that can answer any of them. */
export const ALL_ERROR_CODES = ERROR_CODES;
