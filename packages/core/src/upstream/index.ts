export * from "./public-api";
export * from "./shared";
export * from "./webclient";
