import type { Context, MiddlewareHandler } from "hono";
import type { z } from "zod";
import { errorResponse, toErrorResponse, zodIssues } from "./errors";

export type RequestIdVariables = { requestId: string };

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Accepts a sane incoming `X-Request-Id` (so ids follow a request across our Workers) or makes one. */
export const requestId = (): MiddlewareHandler<{ Variables: RequestIdVariables }> => async (c, next) => {
  const incoming = c.req.header("x-request-id");
  const id = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  c.set("requestId", id);
  await next();
  c.res.headers.set("x-request-id", id);
};

/** `app.onError(onError)`: everything thrown ends as the envelope. */
export const onError = (err: Error, c: Context): Response => toErrorResponse(c, err);

/** `app.notFound(notFound)`: unknown routes get the envelope too. */
export const notFound = (c: Context): Response =>
  errorResponse(c, "not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname}.`);

/**
 * The validation hook for @hono/zod-openapi (`new OpenAPIHono({ defaultHook: validationHook })`):
 * a failed zod check answers 400 invalid_request listing every bad field.
 */
export const validationHook = (
  result: { success: true } | { success: false; error: z.ZodError; target: string },
  c: Context,
): Response | undefined => {
  if (result.success) return undefined;
  const source = result.target === "json" ? "body" : result.target;
  return errorResponse(c, "invalid_request", "The request is not valid; see issues.", {
    issues: zodIssues(result.error, source),
  });
};

/** 405 with `Allow` for a path that exists under other methods. */
export const methodNotAllowed =
  (allow: string[]) =>
  (c: Context): Response =>
    errorResponse(c, "method_not_allowed", `Use ${allow.join(" or ")} on this path.`, {
      headers: { allow: allow.join(", ") },
    });
