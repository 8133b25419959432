export * from "./merge";
export * from "./merge-rules";
export * from "./types";
