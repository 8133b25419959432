import { Option } from "commander";
import { CliError, EXIT, type Target, usageError } from "./errors";
import { createDirectTransport } from "./transport/direct";
import { createGatewayTransport } from "./transport/gateway";
import { createDirectJobsTransport, createGatewayJobsTransport, type JobsTransport } from "./transport/jobs";
import { budget, throttle } from "./transport/rate-limit";
import type { Transport } from "./transport/types";

export const DEFAULT_GATEWAY_URL = "http://127.0.0.1:8787";
export const DEFAULT_UPSTREAM_URL = "https://api.doffin.no";
export const DEFAULT_NAV_URL = "https://arbeidsplassen.nav.no";
export const DEFAULT_NAV_FEED_URL = "https://pam-stilling-feed.nav.no";

/** Options every command accepts (declared once on the root program). */
export type GlobalOptions = {
  json?: boolean;
  baseUrl?: string;
  direct?: boolean;
  upstreamUrl?: string;
  upstreamKind?: string;
  navUrl?: string;
  navFeedUrl?: string;
  rate?: string;
  timeout?: string;
  maxRequests?: string;
  lang?: string;
  wide?: boolean;
};

export const globalOptions = (): Option[] => [
  new Option("--json", "machine-readable JSON on stdout"),
  new Option("--lang <lang>", "labels in nb (Norwegian) or en (English); default from LANG, else en"),
  new Option("--wide", "tables with every column in full (lines may be wider than the terminal)"),
  new Option("--base-url <url>", "gateway (our API) base URL")
    .env("DOFFIN_GATEWAY_URL")
    .default(DEFAULT_GATEWAY_URL),
  new Option("--direct", "talk to Doffin directly through @doffin/core instead of a gateway"),
  new Option("--upstream-url <url>", "Doffin base URL for --direct (or the emulator's)")
    .env("DOFFIN_UPSTREAM_URL")
    .default(DEFAULT_UPSTREAM_URL),
  new Option("--upstream-kind <kind>", "upstream API for --direct; public-api needs DOFFIN_API_KEY")
    .choices(["webclient", "public-api"])
    .default("webclient"),
  new Option("--nav-url <url>", "NAV job search base URL for `jobs --direct` (or the NAV emulator's)")
    .env("DOFFIN_NAV_URL")
    .default(DEFAULT_NAV_URL),
  new Option("--nav-feed-url <url>", "NAV job feed base URL for `jobs show --direct` (or the NAV emulator's)")
    .env("DOFFIN_NAV_FEED_URL")
    .default(DEFAULT_NAV_FEED_URL),
  new Option("--rate <n>", "at most n requests per second (be polite to Doffin)").default("2"),
  new Option("--timeout <ms>", "per-request timeout in ms").default("30000"),
  new Option("--max-requests <n>", "debugging: fail after n requests (simulates an interrupt)").hideHelp(),
];

function positiveNumber(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw usageError(`--${name} must be a positive number, got "${value}"`);
  return n;
}

function httpUrl(name: string, value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol === "http:" || u.protocol === "https:") return value.replace(/\/+$/, "");
  } catch {
    // fall through to the usage error
  }
  throw usageError(`--${name} must be an http(s) URL, got "${value}"`);
}

export type Context = {
  transport: Transport;
  /** NAV job listings (the `jobs` commands), in the same mode as `transport`. */
  jobs: JobsTransport;
  target: Target;
  json: boolean;
  /** True once --max-requests was used up (errors after that are the simulated interrupt). */
  budgetExceeded: () => boolean;
};

/** Builds the transport the global options ask for, with the rate cap and request budget applied. */
export function createContext(o: GlobalOptions): Context {
  const rate = positiveNumber("rate", o.rate ?? "2");
  const timeoutMs = positiveNumber("timeout", o.timeout ?? "30000");
  const maxRequests = o.maxRequests === undefined ? undefined : positiveNumber("max-requests", o.maxRequests);
  let exceeded = false;
  const fetchImpl = budget(maxRequests, throttle(rate, globalThis.fetch), () => {
    exceeded = true;
    return new CliError(
      EXIT.interrupted,
      `stopped after --max-requests ${maxRequests} requests; an export continues with the same command plus --resume`,
    );
  });
  const budgetExceeded = () => exceeded;
  const json = o.json === true;
  if (o.direct) {
    const url = httpUrl("upstream-url", o.upstreamUrl ?? DEFAULT_UPSTREAM_URL);
    const kind = o.upstreamKind === "public-api" ? "public-api" : "webclient";
    const apiKey = process.env.DOFFIN_API_KEY;
    const transport = createDirectTransport({
      upstreamUrl: url,
      kind,
      fetch: fetchImpl,
      timeoutMs,
      ...(apiKey ? { apiKey } : {}),
    });
    const jobs = createDirectJobsTransport({
      navUrl: httpUrl("nav-url", o.navUrl ?? DEFAULT_NAV_URL),
      navFeedUrl: httpUrl("nav-feed-url", o.navFeedUrl ?? DEFAULT_NAV_FEED_URL),
      fetch: fetchImpl,
      timeoutMs,
    });
    return { transport, jobs, target: { url, mode: "direct" }, json, budgetExceeded };
  }
  const url = httpUrl("base-url", o.baseUrl ?? DEFAULT_GATEWAY_URL);
  return {
    transport: createGatewayTransport({ baseUrl: url, fetch: fetchImpl, timeoutMs }),
    jobs: createGatewayJobsTransport({ baseUrl: url, fetch: fetchImpl, timeoutMs }),
    target: { url, mode: "gateway" },
    json,
    budgetExceeded,
  };
}
