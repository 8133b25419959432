import { loadavg } from "node:os";
import { dirname } from "node:path";
import { startEmulatorServer } from "@doffin/emulator";
import autocannon from "autocannon";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { buildApi, CONNECTIONS, combine, DURATION_S, printTable, ROUNDS, type Run } from "./api-harness";
import { bundleBenchWorker, COMPAT, migrateTracker } from "./worker-bundle";

const N = Number(process.env.BENCH_OCDS_API_N ?? 1000);

/** Every notice id of the emulator's corpus (web-client search, 100 a page: N ≤ 1000, Doffin's cap). */
async function corpusIds(emuUrl: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ids.length < N; page++) {
    const res = await fetch(`${emuUrl}/webclient/api/v2/search-api/search`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ numHitsPerPage: 100, page, searchString: "", facets: {} }),
    });
    const hits = ((await res.json()) as { hits: { id: string }[] }).hits;
    if (hits.length === 0) break;
    ids.push(...hits.map((h) => h.id));
  }
  return ids.slice(0, N);
}

async function loadPaths(
  url: string,
  paths: string[],
  connections = CONNECTIONS,
): Promise<Run & { bytes: number }> {
  const r = await autocannon({
    url,
    connections,
    duration: DURATION_S,
    requests: paths.map((path) => ({ method: "GET", path })),
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx + r.errors,
    bytes: r.throughput.total / Math.max(1, r.requests.total),
  };
}

if (N > 1000) throw new Error("BENCH_OCDS_API_N ≤ 1000: the corpus ids come from a capped search");
const emu = await startEmulatorServer({ port: 0, seed: 42, count: N, rateLimit: false });
const rows: [string, string, string][] = [];
try {
  console.error("bench: building the API and the tracker bench Worker…");
  const apiScript = buildApi();
  const trackerScript = bundleBenchWorker("ocds-api-bench", new URL("./ocds-api-worker.ts", import.meta.url));
  const mf = new Miniflare({
    ...(convertV4MiniflareOptions({
      host: "127.0.0.1",
      port: 0,
      workers: [
        {
          name: "api",
          modules: true,
          scriptPath: apiScript,
          modulesRoot: dirname(apiScript),
          ...COMPAT,
          kvNamespaces: ["CACHE"],
          bindings: { UPSTREAM_BASE_URL: emu.url, UPSTREAM_KIND: "webclient", BUILD_VERSION: "bench" },
          serviceBindings: { TRACKER: "tracker" },
        },
        {
          name: "tracker",
          modules: true,
          scriptPath: trackerScript,
          modulesRoot: dirname(trackerScript),
          ...COMPAT,
          d1Databases: ["DB"],
          r2Buckets: ["EFORMS", "OCDS"],
          bindings: {
            UPSTREAM_BASE_URL: emu.url,
            UPSTREAM_KIND: "webclient",
            PUBLIC_BASE_URL: "http://127.0.0.1",
          },
        },
      ],
    } as never) as object),
  } as never);
  const url = (await mf.ready).toString().replace(/\/$/, "");
  try {
    await migrateTracker(await mf.getD1Database("DB", "tracker"));
    const ids = await corpusIds(emu.url);
    console.error(`bench: storing the OCDS releases of ${ids.length} emulated notices…`);
    const tracker = await mf.getWorker("tracker");
    const t0 = performance.now();
    const seeded = (await (
      await tracker.fetch("http://tracker/_bench/seed", { method: "POST", body: JSON.stringify(ids) })
    ).json()) as { stored: number; failed: string[] };
    const seedS = (performance.now() - t0) / 1000;
    if (seeded.failed.length > 0)
      console.error(`bench: ${seeded.failed.length} downloads failed, e.g. ${seeded.failed[0]}`);

    // One crawl, following links.next, gives the page paths (and checks the pages are whole).
    const pages: string[] = [];
    let releases = 0;
    for (let next: string | undefined = "/ocds/releases?page_size=100"; next; ) {
      pages.push(next);
      const res = await fetch(url + next);
      if (res.status !== 200) throw new Error(`${next} → ${res.status}`);
      const body = (await res.json()) as { releases: unknown[]; links?: { next?: string } };
      releases += body.releases.length;
      const link = body.links?.next;
      next = link ? `${new URL(link).pathname}${new URL(link).search}` : undefined;
    }
    const NOTICES = "/v1/notices?limit=100";
    await (await fetch(url + NOTICES)).arrayBuffer(); // warm the cache entry
    const hit = await fetch(url + NOTICES);
    const hitBody = await hit.text();
    console.error(
      `bench: ${releases} releases in ${pages.length} pages; /v1/notices ${hit.headers.get("cache-status")}`,
    );

    const runs = { ocds: [] as (Run & { bytes: number })[], notices: [] as (Run & { bytes: number })[] };
    for (let round = 1; round <= ROUNDS; round++) {
      console.error(
        `bench: round ${round}/${ROUNDS}: /v1/notices then /ocds/releases, ${DURATION_S} s each…`,
      );
      runs.notices.push(await loadPaths(url, [NOTICES]));
      runs.ocds.push(await loadPaths(url, pages));
    }
    console.error(`bench: one connection (service time, no queueing), ${DURATION_S} s each…`);
    const n1 = await loadPaths(url, [NOTICES], 1);
    const o1 = await loadPaths(url, pages, 1);
    // Where an OCDS page's time goes: the same D1 page query alone (no JSON), keys only and whole rows.
    const seqs = Array.from({ length: pages.length }, (_, i) => i * 100);
    const q1 = await loadPaths(
      url,
      seqs.map((a) => `/ocds/_bench/query?after=${a}&cols=seq`),
      1,
    );
    const q2 = await loadPaths(
      url,
      seqs.map((a) => `/ocds/_bench/query?after=${a}`),
      1,
    );
    const n = combine(runs.notices);
    const o = combine(runs.ocds);
    const kb = (rs: { bytes: number }[]) =>
      (rs.reduce((a, r) => a + r.bytes, 0) / rs.length / 1024).toFixed(0);
    rows.push(
      [
        "corpus",
        `${ids.length} notices → ${releases} releases`,
        `stored in ${seedS.toFixed(1)} s (XML fetch + parse + map + D1)`,
      ],
      [
        "GET /v1/notices?limit=100 (cache hit): req/s · p50 · p99",
        `${n.rps.toFixed(0)} · ${n.p50} ms · ${n.p99} ms`,
        `${kb(runs.notices)} KB/answer (${(hitBody.length / 1024).toFixed(0)} KB body); non-2xx ${n.non2xx}`,
      ],
      [
        `GET /ocds/releases?page_size=100, ${pages.length} pages by links.next: req/s · p50 · p99`,
        `${o.rps.toFixed(0)} · ${o.p50} ms · ${o.p99} ms`,
        `${kb(runs.ocds)} KB/answer; D1 via the TRACKER binding; non-2xx ${o.non2xx}`,
      ],
      ["p50 ratio OCDS / notices", (o.p50 / Math.max(1, n.p50)).toFixed(2), `${CONNECTIONS} connections`],
      ["p99 ratio OCDS / notices", (o.p99 / Math.max(1, n.p99)).toFixed(2), `${CONNECTIONS} connections`],
      [
        "1 connection: p50 · p99 notices | OCDS",
        `${n1.p50} · ${n1.p99} ms | ${o1.p50} · ${o1.p99} ms`,
        `service time; ${n1.rps.toFixed(0)} | ${o1.rps.toFixed(0)} req/s`,
      ],
      [
        "1 connection: the page's D1 query alone, keys | whole rows: p50 · p99",
        `${q1.p50} · ${q1.p99} ms | ${q2.p50} · ${q2.p99} ms`,
        "same SQL as releasePage, through the API and the binding, no JSON built",
      ],
    );
  } finally {
    await mf.dispose();
  }
} finally {
  await emu.close();
}
console.log(
  `\nOCDS pages vs notice search, ${CONNECTIONS} connections, ${ROUNDS}×${DURATION_S} s, Node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}\n`,
);
printTable(rows);
