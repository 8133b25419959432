import { startEmulatorServer } from "@doffin/emulator";
import type { TestProject } from "vitest/node";

/** Runs in Node: one emulator on an ephemeral 127.0.0.1 port for every test file (they run one at a time). */
export default async function setup(project: TestProject) {
  const server = await startEmulatorServer({ port: 0, seed: 7, count: 1500, rateLimit: false });
  project.provide("emulatorUrl", server.url);
  return () => server.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    emulatorUrl: string;
  }
}
