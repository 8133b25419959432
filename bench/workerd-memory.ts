/**
 * Memory of the Workers a benchmark runs in Miniflare, read from outside: the RSS of the workerd
 * processes below this one (/proc), and the V8 heap of the user Worker's isolate (what the 128 MB
 * Workers limit applies to) through workerd's inspector. Shared by tracker-bench.ts and ocds-bulk.ts.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Summed RSS (MB) of the workerd processes below this one, right now. */
export function workerdRss(): number {
  const children = (pid: number): number[] => {
    const out: number[] = [];
    for (const d of readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (ppid === pid) out.push(Number(d), ...children(Number(d)));
      } catch {}
    }
    return out;
  };
  let sum = 0;
  for (const pid of children(process.pid)) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("workerd")) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      sum += Number(m?.[1] ?? 0) / 1024;
    } catch {}
  }
  return sum;
}

/** Samples `workerdRss()` every 100 ms; `stop()` returns the peak. */
export function sampleWorkerdRss() {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, workerdRss());
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, workerdRss());
    },
  };
}

/**
 * The Worker's own memory: V8 heap of its isolate (what the 128 MB Workers limit applies to), read
 * through workerd's inspector (`Runtime.getHeapUsage`) every 100 ms; `stop()` returns the peaks in MB.
 */
export async function sampleIsolateHeap(inspectorPort: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as {
    id: string;
    webSocketDebuggerUrl: string;
  }[];
  const target = targets.find((t) => t.id.startsWith("core:user:"));
  if (!target) throw new Error("no user worker behind the inspector");
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((r) => ws.addEventListener("open", r, { once: true }));
  let used = 0;
  let total = 0;
  ws.addEventListener("message", (e) => {
    const m = JSON.parse(String(e.data)) as { result?: { usedSize?: number; totalSize?: number } };
    used = Math.max(used, (m.result?.usedSize ?? 0) / 2 ** 20);
    total = Math.max(total, (m.result?.totalSize ?? 0) / 2 ** 20);
  });
  let id = 0;
  const timer = setInterval(() => ws.send(JSON.stringify({ id: ++id, method: "Runtime.getHeapUsage" })), 100);
  return {
    stop: async () => {
      clearInterval(timer);
      await new Promise((r) => setTimeout(r, 200));
      ws.close();
      return { used, total };
    },
  };
}
