import { startEmulatorServer } from "@doffin/emulator";
import { startNavEmulatorServer } from "@doffin/emulator-nav";
import type { TestProject } from "vitest/node";
import { startOcdsValidator } from "./ocds-validator-server";
import { startWebhookReceiver } from "./webhook-receiver";

/** One emulator for the whole run (Node side); tests reset its corpus through the control API. */
export default async function setup(project: TestProject) {
  const server = await startEmulatorServer({ port: 0, seed: 1, count: 200, rateLimit: false });
  project.provide("emulatorUrl", server.url);
  // NAV: one emulator the tests mutate, and one never mutated (reference and crash runs read the same lines).
  const opts = { port: 0, count: 300, now: "2026-11-23T12:00:00Z", waf: false as const };
  const navLive = await startNavEmulatorServer({ ...opts, seed: 5 });
  const navStatic = await startNavEmulatorServer({ ...opts, seed: 6 });
  project.provide("navUrl", navLive.url);
  project.provide("navStaticUrl", navStatic.url);
  const validator = await startOcdsValidator();
  project.provide("ocdsValidatorUrl", validator.url);
  const receiver = await startWebhookReceiver();
  project.provide("webhookReceiverUrl", receiver.url);
  return async () => {
    await receiver.close();
    await validator.close();
    await navLive.close();
    await navStatic.close();
    await server.close();
  };
}
