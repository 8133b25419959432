#!/usr/bin/env -S npx tsx
/**
 * CLI: `pnpm --filter @doffin/emulator start -- --port 8790 --seed 42 --count 5000`
 * Flags: --port, --host, --seed, --count, --now, --from, --to, --no-rate-limit, --no-fixtures (--fixtures false).
 */
import { parseArgs } from "node:util";
import { startEmulatorServer } from "./node-server";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    port: { type: "string", default: "8790" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "string", default: "42" },
    count: { type: "string", default: "5000" },
    now: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    "rate-limit": { type: "boolean", default: true },
    "no-rate-limit": { type: "boolean", default: false },
    fixtures: { type: "string", default: "true" },
    "no-fixtures": { type: "boolean", default: false },
  },
  strict: true,
});

const int = (name: string, raw: string | undefined): number => {
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got ${raw}`);
  return n;
};

const started = Date.now();
const server = await startEmulatorServer({
  port: int("port", values.port),
  host: values.host,
  seed: int("seed", values.seed),
  count: int("count", values.count),
  ...(values.now ? { now: values.now } : {}),
  ...(values.from ? { from: values.from } : {}),
  ...(values.to ? { to: values.to } : {}),
  rateLimit: values["rate-limit"] && !values["no-rate-limit"],
  fixtures: values.fixtures !== "false" && !values["no-fixtures"],
});
const health = server.emulator.health();
console.log(
  `doffin emulator on ${server.url} — ${health.notices} notices, clock ${health.now}, ready in ${Date.now() - started} ms`,
);
const stop = () => {
  server.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
