#!/usr/bin/env -S npx tsx
/**
 * CLI: `pnpm --filter @doffin/emulator-nav start -- --port 8791 --seed 42 --count 500`
 * Flags: --port, --host, --seed, --count, --days, --now, --no-waf.
 */
import { parseArgs } from "node:util";
import { startNavEmulatorServer } from "./node-server";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    port: { type: "string", default: "8791" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "string", default: "42" },
    count: { type: "string", default: "500" },
    days: { type: "string", default: "60" },
    now: { type: "string" },
    "no-waf": { type: "boolean", default: false },
  },
  strict: true,
});

const int = (name: string, raw: string | undefined): number => {
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got ${raw}`);
  return n;
};

const server = await startNavEmulatorServer({
  port: int("port", values.port),
  host: values.host,
  seed: int("seed", values.seed),
  count: int("count", values.count),
  days: int("days", values.days),
  ...(values.now ? { now: values.now } : {}),
  waf: values["no-waf"] ? false : {},
});
console.log(
  `NAV emulator on ${server.url} (${server.emulator.world.ads.size} ads, ${server.emulator.world.lines.length} feed lines)`,
);
