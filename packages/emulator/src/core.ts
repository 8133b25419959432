/** Runtime-agnostic entry (Workers, Deno, browsers): the emulator without Node APIs. */
export { createEmulator, type Emulator, type EmulatorState, type NoticeRecord } from "./emulator";
export type { Fault, FaultSpec } from "./faults";
export { type MasterNotice, ROUTE_NAMES, type RouteName } from "./model";
export type { Mutation, PublishInput } from "./mutations";
export type { CorpusOptions, EmulatorOptions } from "./options";
export type { RateLimitSettings } from "./rate-limit";
