/**
 * @doffin/core — the runtime-agnostic heart of the gateway: upstream schemas, the normalized domain
 * model, the Doffin client, code lists and pure domain logic. No HTTP framework, no `cloudflare:*`.
 */
export * from "./alerts/index";
export * from "./client/index";
export * from "./client/types";
export * from "./codes/index";
export * from "./domain/contract-views";
export * from "./domain/envelope";
export * from "./domain/fields";
export * from "./domain/filters";
export * from "./domain/notice";
export * from "./domain/search-query";
export * from "./domain/vocabulary";
export * from "./eforms/index";
export * from "./errors";
export * from "./harvest/index";
export * from "./nav/index";
export * from "./normalize/index";
export * from "./ocds/index";
export * from "./tracking/index";
export * from "./upstream/index";
export * from "./util/canonical";
export * from "./util/oslo";

export const VERSION = "0.1.0";
