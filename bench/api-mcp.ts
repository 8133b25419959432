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
import { dirname } from "node:path";
import { startEmulatorServer } from "@doffin/emulator";
import { buildApi, combine, DURATION_S, load, printTable, ROUNDS, type Run, serve } from "./api-harness";

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

const emu = await startEmulatorServer({ port: 0, seed: 42, count: 5000, rateLimit: false });
const rows: [string, string, string][] = [];
try {
  console.error("bench: building the API bundle…");
  const scriptPath = buildApi("doffin-api-mcp-");
  const { mf, url: base } = await serve({
    scriptPath,
    modulesRoot: dirname(scriptPath),
    kvNamespaces: ["CACHE"],
    bindings: { UPSTREAM_BASE_URL: emu.url, UPSTREAM_KIND: "webclient", BUILD_VERSION: "bench" },
  });
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

printTable(["metric", "value", "note"], rows, 6);
