/** Node entry of @doffin/emulator-nav. The runtime-agnostic part is `@doffin/emulator-nav/core`. */
export * from "./core";
export { type NavEmulatorServer, startNavEmulatorServer } from "./node-server";
