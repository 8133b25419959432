/**
 * Fuzz: FUZZ_COUNT (default 10 000) random malformed requests over every route and method of `/openapi.json`
 * (so routes other engineers add are covered once they land) plus a few paths outside it. Passes when no
 * answer is a 5xx and every 4xx is the house envelope (MCP: a JSON-RPC error; the explorer's HTML pages: an
 * HTML error page with its message in role="alert"). Seeded (FUZZ_SEED) so a
 * failure can be replayed.
 */
import { envelopeProblem, htmlErrorPageProblem, jsonRpcProblem, pool, rng, table, type Urls } from "./lib";

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];
const JUNK = [
  "",
  "%00",
  "\u0000\u0001\u001f",
  "../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e%2f",
  "💥🇳🇴",
  "\u202eevil",
  "ÆØÅ",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "-1",
  "1e309",
  "NaN",
  "9".repeat(40),
  "a".repeat(5000),
  "%",
  "%zz",
  "*",
  "72*",
  "2026-13-45",
  "null",
  "[]",
  "{}",
  "\r\nX-Injected: 1",
];
const CONTENT_TYPES = [
  "application/json",
  "text/plain",
  "application/xml",
  "multipart/form-data; boundary=x",
  "",
  "application/json; charset=utf-16",
];

type Spec = { paths: string[]; params: Map<string, string[]> };

async function routes(api: string): Promise<Spec> {
  const doc = (await (await fetch(`${api}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
  };
  const params = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    const names = Object.values(ops).flatMap((op) =>
      (op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
    );
    params.set(path, [...new Set(names)]);
  }
  // Outside the spec: the MCP endpoint, the docs, unknown paths.
  const paths = [
    ...Object.keys(doc.paths),
    "/mcp",
    "/docs",
    "/nope",
    "/v1/../../etc/passwd",
    "/v1/notices/%2e%2e",
  ];
  return { paths, params };
}

function bodyFor(r: () => number, pick: <T>(xs: T[]) => T): string | undefined {
  const k = Math.floor(r() * 8);
  if (k === 0) return undefined;
  if (k === 1) return "{".repeat(1 + Math.floor(r() * 20_000)); // deep nesting, unclosed
  if (k === 2)
    return JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: pick(["tools/call", "initialize", "x", ""]),
      params: { name: pick(JUNK), arguments: { q: pick(JUNK) } },
    });
  if (k === 3) return "x".repeat(1 + Math.floor(r() * 2_000_000)); // up to 2 MB: over the body limit
  if (k === 4) return `[${"[".repeat(5000)}${"]".repeat(5000)}]`;
  if (k === 5) return JSON.stringify(Array.from({ length: 2000 }, () => ({ a: pick(JUNK) })));
  if (k === 6) return pick(JUNK);
  return "\u0000\uffff\ud800";
}

export async function fuzz(urls: Urls): Promise<string> {
  const count = Number(process.env.FUZZ_COUNT ?? 10_000);
  const r = rng(Number(process.env.FUZZ_SEED ?? 7));
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const spec = await routes(urls.api);
  const byStatus = new Map<string, number>();
  const failures: string[] = [];
  let netErrors = 0;
  const started = Date.now();
  await pool(count, 16, async () => {
    const template = pick(spec.paths);
    const path = template.replace(/\{[^}]+\}/g, () =>
      encodeURIComponent(pick(JUNK)).replace(/%2F/g, pick(["/", "%2F"])),
    );
    const names = [...(spec.params.get(template) ?? []), "junk", "__proto__", "limit", "q"];
    const query = Array.from(
      { length: Math.floor(r() * 5) },
      () =>
        `${encodeURIComponent(pick(names))}=${pick([encodeURIComponent(pick(JUNK)), pick(JUNK).replace(/[#\r\n]/g, "")])}`,
    ).join("&");
    const method = pick(METHODS);
    const body = method === "GET" || method === "HEAD" ? undefined : bodyFor(r, pick);
    const headers: Record<string, string> = {};
    const ct = pick(CONTENT_TYPES);
    if (ct) headers["content-type"] = ct;
    if (r() < 0.2) headers.authorization = `Bearer ${pick(["", "x", "dk_live_bogus", "a".repeat(3000)])}`;
    if (r() < 0.1) headers.accept = pick(["text/event-stream", "application/xml", "*/*"]);
    const url = `${urls.api}${path}${query ? `?${query}` : ""}`;
    try {
      const res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(15_000) });
      const text = await res.text();
      const key = `${res.status}`;
      byStatus.set(key, (byStatus.get(key) ?? 0) + 1);
      let problem: string | null = null;
      if (res.status >= 500) problem = "5xx";
      else if (res.status >= 400 && method !== "HEAD")
        problem =
          template === "/mcp" &&
          res.headers.get("content-type")?.includes("json") &&
          !text.includes('"error":{"code":"')
            ? jsonRpcProblem(text)
            : res.headers.get("content-type")?.startsWith("text/html")
              ? htmlErrorPageProblem(text)
              : envelopeProblem(text);
      if (problem && failures.length < 20)
        failures.push(`${method} ${url.slice(0, 160)} → ${res.status} ${problem}: ${text.slice(0, 160)}`);
      else if (problem) failures.push("");
    } catch (err) {
      netErrors += 1;
      if (failures.length < 20) failures.push(`${method} ${url.slice(0, 160)} → ${(err as Error).message}`);
      else failures.push("");
    }
  });
  const seconds = (Date.now() - started) / 1000;
  const statuses = [...byStatus.entries()]
    .sort()
    .map(([s, n]) => `${s}×${n}`)
    .join(" ");
  for (const f of failures.filter(Boolean)) console.error(`fuzz: ${f}`);
  const fives = [...byStatus.entries()].filter(([s]) => Number(s) >= 500).reduce((a, [, n]) => a + n, 0);
  return table(
    [
      "part",
      "requests",
      "routes (openapi + extra)",
      "5xx",
      "4xx not in envelope",
      "network errors / hangs",
      "seconds",
      "statuses",
    ],
    [
      [
        "fuzz",
        count,
        spec.paths.length,
        fives,
        failures.length - fives - netErrors,
        netErrors,
        seconds.toFixed(0),
        statuses,
      ],
    ],
  );
}
