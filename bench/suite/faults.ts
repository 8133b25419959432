/**
 * Faults: the upstream fault matrix × {cold, warm}. "Cold": a query the gateway has never seen; "warm": one
 * answered once before the fault, so the cell shows what a user gets while the emulator misbehaves. Each answer must come within the deadline
 * (REQUEST_DEADLINE_MS, 10 s in the demo, + 1 s slack for the local stack) and be a 2xx (fresh or stale) or a
 * clean 502/503/504/429 in the envelope. "Connection reset" is the emulator's `timeout` fault with a short
 * latency: it closes the socket without an answer.
 */
import { envelopeProblem, sleep, table, type Urls } from "./lib";

const DEADLINE_MS = 10_000 + 1_000;
type Cell = {
  name: string;
  fault: Record<string, unknown>;
  /** What a cold answer must be besides "within the deadline, clean": status and Retry-After. */
  cold?: { status: number; retryAfter: string };
};
const MATRIX: Cell[] = [
  { name: "hang (no answer for 60 s)", fault: { kind: "timeout", latencyMs: 60_000 } },
  { name: "500", fault: { kind: "status", status: 500 } },
  { name: "503", fault: { kind: "status", status: 503 } },
  { name: "429 Retry-After 1 s", fault: { kind: "status", status: 429 } },
  {
    // Longer than any deadline: the gateway must not wait it out, but answer our 429 with that wait at once.
    // (The first run set the emulator's rate limit to `limit: 0`, which the emulator refuses (min 1), so
    // the request went through; a status fault with retryAfterSeconds really sends the 429.)
    name: "429 Retry-After 3600 s",
    fault: { kind: "status", status: 429, retryAfterSeconds: 3600 },
    cold: { status: 429, retryAfter: "3600" },
  },
  { name: "malformed JSON", fault: { kind: "malformed" } },
  { name: "truncated JSON", fault: { kind: "truncate" } },
  { name: "drifted schema", fault: { kind: "drift" } },
  { name: "connection reset", fault: { kind: "timeout", latencyMs: 50 } },
];

const post = (url: string, body: unknown) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).then((r) => r.text());

export async function faults(urls: Urls): Promise<string> {
  const emu = urls.emulator;
  const rows: (string | number)[][] = [];
  let n = 0;
  for (const cell of MATRIX) {
    for (const temp of ["cold", "warm"] as const) {
      n += 1;
      // A search nobody asked before (distinct text), so "cold" is a real miss; "warm" asks it once first.
      const url = `${urls.api}/v1/notices?q=${encodeURIComponent(`fault${n}`)}&limit=${(n % 40) + 1}`;
      if (temp === "warm") {
        const first = await fetch(url);
        await first.text();
        // The search TTL (300 s) is not reached in the suite's time: the warm cell shows the cached answer
        // holding while the upstream fails, not a stale-while-revalidate refresh.
      }
      await post(`${emu}/_emulator/faults`, { route: "*", ...cell.fault });
      const t0 = Date.now();
      let status = 0;
      let verdict = "";
      let cache = "";
      let retryAfter = "";
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
        const text = await res.text();
        status = res.status;
        cache = res.headers.get("cache-status") ?? res.headers.get("x-cache") ?? "";
        retryAfter = res.headers.get("retry-after") ?? "";
        const ok = res.ok || [429, 502, 503, 504].includes(status);
        const env = res.ok ? null : envelopeProblem(text);
        const expected = temp === "cold" ? cell.cold : undefined;
        const unexpected =
          expected && (status !== expected.status || retryAfter !== expected.retryAfter)
            ? `FAIL expected ${expected.status} with Retry-After ${expected.retryAfter}`
            : null;
        verdict = !ok ? `FAIL status` : env ? `FAIL ${env}` : (unexpected ?? "ok");
        if (!res.ok) {
          const code = (JSON.parse(text) as { error: { code: string } }).error.code;
          verdict += ` (${code})`;
        }
      } catch (err) {
        verdict = `FAIL ${(err as Error).message}`;
      }
      const ms = Date.now() - t0;
      if (ms > DEADLINE_MS) verdict = `FAIL over deadline; ${verdict}`;
      rows.push([cell.name, temp, status, ms, retryAfter, cache.slice(0, 40), verdict]);
      await fetch(`${emu}/_emulator/faults`, { method: "DELETE" });
      await sleep(200);
    }
  }
  return table(["upstream fault", "cache", "status", "ms", "retry-after", "cache-status", "verdict"], rows);
}
