export { createEmulator, type Emulator, type NoticeRecord } from "./emulator";
export type { FaultSpec } from "./faults";
export { type MasterNotice, ROUTE_NAMES, type RouteName } from "./model";
export type { Mutation, PublishInput } from "./mutations";
export { type EmulatorServer, type StartOptions, startEmulatorServer } from "./node-server";
export type { CorpusOptions, EmulatorOptions } from "./options";
export type { RateLimitSettings } from "./rate-limit";
