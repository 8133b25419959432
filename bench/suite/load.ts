/**
 * Load: LOAD_SECONDS (default 60) at saturation (autocannon, 32 connections) on one cached search, then on
 * a mixed read workload (cached searches, notice details, code lists, health), with the RSS of the API's
 * workerd processes sampled every 5 s, and once more after 10 s idle; then the cached search once more, so
 * growth that is a plateau (V8 heaps growing to their working size) tells itself from a leak.
 *
 * The requests carry LOAD_KEYS (8) API keys of the high tier (6000/min each), made through the admin
 * route with the demo's operator token, spread evenly over the requests: the demo's anonymous callers all
 * share one bucket (every request comes from 127.0.0.1; 6000/min on the demo's high tier), which 200+
 * req/s exceeds within seconds, so without keys this part measured our own limiter (the first run's
 * "errors" were those 429s). The limits themselves are the fuzz part's and the API tests' business. The
 * emulator's rate limit stays on: misses beyond the budget are answered 503. Every non-2xx is broken down
 * by status and error code.
 */
import { execFileSync } from "node:child_process";
import autocannon from "autocannon";
import { sleep, table, type Urls } from "./lib";

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

type Request = { path: string; headers: Record<string, string> };

async function run(
  name: string,
  requests: Request[],
  base: string,
  seconds: number,
): Promise<(string | number)[]> {
  const port = new URL(base).port;
  const rss: number[] = [workerdRssMb(port)];
  const sampler = setInterval(() => rss.push(workerdRssMb(port)), 5_000);
  const answers = new Map<string, number>();
  const count = (what: string) => answers.set(what, (answers.get(what) ?? 0) + 1);
  const r = await autocannon({
    url: base,
    connections: 32,
    duration: seconds,
    requests: requests.map((q) => ({
      method: "GET",
      path: q.path,
      headers: q.headers,
      onResponse: (status: number, body: string) => {
        if (status < 400) return count(String(status));
        let code = "?";
        try {
          code = (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? "?";
        } catch {
          code = "not JSON";
        }
        count(`${status} ${code}`);
      },
    })),
  });
  clearInterval(sampler);
  rss.push(workerdRssMb(port));
  await sleep(10_000);
  const idle = workerdRssMb(port);
  const first = rss[0] ?? Number.NaN;
  const peak = Math.max(...rss);
  const growth = ((idle - first) / first) * 100;
  return [
    name,
    seconds,
    Math.round(r.requests.average),
    r.latency.p50,
    r.latency.p99,
    r.non2xx + r.errors + r.timeouts,
    [...answers.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k}×${n}`)
      .join(", ") + (r.errors + r.timeouts ? `, socket errors×${r.errors}, timeouts×${r.timeouts}` : ""),
    rss.map((m) => m.toFixed(0)).join(" "),
    `${idle.toFixed(0)} (${growth >= 0 ? "+" : ""}${growth.toFixed(1)} % from start, peak ${peak.toFixed(0)})`,
  ];
}

/** `n` API keys of the high tier (6000/min), created through the admin route with the operator token. */
async function highTierKeys(api: string, n: number): Promise<string[]> {
  const token = process.env.OPERATOR_TOKEN ?? "demo-operator-token";
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${api}/v1/admin/keys`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ owner: "suite-load", label: `load ${i}`, scopes: ["read"], rateLimit: 6000 }),
    });
    if (res.status !== 201)
      throw new Error(`creating a load key answered ${res.status}: ${await res.text()}`);
    keys.push(((await res.json()) as { key: string }).key);
  }
  return keys;
}

/** Every path with every key in turn (autocannon's connections each loop over the list). */
const spread = (paths: string[], keys: string[]): Request[] =>
  Array.from({ length: paths.length * keys.length }, (_, i) => ({
    path: paths[i % paths.length] as string,
    headers: { "x-api-key": keys[Math.floor(i / paths.length) % keys.length] as string },
  }));

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
  const keys = await highTierKeys(urls.api, Number(process.env.LOAD_KEYS ?? 8));
  const rows = [
    await run(`cached search (${keys.length} keys)`, spread([search], keys), urls.api, seconds),
    await run(
      `mixed reads (${mixed.length} URLs, ${keys.length} keys)`,
      spread(mixed, keys),
      urls.api,
      seconds,
    ),
    // The first workload once more: RSS that grows again here is a leak, RSS that stays is a plateau.
    await run(`cached search again (${keys.length} keys)`, spread([search], keys), urls.api, seconds),
  ];
  return table(
    [
      "workload",
      "s",
      "req/s",
      "p50 ms",
      "p99 ms",
      "non-2xx",
      "answers by status",
      "workerd RSS MB every 5 s",
      "RSS after 10 s idle",
    ],
    rows,
  );
}
