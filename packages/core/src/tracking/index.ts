export * from "./diff";
export * from "./events";
export * from "./query";
export * from "./snapshot";
