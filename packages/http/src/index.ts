/**
 * @doffin/http — the Hono pieces every Worker shares: request ids, the one error envelope, the
 * validation hook, CORS and mapping of core's typed errors to HTTP.
 */
export * from "./errors";
export * from "./middleware";
