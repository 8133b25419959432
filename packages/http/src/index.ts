/**
 * @doffin/http — the Hono pieces every Worker shares: the app factory, request ids, the request deadline, the one error
 * envelope and error handler (core's typed errors → HTTP), the validation hook, the capped body reader.
 */
export * from "./app";
export * from "./body";
export * from "./client-ip";
export * from "./deadline";
export * from "./error-handler";
export * from "./errors";
export * from "./log";
export * from "./middleware";
export * from "./pretty";
export * from "./rate-limit-headers";
export * from "./request-id";
export * from "./token";
