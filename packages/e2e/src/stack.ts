import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The whole offline stack exactly as `npm run demo` starts it (scripts/demo.sh: emulator, tracker, API +
 * feedback), on ports of its own and with a fresh local state, the churn loop off so answers are stable.
 */
export type Stack = {
  ports: { api: number; tracker: number; emulator: number; nav: number };
  root: string;
  stop(): Promise<void>;
};

/** A port nobody listens on now (the OS picks it), so two runs on one machine never collide. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Ports from E2E_API_PORT / E2E_TRACKER_PORT / E2E_EMU_PORT / E2E_NAV_PORT, else free ones. */
export async function stackPorts(): Promise<Stack["ports"]> {
  const given = (name: string) => Number(process.env[name]) || undefined;
  return {
    api: given("E2E_API_PORT") ?? (await freePort()),
    tracker: given("E2E_TRACKER_PORT") ?? (await freePort()),
    emulator: given("E2E_EMU_PORT") ?? (await freePort()),
    nav: given("E2E_NAV_PORT") ?? (await freePort()),
  };
}

async function waitFor(url: string, child: ChildProcess, log: () => string, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the demo stack exited during start-up:\n${log()}`);
    try {
      const res = await fetch(url);
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the demo stack did not answer ${url} within ${timeoutMs} ms:\n${log()}`);
}

export async function startStack(root: string): Promise<Stack> {
  const ports = await stackPorts();
  const state = mkdtempSync(join(tmpdir(), "doffin-e2e-state-"));
  let output = "";
  const child = spawn("bash", ["scripts/demo.sh"], {
    cwd: root,
    detached: true, // its own process group, so stop() ends wrangler and workerd too
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      EMU_PORT: String(ports.emulator),
      API_PORT: String(ports.api),
      TRACKER_PORT: String(ports.tracker),
      NAV_PORT: String(ports.nav),
      CHURN_INTERVAL: "0",
      STATE: state,
      DEMO_SKIP_SETUP: "1",
    },
  });
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once("exit", r));
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    }
    rmSync(state, { recursive: true, force: true });
  };
  try {
    // demo.sh prints its tour only after the first sweep and the primed changes: wait for that, not
    // just for /health, so the change-feed examples see what a reader would.
    await waitFor(`http://127.0.0.1:${ports.api}/health`, child, () => output, 240_000);
    const until = Date.now() + 240_000;
    while (!output.includes("offline demo) is up")) {
      if (child.exitCode !== null) throw new Error(`the demo stack exited during start-up:\n${output}`);
      if (Date.now() > until) throw new Error(`the demo stack never finished priming:\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { ports, root, stop };
}
