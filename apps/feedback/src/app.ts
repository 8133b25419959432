import { ERROR_CODES, STATUS_OF } from "@doffin/core";
import { errorResponse, methodNotAllowed, notFound, onError, requestId } from "@doffin/http";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { type AppEnv, newRouter } from "./router";
import { healthRoutes } from "./routes/health";
import { operatorRoutes } from "./routes/operator";
import { submitRoutes } from "./routes/submit";

/**
 * The feedback Worker as a Hono app with OpenAPI metadata on every route
 * (`createApp().getOpenAPI31Document(...)`, or merge `openAPIRegistry` into a larger document).
 */
export function createApp(): OpenAPIHono<AppEnv> {
  const app = newRouter();
  app.use(requestId());
  app.use(async (c, next) => {
    await next();
    // Everything we send is JSON that must never be sniffed into HTML, and none of it is cacheable.
    c.res.headers.set("x-content-type-options", "nosniff");
    if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store");
  });
  app.onError(handleError);
  app.notFound(notFound);
  app.openAPIRegistry.registerComponent("securitySchemes", "operatorToken", {
    type: "http",
    scheme: "bearer",
    description: "The Worker secret OPERATOR_TOKEN.",
  });

  app.route("/", healthRoutes);
  app.route("/", submitRoutes);
  app.route("/", operatorRoutes);

  app.all("/health", methodNotAllowed(["GET"]));
  app.all("/v1/feedback", methodNotAllowed(["GET", "POST"]));
  app.all("/v1/feedback/:id", methodNotAllowed(["PATCH"]));
  return app;
}

/** Hono's own HTTPExceptions (e.g. from validators) get the envelope too, with the code for their status. */
function handleError(err: Error, c: Context): Response {
  if (err instanceof HTTPException) {
    const code = ERROR_CODES.find((k) => STATUS_OF[k] === err.status) ?? "internal";
    return errorResponse(c, code, err.message || "The request could not be handled.");
  }
  return onError(err, c);
}
