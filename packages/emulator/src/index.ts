/** Node entry of @doffin/emulator. The runtime-agnostic core (no node:* imports) is `@doffin/emulator/core`. */

// Everything the core entry exports, plus the Node server. This entry's own `createEmulator` (the Node
// flavour from node-server) takes precedence over the core one that `export *` would bring: an explicit
// export always shadows a star export of the same name.
export * from "./core";
export { createEmulator, type EmulatorServer, type StartOptions, startEmulatorServer } from "./node-server";
