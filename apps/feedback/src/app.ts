import { OPERATOR_TOKEN_SCHEME } from "@doffin/contracts/feedback";
import { createWorkerApp, methodNotAllowed } from "@doffin/http";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env";
import { healthRoutes } from "./routes/health";
import { operatorRoutes } from "./routes/operator";
import { submitRoutes } from "./routes/submit";

/**
 * The feedback Worker as a Hono app with OpenAPI metadata on every route
 * (`createApp().getOpenAPI31Document(...)`). The route contracts live in `@doffin/contracts/feedback`.
 */
export function createApp(): OpenAPIHono<AppEnv> {
  const app = createWorkerApp<AppEnv>();
  app.use(async (c, next) => {
    await next();
    // Everything we send is JSON that must never be sniffed into HTML, and none of it is cacheable.
    c.res.headers.set("x-content-type-options", "nosniff");
    if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store");
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "operatorToken", OPERATOR_TOKEN_SCHEME);

  app.route("/", healthRoutes);
  app.route("/", submitRoutes);
  app.route("/", operatorRoutes);

  app.all("/health", methodNotAllowed(["GET"]));
  app.all("/v1/feedback", methodNotAllowed(["GET", "POST"]));
  app.all("/v1/feedback/:id", methodNotAllowed(["PATCH"]));
  return app;
}
