/**
 * Load: LOAD_SECONDS (default 60) at saturation (autocannon, 32 connections) on one cached search, then on
 * a mixed read workload (cached searches, notice details, code lists, health), with the RSS of every workerd
 * process sampled every 5 s. The emulator's rate limit stays on: misses beyond the budget are answered 503,
 * which counts as an error here.
 */
import { execFileSync } from "node:child_process";
import autocannon from "autocannon";
import { table, type Urls } from "./lib";

/**
 * RSS of this stack's workerd processes (MB). Other stacks run on the machine too, so only workerd in the
 * process group of the wrangler started with `--port <api port>` count (demo.sh gives each job its own
 * group; the tracker's workerd is not counted).
 */
function workerdRssMb(apiPort: string): number {
  try {
    const rows = execFileSync("ps", ["-e", "-o", "pgid=,rss=,comm=,args="], { encoding: "utf8" })
      .split("\n")
      .map((l) => l.trim().split(/\s+/))
      .filter((r) => r.length >= 3);
    const group = rows.find((r) => r.join(" ").includes(`--port ${apiPort} `))?.[0];
    const mine = rows.filter((r) => r[0] === group && r[2] === "workerd");
    return mine.reduce((a, r) => a + Number(r[1]), 0) / 1024;
  } catch {
    return Number.NaN;
  }
}

async function run(
  name: string,
  requests: { path: string }[],
  base: string,
  seconds: number,
): Promise<(string | number)[]> {
  const port = new URL(base).port;
  const rss: number[] = [workerdRssMb(port)];
  const sampler = setInterval(() => rss.push(workerdRssMb(port)), 5_000);
  const r = await autocannon({
    url: base,
    connections: 32,
    duration: seconds,
    requests: requests.map((q) => ({ method: "GET", path: q.path })),
  });
  clearInterval(sampler);
  rss.push(workerdRssMb(port));
  return [
    name,
    seconds,
    Math.round(r.requests.average),
    r.latency.p50,
    r.latency.p99,
    r.non2xx + r.errors + r.timeouts,
    rss.map((m) => m.toFixed(0)).join(" "),
  ];
}

export async function load(urls: Urls): Promise<string> {
  const seconds = Number(process.env.LOAD_SECONDS ?? 60);
  const search = "/v1/notices?type=COMPETITION&location=Vestland&limit=3";
  // Notice ids (Doffin's YYYY-NNNNNN) from a first page of results, whatever the list's field is called.
  const page = await (await fetch(`${urls.api}/v1/notices?limit=10`)).text();
  const noticeIds = [...new Set([...page.matchAll(/"id":"(\d{4}-\d+)"/g)].map((m) => m[1]))].slice(0, 10);
  const mixed = [
    search,
    "/v1/notices?cpv=72*&status=ACTIVE&limit=2",
    "/v1/codes/locations",
    "/v1/codes/cpv/72000000",
    "/health",
    ...noticeIds.map((id) => `/v1/notices/${id}`),
  ];
  for (const p of mixed) await (await fetch(`${urls.api}${p}`)).text(); // warm the cache first
  const rows = [
    await run("cached search", [{ path: search }], urls.api, seconds),
    await run(
      `mixed reads (${mixed.length} URLs)`,
      mixed.map((path) => ({ path })),
      urls.api,
      seconds,
    ),
  ];
  return table(
    ["workload", "s", "req/s", "p50 ms", "p99 ms", "errors (non-2xx)", "workerd RSS MB every 5 s"],
    rows,
  );
}
