/** Node entry of @doffin/emulator. The runtime-agnostic core (no node:* imports) is `@doffin/emulator/core`. */

export type * from "./eforms/truth-types";
export type { Emulator, EmulatorState, NoticeRecord } from "./emulator-types";
export type { Fault, FaultSpec } from "./faults";
export { type MasterNotice, ROUTE_NAMES, type RouteName } from "./model";
export type { Mutation, PublishInput } from "./mutations";
export { createEmulator, type EmulatorServer, type StartOptions, startEmulatorServer } from "./node-server";
export type { CorpusOptions, EmulatorOptions } from "./options";
export type { RateLimitSettings } from "./rate-limit";
