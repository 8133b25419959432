import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { type Stack, startStack } from "../src/stack";

let stack: Stack | undefined;

/** Builds the CLI bundle the examples run, then starts the demo stack once for every example. */
export async function setup(project: TestProject): Promise<void> {
  const root = fileURLToPath(new URL("../../..", import.meta.url));
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: `${root}/packages/cli`, stdio: "inherit" });
  // E2E_STACK_PORTS=api,tracker,emulator,nav: use a stack already running (started like the test's own:
  // scripts/demo.sh with CHURN_INTERVAL=0) instead of starting one, to iterate on a test quickly.
  const reuse = process.env.E2E_STACK_PORTS?.split(",").map(Number);
  if (reuse?.length === 4 && reuse.every((p) => p > 0)) {
    const [api = 0, tracker = 0, emulator = 0, nav = 0] = reuse;
    project.provide("stackPorts", { api, tracker, emulator, nav });
    return;
  }
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
