export * from "./diff";
export * from "./events";
export * from "./snapshot";
