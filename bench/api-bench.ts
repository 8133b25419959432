/**
 * API Worker benchmarks (issue 3). Run: `pnpm --dir bench exec tsx api-bench.ts` (≈1–2 minutes).
 *
 * 1. Cache-hit throughput and p99 (3 alternating rounds of 6 s, 16 connections) of `GET /v1/notices?…` vs a bare Worker returning the same bytes and
 *    headers, both the built bundle (`wrangler deploy --dry-run`) served by Miniflare on 127.0.0.1.
 * 2. 50 concurrent identical cold requests → upstream calls (the emulator's request counter).
 * 3. A Zipf query mix over 5 (and 60) simulated minutes → upstream calls per 1000 client requests
 *    (see api-zipf.ts: an injected clock, not wall time).
 * Prints one table. Not a test: figures depend on the machine (2 shared cores here).
 */
import { dirname } from "node:path";
import { startEmulatorServer } from "@doffin/emulator";
import { buildApi, combine, DURATION_S, load, printTable, ROUNDS, type Run, serve } from "./api-harness";
import { simulateZipf } from "./api-zipf";

const HIT_PATH = "/v1/notices?type=COMPETITION&location=Vestland&limit=20";

const emu = await startEmulatorServer({ port: 0, seed: 42, count: 5000, rateLimit: false });
const rows: [string, string, string][] = [];
try {
  console.error("bench: building the API bundle…");
  const scriptPath = buildApi("doffin-api-bench-");
  const api = await serve({
    scriptPath,
    modulesRoot: dirname(scriptPath),
    kvNamespaces: ["CACHE"],
    bindings: { UPSTREAM_BASE_URL: emu.url, UPSTREAM_KIND: "webclient", BUILD_VERSION: "bench" },
  });
  try {
    // Warm the entry, then copy the exact bytes and headers for the bare baseline.
    await (await fetch(api.url + HIT_PATH)).arrayBuffer();
    const hit = await fetch(api.url + HIT_PATH);
    const body = await hit.text();
    const headers = Object.fromEntries(
      ["content-type", "etag", "cache-control", "cache-status", "age"].map((h) => [
        h,
        hit.headers.get(h) ?? "",
      ]),
    );
    console.error(`bench: warm entry is ${body.length} bytes, ${hit.headers.get("cache-status")}`);
    const bare = await serve({
      script: `const body = ${JSON.stringify(body)}; const headers = ${JSON.stringify(headers)};
        export default { fetch() { return new Response(body, { headers }); } };`,
    });
    // Alternate short rounds so background load on the (shared, 2-core) machine hits both alike.
    const runs = { bare: [] as Run[], api: [] as Run[] };
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        console.error(`bench: round ${round}/${ROUNDS}: bare Worker then API, ${DURATION_S} s each…`);
        runs.bare.push(await load({ url: bare.url + HIT_PATH }));
        runs.api.push(await load({ url: api.url + HIT_PATH }));
      }
    } finally {
      await bare.mf.dispose();
    }
    const bareRun = combine(runs.bare);
    const apiRun = combine(runs.api);
    rows.push(
      [
        "bare Worker, same bytes: req/s · p50 · p99",
        `${bareRun.rps.toFixed(0)} · ${bareRun.p50} ms · ${bareRun.p99} ms`,
        "baseline",
      ],
      [
        "API cache hit: req/s · p50 · p99",
        `${apiRun.rps.toFixed(0)} · ${apiRun.p50} ms · ${apiRun.p99} ms`,
        `non-2xx ${apiRun.non2xx}`,
      ],
      ["throughput ratio API / bare", (apiRun.rps / bareRun.rps).toFixed(2), "goal ≥ 0.7"],
      ["p99 ratio API / bare", (apiRun.p99 / Math.max(1, bareRun.p99)).toFixed(2), "goal ≤ 2"],
    );

    console.error("bench: 50 concurrent identical cold requests…");
    await fetch(`${emu.url}/_emulator/stats/reset`, { method: "POST" });
    const cold = await Promise.all(
      Array.from({ length: 50 }, () => fetch(`${api.url}/v1/notices?type=RESULT&location=Oslo&limit=7`)),
    );
    await Promise.all(cold.map((r) => r.arrayBuffer()));
    const stats = (await (await fetch(`${emu.url}/_emulator/stats`)).json()) as { total: number };
    const ok = cold.filter((r) => r.status === 200).length;
    rows.push([
      "50 concurrent identical cold requests → upstream calls",
      String(stats.total),
      `goal 1 · ${ok}/50 answered 200`,
    ]);
  } finally {
    await api.mf.dispose();
  }

  for (const minutes of [5, 60]) {
    console.error(`bench: Zipf mix, ${minutes} simulated minutes…`);
    const z = await simulateZipf({
      emulatorUrl: emu.url,
      minutes,
      requestsPerSecond: 20,
      distinctQueries: 300,
      s: 1.1,
      seed: 7,
    });
    rows.push([
      `Zipf mix (s=1.1, 300 queries, 20 req/s) over ${minutes} simulated min → upstream calls / 1000 requests`,
      z.per1000.toFixed(1),
      `${z.upstreamCalls} calls for ${z.requests} requests; statuses ${JSON.stringify(Object.fromEntries(z.statuses))}`,
    ]);
  }
} finally {
  await emu.close();
}

printTable(["metric", "value", "note"], rows, 6);
