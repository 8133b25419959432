import { startEmulatorServer } from "@doffin/emulator";
import { startNavEmulatorServer } from "@doffin/emulator-nav";
import type { TestProject } from "vitest/node";

/** Runs in Node: one emulator on an ephemeral 127.0.0.1 port for every test file (they run one at a time). */
export default async function setup(project: TestProject) {
  const server = await startEmulatorServer({ port: 0, seed: 7, count: 1500, rateLimit: false });
  project.provide("emulatorUrl", server.url);
  // NAV: 400 ads over 60 days before a fixed instant; the WAF off (the 429 tests switch it on).
  const nav = await startNavEmulatorServer({
    port: 0,
    seed: 11,
    count: 400,
    now: "2026-11-23T12:00:00Z",
    waf: false,
  });
  project.provide("navEmulatorUrl", nav.url);
  return async () => {
    await nav.close();
    await server.close();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    emulatorUrl: string;
    navEmulatorUrl: string;
  }
}
