/** The in-process NAV emulator: world + faults + WAF + stats behind one Hono app (no Node APIs). */
import type { Hono } from "hono";
import { buildApp } from "./app";
import { createFaults, type Faults } from "./faults";
import { createWorld, type World, type WorldOptions } from "./state";
import { createStats, type Stats } from "./stats";
import { createWaf, type Waf, type WafSettings } from "./waf";

export type NavEmulatorOptions = WorldOptions & {
  /** WAF settings, or false to switch it off (default: on, burst 6 per 10 s, 120 s block, Retry-After). */
  waf?: Partial<WafSettings> | false;
};

export type NavEmulator = {
  world: World;
  faults: Faults;
  waf: Waf;
  stats: Stats;
  app: Hono;
  /** In-process mode: answer a Request without a socket. */
  fetch(request: Request): Promise<Response>;
};

/**
 * @example
 * const emu = createNavEmulator({ seed: 7, count: 200, now: "2026-12-01T10:00:00Z", waf: false });
 * const res = await emu.fetch(new Request("http://nav/stillinger/api/search?county=OSLO"));
 */
export const createNavEmulator = (options: NavEmulatorOptions = {}): NavEmulator => {
  const { waf, ...world } = options;
  const emu = {
    world: createWorld(world),
    faults: createFaults(),
    waf: createWaf(waf === false ? { enabled: false } : waf),
    stats: createStats(),
  } as NavEmulator;
  emu.app = buildApp(emu);
  emu.fetch = async (request) => emu.app.fetch(request);
  return emu;
};
