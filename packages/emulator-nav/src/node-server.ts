/** Node entry: serve a NAV emulator over HTTP on 127.0.0.1. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createNavEmulator, type NavEmulator, type NavEmulatorOptions } from "./emulator";

export type NavEmulatorServer = { url: string; port: number; emulator: NavEmulator; close(): Promise<void> };

/**
 * Starts the emulator on `host:port` (port 0 = a free port).
 *
 * @example
 * const server = await startNavEmulatorServer({ port: 0, seed: 42, waf: false });
 * await fetch(`${server.url}/_emulator/health`);
 * await server.close();
 */
export const startNavEmulatorServer = async (
  options: NavEmulatorOptions & { port?: number; host?: string } = {},
): Promise<NavEmulatorServer> => {
  const { port = 0, host = "127.0.0.1", ...rest } = options;
  const emulator = createNavEmulator(rest);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: emulator.app.fetch, port, hostname: host }, () => resolve(s));
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
};
