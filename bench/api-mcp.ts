/**
 * MCP vs REST on a cache hit. Run: `pnpm --dir bench exec tsx api-mcp.ts` (≈45 s).
 *
 * The same search — type=COMPETITION, location=Vestland, 20 hits, no facets — as `GET /v1/notices` and as
 * the MCP `search_notices` tool (`POST /mcp`, JSON-RPC `tools/call`), both answered from the same warm
 * cache entry of the built bundle (`wrangler deploy --dry-run`) served by Miniflare on 127.0.0.1. The
 * tool does what an agent gets on top of REST — JSON-RPC framing, a fresh stateless MCP server, argument
 * validation and the compact summaries — but no second pass through the router. Alternating rounds
 * (REST, MCP, REST, …) so background load on the shared machine hits both alike; req/s is the mean of
 * the rounds, p50/p99 the worst round. Prints one table; goal: MCP p50 ≤ 1.10 × REST p50.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulatorServer } from "@doffin/emulator";
import autocannon from "autocannon";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const apiDir = fileURLToPath(new URL("../apps/api/", import.meta.url));
const REST_PATH = "/v1/notices?type=COMPETITION&location=Vestland&limit=20&facets=false";
const MCP_BODY = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "tools/call",
  params: {
    name: "search_notices",
    arguments: { notice_type: "COMPETITION", location: "Vestland", page_size: 20 },
  },
});
const MCP_HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

type Run = { rps: number; p50: number; p99: number; non2xx: number };
const combine = (rs: Run[]): Run => ({
  rps: rs.reduce((a, r) => a + r.rps, 0) / rs.length,
  p50: Math.max(...rs.map((r) => r.p50)),
  p99: Math.max(...rs.map((r) => r.p99)),
  non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
});

async function load(opts: { url: string; method?: "POST"; headers?: Record<string, string>; body?: string }) {
  const r = await autocannon({ ...opts, connections: CONNECTIONS, duration: DURATION_S });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx + r.errors };
}

const emu = await startEmulatorServer({ port: 0, seed: 42, count: 5000, rateLimit: false });
const rows: [string, string, string][] = [];
try {
  console.error("bench: building the API bundle…");
  const out = mkdtempSync(join(tmpdir(), "doffin-api-mcp-"));
  execFileSync(join(apiDir, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", out], {
    cwd: apiDir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  const scriptPath = join(out, "index.js");
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      modules: true,
      host: "127.0.0.1",
      port: 0,
      compatibilityDate: "2026-11-01",
      compatibilityFlags: ["nodejs_compat"],
      scriptPath,
      modulesRoot: dirname(scriptPath),
      kvNamespaces: ["CACHE"],
      bindings: { UPSTREAM_BASE_URL: emu.url, UPSTREAM_KIND: "webclient", BUILD_VERSION: "bench" },
    } as never),
  );
  const base = (await mf.ready).toString().replace(/\/$/, "");
  try {
    // Warm the one entry both answer from, and check both really are hits on it.
    await (await fetch(base + REST_PATH)).arrayBuffer();
    const rest = await fetch(base + REST_PATH);
    await rest.arrayBuffer();
    const mcp = await fetch(`${base}/mcp`, { method: "POST", headers: MCP_HEADERS, body: MCP_BODY });
    const answer = (await mcp.json()) as { result?: { isError?: boolean; content: { text: string }[] } };
    if (!answer.result || answer.result.isError)
      throw new Error(`MCP call failed: ${JSON.stringify(answer)}`);
    await fetch(`${emu.url}/_emulator/stats/reset`, { method: "POST" });
    console.error(
      `bench: REST ${rest.headers.get("cache-status")}; MCP answered ${answer.result.content[0]?.text.length} chars`,
    );
    const runs = { rest: [] as Run[], mcp: [] as Run[] };
    for (let round = 1; round <= ROUNDS; round++) {
      console.error(`bench: round ${round}/${ROUNDS}: REST then MCP, ${DURATION_S} s each…`);
      runs.rest.push(await load({ url: base + REST_PATH }));
      runs.mcp.push(await load({ url: `${base}/mcp`, method: "POST", headers: MCP_HEADERS, body: MCP_BODY }));
    }
    const upstream = (await (await fetch(`${emu.url}/_emulator/stats`)).json()) as { total: number };
    const r = combine(runs.rest);
    const m = combine(runs.mcp);
    rows.push(
      [
        "REST GET /v1/notices cache hit: req/s · p50 · p99",
        `${r.rps.toFixed(0)} · ${r.p50} ms · ${r.p99} ms`,
        `non-2xx ${r.non2xx}`,
      ],
      [
        "MCP search_notices cache hit: req/s · p50 · p99",
        `${m.rps.toFixed(0)} · ${m.p50} ms · ${m.p99} ms`,
        `non-2xx ${m.non2xx}`,
      ],
      ["latency ratio MCP / REST (p50)", (m.p50 / Math.max(1, r.p50)).toFixed(2), "goal ≤ 1.10"],
      ["latency ratio MCP / REST (p99)", (m.p99 / Math.max(1, r.p99)).toFixed(2), ""],
      ["throughput ratio MCP / REST", (m.rps / r.rps).toFixed(2), ""],
      ["upstream calls during the rounds", String(upstream.total), "goal 0 (every request a hit)"],
    );
  } finally {
    await mf.dispose();
  }
} finally {
  await emu.close();
}

const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), 6));
const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(line(["metric", "value", "note"]));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of rows) console.log(line(row));
