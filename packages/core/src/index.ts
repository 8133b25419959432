/**
 * @doffin/core — the runtime-agnostic heart of the gateway: upstream schemas, the normalized domain
 * model, the Doffin client, code lists and pure domain logic. No HTTP framework, no `cloudflare:*`.
 */
export * from "./client/types";
export * from "./domain/envelope";
export * from "./domain/filters";
export * from "./domain/notice";
export * from "./domain/vocabulary";
export * from "./errors";

export const VERSION = "0.1.0";
