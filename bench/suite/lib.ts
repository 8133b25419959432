/**
 * What the suite's parts share: the demo stack on ports of its own (packages/e2e's `startStack`, the same
 * scripts/demo.sh a reader runs), a markdown table, percentiles, and the one check every 4xx must pass.
 */
import { fileURLToPath } from "node:url";
import { type Stack, startStack } from "../../packages/e2e/src/stack";

export const root = fileURLToPath(new URL("../../", import.meta.url));

export type Urls = { api: string; tracker: string; emulator: string };
export const urlsOf = (stack: Stack): Urls => ({
  api: `http://127.0.0.1:${stack.ports.api}`,
  tracker: `http://127.0.0.1:${stack.ports.tracker}`,
  emulator: `http://127.0.0.1:${stack.ports.emulator}`,
});

/** Starts the stack (demo.sh, churn off); `extraEnv` reaches demo.sh (e.g. BACKFILL_FROM for contention). */
export async function withStack<T>(
  run: (urls: Urls) => Promise<T>,
  extraEnv: Record<string, string> = {},
): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, extraEnv);
  const stack = await startStack(root);
  process.env = saved;
  try {
    return await run(urlsOf(stack));
  } finally {
    await stack.stop();
  }
}

/** A markdown table on stdout (and returned, so run.ts can collect them). */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(3, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const out = [
    line(cells[0] ?? []),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...cells.slice(1).map(line),
  ];
  const text = out.join("\n");
  console.log(text);
  return text;
}

/** The q-th percentile (0..100) of the values, nearest rank. */
export function percentile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

/** Why a 4xx body is not the house envelope `{error:{code,message,requestId}}`, or null when it is. */
export function envelopeProblem(body: string): string | null {
  try {
    const e = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown; requestId?: unknown } })
      .error;
    if (!e || typeof e.code !== "string" || typeof e.message !== "string" || typeof e.requestId !== "string")
      return "no {error:{code,message,requestId}}";
    return null;
  } catch {
    return "not JSON";
  }
}

/**
 * The web explorer's pages (HTML for people, not the API) answer their errors as an HTML page with the
 * message in `role="alert"`; why such an answer is not one, or null when it is.
 */
export function htmlErrorPageProblem(body: string): string | null {
  if (!/<html lang="(nb|en)"/.test(body)) return "not an explorer page";
  return body.includes('role="alert"') ? null : 'HTML error page without role="alert"';
}

/** Why an MCP answer is not a JSON-RPC error object, or null when it is. */
export function jsonRpcProblem(body: string): string | null {
  try {
    const v = JSON.parse(body) as unknown;
    const first = Array.isArray(v) ? v[0] : v;
    const err = (first as { jsonrpc?: string; error?: { code?: unknown; message?: unknown } }) ?? {};
    if (err.jsonrpc !== "2.0" || typeof err.error?.code !== "number" || typeof err.error.message !== "string")
      return "no JSON-RPC error";
    return null;
  } catch {
    return "not JSON";
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `task(i)` for i in 0..n-1 with at most `width` in flight. */
export async function pool(n: number, width: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, n) }, worker));
}

/** A small seeded PRNG (mulberry32): the same seed gives the same requests, so a failure can be replayed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
