/** Runtime-agnostic entry (Workers, Deno, browsers): the emulator without Node APIs. */

export type * from "./eforms/truth-types";
export { createEmulator } from "./emulator";
export type { Emulator, EmulatorState, NoticeRecord } from "./emulator-types";
export type { Fault, FaultSpec } from "./faults";
export { type MasterNotice, ROUTE_NAMES, type RouteName } from "./model";
export type { Mutation, PublishInput } from "./mutations";
export type { CorpusOptions, EmulatorOptions } from "./options";
export type { RateLimitSettings } from "./rate-limit";
