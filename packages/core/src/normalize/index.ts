export * from "./detail";
export * from "./json";
export * from "./primitives";
export * from "./search";
export * from "./summary";
