/** Runtime-agnostic entry (Workers, browsers): the NAV emulator without Node APIs. */
export { createNavEmulator, type NavEmulator, type NavEmulatorOptions } from "./emulator";
export type { NavFault, NavFaultSpec } from "./faults";
export { type Ad, type FeedLine, ROUTE_NAMES, type RouteName } from "./model";
export type { WorldOptions } from "./state";
export { DEFAULT_WAF, type WafSettings } from "./waf";
