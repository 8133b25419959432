import { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";
import { deadline } from "./deadline";
import { onError } from "./error-handler";
import { notFound, validationHook } from "./middleware";
import { prettyJson } from "./pretty";
import { type RequestIdVariables, requestId } from "./request-id";

/** An env whose Variables carry the request id (every Worker app's `AppEnv` is one). */
export type WorkerEnv = Env & { Variables: RequestIdVariables };

/**
 * A sub-app (one resource, mounted with `app.route()`) with the shared validation hook. zod-openapi's
 * hook belongs to the instance a route is registered on, so every router needs it, not only the root.
 */
export const createRouter = <E extends Env>(): OpenAPIHono<E> =>
  new OpenAPIHono<E>({ defaultHook: validationHook });

/**
 * The root app of a Worker, wired the one way every Worker shares: request ids in and out, `pretty=true`
 * (indented JSON on every route, see pretty.ts), the request deadline (`REQUEST_DEADLINE_MS`, see deadline.ts), zod failures
 * as 400 envelopes, everything thrown through the one error handler, unknown routes as 404 envelopes.
 * Mount routers on it; register 405 catch-alls (`methodNotAllowed`) after the routes.
 * @example
 * const app = createWorkerApp<{ Bindings: Env; Variables: RequestIdVariables }>();
 * app.route("/", itemsRouter);
 */
export function createWorkerApp<E extends WorkerEnv>(): OpenAPIHono<E> {
  const app = createRouter<E>();
  app.use(requestId());
  app.use(prettyJson()); // before any routing or validation: takes `pretty` off the URL (see pretty.ts)
  app.use(deadline());
  app.onError(onError);
  app.notFound(notFound);
  return app;
}
