/** NAV job listings (arbeidsplassen.nav.no): upstream schemas, job model, search contract, client. */
export * from "./answers";
export * from "./client";
export * from "./codes";
export * from "./job-events";
export * from "./model";
export * from "./normalize";
export * from "./page-plan";
export * from "./resolve";
export * from "./sanitize";
export * from "./search-query";
export * from "./token";
export * from "./upstream-feed";
export * from "./upstream-search";
