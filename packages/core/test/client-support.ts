import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import { UpstreamError } from "../src/errors";

/** Shared by the core tests: the real Doffin fixtures and a tiny scripted HTTP server on 127.0.0.1. */

export const FIXTURES_DIR = new URL("../../../fixtures/doffin/", import.meta.url);

export const readFixture = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(path, FIXTURES_DIR), "utf8"));

/** Every `*.json` file directly inside a fixture folder, as `folder/name.json`. */
export const fixtureFiles = (folder: string): string[] =>
  readdirSync(new URL(`${folder}/`, FIXTURES_DIR))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => `${folder}/${name}`);

export type RecordedRequest = {
  method: string;
  path: string;
  query: [string, string][];
  headers: IncomingMessage["headers"];
  body: string;
};

/** What the scripted server answers; `hang: true` never answers (until the server closes). */
export type ScriptedReply =
  | { status: number; body?: string; headers?: Record<string, string> }
  | { hang: true };

/**
 * A recording HTTP server answering from a script, one reply per request (the last reply repeats).
 * Lets tests assert the exact requests the client sends and drive retries deterministically.
 */
export const startScriptedServer = async (replies: ScriptedReply[]) => {
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      requests.push({
        method: req.method ?? "",
        path: url.pathname,
        query: [...url.searchParams.entries()],
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const reply = replies[Math.min(requests.length - 1, replies.length - 1)] ?? { status: 500 };
      if ("hang" in reply) {
        hanging.add(res);
        return;
      }
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/** Awaits a call that must fail with an `UpstreamError`, and returns that error. */
export const failure = async (p: Promise<unknown>): Promise<UpstreamError> => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return error as UpstreamError;
};
