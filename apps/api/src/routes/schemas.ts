import { errorResponses as sharedErrorResponses } from "@doffin/contracts/errors";
import { z } from "@hono/zod-openapi";

/** Response and header pieces shared by the cached routes (for the OpenAPI document). */

export const cachedHeaders = z.object({
  ETag: z.string().openapi({ description: "Strong validator over the body; send it back as If-None-Match." }),
  "Cache-Status": z.string().openapi({
    description: "RFC 9211, e.g. `doffin-gateway; hit; ttl=240` or `doffin-gateway; fwd=miss; stored`.",
  }),
  Age: z.string(),
  "Cache-Control": z.string(),
  "X-Request-Id": z.string(),
});

/** The errors a cached Doffin-backed route can answer: the one map (@doffin/contracts/errors), Doffin's words. */
export const errorResponses = sharedErrorResponses(
  [
    "invalid_request",
    "not_found",
    "rate_limited",
    "upstream_error",
    "upstream_unavailable",
    "upstream_timeout",
  ],
  {
    rate_limited: "rate_limited: Doffin is rate limiting us; see Retry-After.",
    upstream_error: "upstream_error: Doffin answered with an error.",
    upstream_unavailable:
      "upstream_unavailable: Doffin cannot be reached (or the shared upstream budget is spent).",
    upstream_timeout: "upstream_timeout: Doffin did not answer in time.",
  },
);

export const notModified = {
  304: { description: "Not modified (If-None-Match matched the ETag)." },
} as const;

/** The 200 of a cached JSON route: body schema plus the caching headers. */
export const cachedOk = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  headers: cachedHeaders,
  description,
});

/** A path parameter matching `pattern`, documented for OpenAPI. */
export const pathParam = (name: string, pattern: RegExp, message: string, example: string) =>
  z
    .string()
    .regex(pattern, message)
    .openapi({ param: { name, in: "path" }, example });
