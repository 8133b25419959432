export * from "./eforms-tables";
export * from "./map-eforms";
export * from "./merge";
export * from "./merge-rules";
export * from "./merge-rules.generated";
export * from "./ocid";
export * from "./package";
export * from "./types";
