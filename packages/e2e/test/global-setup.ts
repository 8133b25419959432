import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { type Stack, startStack } from "../src/stack";

let stack: Stack | undefined;

/** Builds the CLI bundle the examples run, then starts the demo stack once for every example. */
export async function setup(project: TestProject): Promise<void> {
  const root = fileURLToPath(new URL("../../..", import.meta.url));
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: `${root}/packages/cli`, stdio: "inherit" });
  stack = await startStack(root);
  project.provide("stackPorts", stack.ports);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    stackPorts: { api: number; tracker: number; emulator: number; nav: number };
  }
}
