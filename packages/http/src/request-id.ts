import type { Context, Env, MiddlewareHandler } from "hono";

/** The Variables every Worker app built with `createWorkerApp` carries; merge into your own `AppEnv`. */
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

/**
 * The request id of this request, typed, from any context (also one whose app forgot the middleware:
 * then "unknown", never a crash inside the error path).
 * @example headers.set("x-request-id", requestIdOf(c))
 */
export const requestIdOf = <E extends Env>(c: Context<E>): string =>
  (c.var as Partial<RequestIdVariables>).requestId ?? "unknown";
