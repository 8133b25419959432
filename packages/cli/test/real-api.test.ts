import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SearchResult } from "@doffin/core";
import { type EmulatorServer, startEmulatorServer } from "@doffin/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ndjsonFileIds, oneErrorLine, runCli } from "./run-cli";

/**
 * Gateway mode against the REAL API app (apps/api's `createApp`), served over node:http with an
 * in-memory KV and the emulator as its upstream. Loaded by path at run time: the CLI does not depend on
 * the API package, and the Worker's types stay out of this package's type-check.
 */
type ApiApp = { fetch: (req: Request, env: unknown, ctx: unknown) => Promise<Response> };
const apiModule = new URL("../../../apps/api/src/app.ts", import.meta.url).href;

const COUNT = 2000;
let emu: EmulatorServer;
let server: Server;
let base: string;

beforeAll(async () => {
  emu = await startEmulatorServer({
    port: 0,
    seed: 3,
    count: COUNT,
    fixtures: false,
    from: "2026-07-01",
    to: "2026-07-20",
    now: "2026-08-01T00:00:00Z",
    hotDays: { days: ["2026-07-07"], share: 0.6 },
    rateLimit: false,
  });
  const { createApp } = (await import(apiModule)) as { createApp: () => ApiApp };
  const app = createApp();
  const store = new Map<string, string>();
  const env = {
    CACHE: {
      get: async (key: string, type?: string) => {
        const v = store.get(key);
        return v === undefined ? null : type === "json" ? JSON.parse(v) : v;
      },
      put: async (key: string, value: string) => void store.set(key, value),
      delete: async (key: string) => void store.delete(key),
    },
    UPSTREAM_BASE_URL: emu.url,
    UPSTREAM_KIND: "webclient",
  };
  const ctx = { waitUntil: () => {}, passThroughOnException: () => {} };
  server = createServer(async (req, res) => {
    const r = await app.fetch(new Request(`http://127.0.0.1${req.url}`, { method: req.method }), env, ctx);
    res.writeHead(r.status, Object.fromEntries(r.headers));
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await emu.close();
});

const g = (...args: string[]) => ["--base-url", base, "--rate", "1000", ...args];

describe("gateway mode against the real API app", () => {
  it("searches with resolved CPV prefixes and location names", async () => {
    const r = await runCli(g("search", "--json", "--cpv", "72*", "--location", "Oslo", "--limit", "5"));
    expect(r.code, r.stderr).toBe(0);
    const res = SearchResult.parse(JSON.parse(r.stdout));
    expect(res.total).toBeGreaterThan(0);
    expect(res.total).toBeLessThan(COUNT);
  });

  it("rejects an unknown location with exit 2, the contract message and suggestions", async () => {
    const r = await runCli(g("search", "--location", "Osloo"));
    expect(r.code).toBe(2);
    expect(oneErrorLine(r.stderr)).toMatch(/--location: .*Osloo.*NO081/);
  });

  it("exits 3 for an unknown notice", async () => {
    const r = await runCli(g("notice", "2019-000001"));
    expect(r.code).toBe(3);
    oneErrorLine(r.stderr);
  });

  it("exports every notice past the cap exactly once", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "doffin-cli-api-")), "all.ndjson");
    const r = await runCli(
      g("export", "--published-from", "2026-07-01", "--published-to", "2026-07-20", "-o", out, "-q"),
    );
    expect(r.code, r.stderr).toBe(0);
    const ids = ndjsonFileIds(out);
    expect(ids).toHaveLength(COUNT);
    expect(new Set(ids).size).toBe(COUNT);
  });
});
