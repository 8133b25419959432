import { startEmulatorServer } from "@doffin/emulator";
import type { TestProject } from "vitest/node";
import { startOcdsValidator } from "./ocds-validator-server";

/** One emulator for the whole run (Node side); tests reset its corpus through the control API. */
export default async function setup(project: TestProject) {
  const server = await startEmulatorServer({ port: 0, seed: 1, count: 200, rateLimit: false });
  project.provide("emulatorUrl", server.url);
  const validator = await startOcdsValidator();
  project.provide("ocdsValidatorUrl", validator.url);
  return async () => {
    await validator.close();
    return server.close();
  };
}
