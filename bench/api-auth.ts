/**
 * Overhead of API keys + rate limiting on a cache hit (issue 13). Run: `pnpm --dir bench exec tsx api-auth.ts`.
 *
 * One bundle, three Miniflare instances: "off" without KEYS_DB and the limiter bindings (what a self-hoster
 * who drops them runs: no key checks, no limits, no RateLimit headers), "on" with D1 keys and the real
 * Rate Limiting bindings (limits set far above the load so nothing is refused), "keys only" (D1 keys, no
 * limiter). The same warm `GET /v1/notices?…` is loaded in alternating rounds (as in api-bench.ts). Goal:
 * throughput ratio off/on ≤ 1.10. Two more Workers measure the binding alone: one that returns at once,
 * and the same calling `limit()` once — the ceiling of any Worker that asks the binding per request.
 * Then one connection each, where latency is not queueing: the API asks the limiter beside its cache read
 * (src/middleware/admission.ts), so "on" costs max(limit, hit), not their sum.
 *
 * Miniflare's limiter is a Durable Object that commits its counter to SQLite on every call. On disk that
 * commit is most of its cost (≈14 ms a call here, 117 calls/s at most), an artefact of the local
 * simulation, so Miniflare's state goes to tmpfs (/dev/shm when present; `BENCH_STATE_DIR` overrides,
 * `BENCH_STATE_DIR=/tmp` measures the disk). Prints one table; figures depend on the machine.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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

// Miniflare keeps its state under os.tmpdir(); see the header for why that is tmpfs here.
const stateRoot = process.env.BENCH_STATE_DIR ?? (existsSync("/dev/shm") ? "/dev/shm" : undefined);
const stateDir = stateRoot ? mkdtempSync(join(stateRoot, "doffin-auth-bench-")) : undefined;
if (stateDir) process.env.TMPDIR = stateDir;
console.error(`bench: Miniflare state under ${process.env.TMPDIR ?? "the default tmpdir"}`);

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
  // The binding alone: a Worker that returns at once, and the same Worker calling limit() once first.
  const bare = await serve({ script: `export default { fetch: () => new Response("ok") };` });
  const limiterOnly = await serve({
    script: `export default { async fetch(req, env) {
      const { success } = await env.L.limit({ key: "bench" });
      return new Response(success ? "ok" : "no", { status: success ? 200 : 429 });
    } };`,
    ratelimits: { L: { namespace_id: "1199", simple: { limit: HUGE, period: 60 } } },
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
    const runs = {
      off: [] as Run[],
      anon: [] as Run[],
      key: [] as Run[],
      keyOnly: [] as Run[],
      bare: [] as Run[],
      limiterOnly: [] as Run[],
      offSerial: [] as Run[],
      anonSerial: [] as Run[],
      limiterSerial: [] as Run[],
      bareSerial: [] as Run[],
    };
    for (let round = 1; round <= ROUNDS; round++) {
      console.error(`bench: round ${round}/${ROUNDS}: off, on (anonymous), on (key), ${DURATION_S} s each…`);
      runs.off.push(await load(off.url + HIT_PATH));
      runs.anon.push(await load(on.url + HIT_PATH));
      runs.key.push(await load(on.url + HIT_PATH, keyed));
      runs.keyOnly.push(await load(keysOnly.url + HIT_PATH, keyed));
      runs.bare.push(await load(bare.url));
      runs.limiterOnly.push(await load(limiterOnly.url));
      // One connection: latency with nothing queued, where asking the limiter beside the cache read shows.
      runs.offSerial.push(await load(off.url + HIT_PATH, {}, 1));
      runs.anonSerial.push(await load(on.url + HIT_PATH, {}, 1));
      runs.bareSerial.push(await load(bare.url, {}, 1));
      runs.limiterSerial.push(await load(limiterOnly.url, {}, 1));
    }
    const o = combine(runs.off);
    const a = combine(runs.anon);
    const k = combine(runs.key);
    const ko = combine(runs.keyOnly);
    const b = combine(runs.bare);
    const lo = combine(runs.limiterOnly);
    const os = combine(runs.offSerial);
    const as = combine(runs.anonSerial);
    const bs = combine(runs.bareSerial);
    const ls = combine(runs.limiterSerial);
    const fmt = (r: Run) => `${r.rps.toFixed(0)} · ${r.p50} ms · ${r.p99} ms`;
    const mean = (r: Run) => `${r.mean.toFixed(2)} ms`;
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
      ["bare Worker (returns 2 bytes): req/s · p50 · p99", fmt(b), "the request itself"],
      [
        "bare Worker + one limit() call: req/s · p50 · p99",
        fmt(lo),
        `the binding's ceiling under Miniflare · non-2xx ${lo.non2xx}`,
      ],
      ["1 connection: cache hit off, mean latency", mean(os), ""],
      [
        "1 connection: cache hit on (anonymous), mean latency",
        mean(as),
        `ratio ${(as.mean / os.mean).toFixed(2)}; in sequence ≈ ${(os.mean + ls.mean - bs.mean).toFixed(2)} ms`,
      ],
      ["1 connection: bare Worker, mean latency", mean(bs), ""],
      [
        "1 connection: bare Worker + one limit() call, mean latency",
        mean(ls),
        `one limit() ≈ ${(ls.mean - bs.mean).toFixed(2)} ms; cache hit ≈ ${(os.mean - bs.mean).toFixed(2)} ms over bare`,
      ],
    );
  } finally {
    await off.mf.dispose();
    await on.mf.dispose();
    await keysOnly.mf.dispose();
    await bare.mf.dispose();
    await limiterOnly.mf.dispose();
  }
} finally {
  await emu.close();
}
printTable(rows);
if (stateDir) rmSync(stateDir, { recursive: true, force: true });
