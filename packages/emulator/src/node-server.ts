/** Node entry: serve an emulator over HTTP on 127.0.0.1 (the app itself stays runtime-agnostic). */
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createEmulator as createCoreEmulator } from "./emulator";
import type { Emulator } from "./emulator-types";
import { FIXTURE_XML_IDS } from "./fixtures";
import type { EmulatorOptions } from "./options";

export type StartOptions = EmulatorOptions & { port?: number; host?: string };
export type EmulatorServer = { url: string; port: number; emulator: Emulator; close(): Promise<void> };

/** The 14 captured eForms XML bodies, read from fixtures/doffin/public-api/download. */
export const readFixtureXml = (): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const id of FIXTURE_XML_IDS) {
    const file = join(
      dirname(fileURLToPath(import.meta.url)),
      `../../../fixtures/doffin/public-api/download/${id}.xml`,
    );
    out[id] = readFileSync(file, "utf8");
  }
  return out;
};

/**
 * An in-process emulator (Node): the runtime-agnostic core plus the 14 captured eForms XML files, so
 * `public.download` serves them verbatim for their ids.
 *
 * @example
 * const emu = createEmulator({ seed: 42, count: 2000, rateLimit: false });
 * const res = await emu.fetch(new Request("http://emu/public/v2/search?type=RESULT", {
 *   headers: { "Ocp-Apim-Subscription-Key": "test-key" },
 * }));
 */
export const createEmulator = (options: EmulatorOptions = {}): Emulator =>
  createCoreEmulator({ fixtureXml: readFixtureXml(), ...options });

/**
 * Starts the emulator on `host:port` (port 0 = a free port).
 *
 * @example
 * const server = await startEmulatorServer({ port: 0, seed: 42, count: 2000 });
 * await fetch(`${server.url}/_emulator/health`);
 * await server.close();
 */
export const startEmulatorServer = async (options: StartOptions = {}): Promise<EmulatorServer> => {
  const { port = 0, host = "127.0.0.1", ...rest } = options;
  const emulator = createEmulator(rest);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: emulator.app.fetch, port, hostname: host }, () => resolve(s));
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host}:${address.port}`;
  return {
    url,
    port: address.port,
    emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        emulator.dispose();
        server.close((err) => (err ? reject(err) : resolve()));
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
};
