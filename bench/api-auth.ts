/**
 * Overhead of API keys + rate limiting on a cache hit (issue 13). Run: `pnpm --dir bench exec tsx api-auth.ts`.
 *
 * One bundle, two Miniflare instances: "off" without KEYS_DB and the limiter bindings (what a self-hoster
 * who drops them runs: no key checks, no limits, no RateLimit headers), "on" with D1 keys and the real
 * Rate Limiting bindings (limits set far above the load so nothing is refused). The same warm
 * `GET /v1/notices?…` is loaded in alternating rounds (as in api-bench.ts): off, on-anonymous (per-IP
 * limit), on-with-key (key check + per-key limit). Goal: on / off ≤ 1.10 in latency terms, i.e.
 * throughput ratio off/on ≤ 1.10. Prints one table; figures depend on the machine (2 shared cores here).
 *
 * Measured 2026-12-01 (2 shared cores): key check alone 1.19×, with the limiter binding 4.9–7.3×. The
 * cost is Miniflare's Rate Limiting simulation (a SQLite-backed Durable Object round trip per `limit()`
 * call, in the same process), not the middleware: the goal is not met under Miniflare, and this bench
 * cannot say what Cloudflare's own binding (a counter cached near the isolate) costs.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { startEmulatorServer } from "@doffin/emulator";
import {
  apiDir,
  buildApi,
  combine,
  DURATION_S,
  load,
  printTable,
  ROUNDS,
  type Run,
  serve,
} from "./api-harness";

const HIT_PATH = "/v1/notices?type=COMPETITION&location=Vestland&limit=20";
const OPERATOR_TOKEN = "bench-operator-token";
const HUGE = 1_000_000_000;

const emu = await startEmulatorServer({ port: 0, seed: 42, count: 5000, rateLimit: false });
const rows: [string, string, string][] = [];
try {
  console.error("bench: building the API bundle…");
  const scriptPath = buildApi();
  const base = {
    scriptPath,
    modulesRoot: dirname(scriptPath),
    kvNamespaces: ["CACHE"],
    bindings: { UPSTREAM_BASE_URL: emu.url, UPSTREAM_KIND: "webclient", BUILD_VERSION: "bench" },
  };
  const off = await serve(base);
  const on = await serve({
    ...base,
    bindings: { ...base.bindings, KEY_PEPPER: "bench-pepper", OPERATOR_TOKEN, CLIENT_IP_SOURCE: "none" },
    d1Databases: ["KEYS_DB"],
    ratelimits: {
      ANON_LIMITER: { namespace_id: "1101", simple: { limit: HUGE, period: 60 } },
      KEY_LIMITER: { namespace_id: "1102", simple: { limit: HUGE, period: 60 } },
      KEY_LIMITER_HIGH: { namespace_id: "1103", simple: { limit: HUGE, period: 60 } },
    },
  });
  // Keys without limiters: what the key check alone costs (the limiter binding is the rest).
  const keysOnly = await serve({
    ...base,
    bindings: { ...base.bindings, KEY_PEPPER: "bench-pepper", OPERATOR_TOKEN },
    d1Databases: ["KEYS_DB"],
  });
  try {
    const db = await on.mf.getD1Database("KEYS_DB");
    const sql = readFileSync(join(apiDir, "migrations/0001_api_keys.sql"), "utf8").replace(/--.*$/gm, "");
    for (const stmt of sql
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean))
      await db.prepare(stmt).run();
    const created = await fetch(`${on.url}/v1/admin/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${OPERATOR_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ owner: "bench", scopes: ["read"], rateLimit: 6000 }),
    });
    if (created.status !== 201) throw new Error(`creating the bench key answered ${created.status}`);
    const { key } = (await created.json()) as { key: string };
    const keyed = { "x-api-key": key };
    // The same key row (same pepper) in the keys-only instance's database.
    const row = await db.prepare("SELECT * FROM api_keys").first<Record<string, unknown>>();
    const db2 = await keysOnly.mf.getD1Database("KEYS_DB");
    for (const stmt of sql
      .split(";")
      .map((s) => s.trim())
      .filter(Boolean))
      await db2.prepare(stmt).run();
    await db2
      .prepare(
        "INSERT INTO api_keys (id, prefix, hash, owner, label, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      )
      .bind(row?.id, row?.prefix, row?.hash, "bench", "", "read", row?.created_at)
      .run();
    for (const [s, h] of [
      [off, {}],
      [on, {}],
      [on, keyed],
    ] as const) {
      await (await fetch(s.url + HIT_PATH, { headers: h })).arrayBuffer(); // warm the cache entry
      const res = await fetch(s.url + HIT_PATH, { headers: h });
      await res.arrayBuffer();
      console.error(
        `bench: ${res.status} ${res.headers.get("cache-status")} ratelimit=${res.headers.get("ratelimit")}`,
      );
    }
    const runs = { off: [] as Run[], anon: [] as Run[], key: [] as Run[], keyOnly: [] as Run[] };
    for (let round = 1; round <= ROUNDS; round++) {
      console.error(`bench: round ${round}/${ROUNDS}: off, on (anonymous), on (key), ${DURATION_S} s each…`);
      runs.off.push(await load(off.url + HIT_PATH));
      runs.anon.push(await load(on.url + HIT_PATH));
      runs.key.push(await load(on.url + HIT_PATH, keyed));
      runs.keyOnly.push(await load(keysOnly.url + HIT_PATH, keyed));
    }
    const o = combine(runs.off);
    const a = combine(runs.anon);
    const k = combine(runs.key);
    const ko = combine(runs.keyOnly);
    const fmt = (r: Run) => `${r.rps.toFixed(0)} · ${r.p50} ms · ${r.p99} ms`;
    rows.push(
      ["cache hit, auth + limits off: req/s · p50 · p99", fmt(o), `baseline · non-2xx ${o.non2xx}`],
      ["cache hit, on, anonymous (per-IP limit): req/s · p50 · p99", fmt(a), `non-2xx ${a.non2xx}`],
      [
        "cache hit, on, with key (key check + per-key limit): req/s · p50 · p99",
        fmt(k),
        `non-2xx ${k.non2xx}`,
      ],
      ["cache hit, key check only (no limiter bindings): req/s · p50 · p99", fmt(ko), `non-2xx ${ko.non2xx}`],
      ["cost ratio anonymous (off req/s / on req/s)", (o.rps / a.rps).toFixed(2), "goal ≤ 1.10"],
      ["cost ratio with key (off req/s / on req/s)", (o.rps / k.rps).toFixed(2), "goal ≤ 1.10"],
      ["cost ratio key check only (off req/s / keys-only req/s)", (o.rps / ko.rps).toFixed(2), "goal ≤ 1.10"],
    );
  } finally {
    await off.mf.dispose();
    await on.mf.dispose();
    await keysOnly.mf.dispose();
  }
} finally {
  await emu.close();
}
printTable(rows);
