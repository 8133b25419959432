import type { Context } from "hono";
import type { z } from "zod";
import { errorResponse, zodIssues } from "./errors";

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
