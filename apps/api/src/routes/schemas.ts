import { ErrorEnvelope } from "@doffin/core";
import { z } from "@hono/zod-openapi";

/** Response and header pieces shared by the cached routes (for the OpenAPI document). */

const errorContent = { "application/json": { schema: ErrorEnvelope } };

export const cachedHeaders = z.object({
  ETag: z.string().openapi({ description: "Strong validator over the body; send it back as If-None-Match." }),
  "Cache-Status": z.string().openapi({
    description: "RFC 9211, e.g. `doffin-gateway; hit; ttl=240` or `doffin-gateway; fwd=miss; stored`.",
  }),
  Age: z.string(),
  "Cache-Control": z.string(),
  "X-Request-Id": z.string(),
});

export const errorResponses = {
  400: { content: errorContent, description: "invalid_request: each bad field listed in `issues`." },
  404: { content: errorContent, description: "not_found" },
  429: { content: errorContent, description: "rate_limited: Doffin is rate limiting us; see Retry-After." },
  502: { content: errorContent, description: "upstream_error: Doffin answered with an error." },
  503: { content: errorContent, description: "upstream_unavailable: Doffin cannot be reached." },
  504: { content: errorContent, description: "upstream_timeout: Doffin did not answer in time." },
} as const;

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
