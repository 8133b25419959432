import { createDoffinClient, type DoffinSource, type NavSource } from "@doffin/core";
import type { Context } from "hono";
import { type Cache, type CachePolicy, createCache } from "../cache";
import { type ApiConfig, readConfig } from "../config";
import { type AppEnv, waitUntilOf } from "../env";
import { admitted, admittedFetch } from "../middleware/admission";
import { missLeaseOf } from "../upstream/miss-lease";

/** Everything a handler needs, built once per isolate from the env (and the injected test doubles). */
export type Services = {
  config: ApiConfig;
  source: DoffinSource;
  /** Downloads eForms XML (the Public API); null without a key, then only the R2 store has XML. */
  xmlSource: DoffinSource | null;
  /** NAV job listings (search, feed entries). */
  nav: NavSource;
  cache: Cache;
  now: () => number;
  policies: {
    search: CachePolicy;
    notice: CachePolicy;
    codes: CachePolicy;
    jobSearch: CachePolicy;
    job: CachePolicy;
  };
  /** fetch for the /health probe (the injected one in tests). */
  fetch: typeof fetch;
};

/** Injectable collaborators; anything left out is built from the env. */
export type AppDeps = {
  /** A Doffin source, or a factory given the config (default: core's `createDoffinClient`). */
  source?: DoffinSource | ((config: ApiConfig, fetchImpl: typeof fetch, env: Env) => DoffinSource);
  /** A NAV source, or a factory given the config (default: core's `createNavClient`). */
  nav?: NavSource | ((config: ApiConfig, fetchImpl: typeof fetch) => NavSource);
  /** Epoch ms; inject to move time in cache tests. */
  /** The eForms XML downloader (default: a Public API client when `DOFFIN_API_KEY` is set, else none). */
  xmlSource?: DoffinSource | null | ((config: ApiConfig, fetchImpl: typeof fetch) => DoffinSource | null);
  now?: () => number;
  fetch?: typeof fetch;
  /** In-isolate LRU size of the cache (0 disables it). */
  memoryEntries?: number;
};

export type ServiceFactories = {
  defaultSource: (config: ApiConfig, fetchImpl: typeof fetch, env: Env) => DoffinSource;
  defaultNav: (config: ApiConfig, fetchImpl: typeof fetch) => NavSource;
};

const policy = (config: ApiConfig, freshSeconds: number): CachePolicy => ({
  freshSeconds,
  staleWhileRevalidateSeconds: config.STALE_WHILE_REVALIDATE_SECONDS,
  staleIfErrorSeconds: config.STALE_MAX_AGE_SECONDS,
});

/**
 * Job answers are never served past their freshness, not even while NAV is down: NAV's terms take an
 * INACTIVE ad out of listings, and a stale page could still list one (config.ts JOB_MAX_TTL_SECONDS).
 */
const jobPolicy = (freshSeconds: number): CachePolicy => ({
  freshSeconds,
  staleWhileRevalidateSeconds: 0,
  staleIfErrorSeconds: 0,
});

/**
 * XML comes only from the Public API: the main source when it is one, else its own client when a key
 * is configured (the web client keeps serving search and detail; the key only adds the download).
 */
function defaultXmlSource(
  config: ApiConfig,
  fetchImpl: typeof fetch,
  source: DoffinSource,
): DoffinSource | null {
  // The main source downloads XML itself when it can (Public API mode, or the web client with a key):
  // then every download goes through its budget gate (the Public API bucket) and the request deadline.
  if (source.hasXml) return source;
  if (!config.DOFFIN_API_KEY) return null;
  return createDoffinClient({
    baseUrl: config.UPSTREAM_BASE_URL,
    kind: "public-api",
    apiKey: config.DOFFIN_API_KEY,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    fetch: fetchImpl,
  });
}

/**
 * Returns a getter that builds the services on first use and keeps them for the isolate's life, so the
 * in-flight map (coalescing) and the memory LRU are shared by every request of the isolate.
 */
export function servicesFor(deps: AppDeps, factories: ServiceFactories) {
  let built: { env: Env; key: string; services: Services } | undefined;
  return (env: Env): Services => {
    // Hot path: workerd hands every request of an isolate the same env object.
    if (built?.env === env) return built.services;
    const config = readConfig(env as unknown as Record<string, unknown>);
    const key = JSON.stringify(config);
    if (built?.key === key) {
      built = { ...built, env };
      return built.services;
    }
    // Every upstream call of every service waits for the request's rate-limit verdict (reads are
    // served while the limiter is asked; see middleware/admission.ts).
    const fetchImpl = admittedFetch(deps.fetch ?? ((input, init) => fetch(input, init)));
    const source =
      typeof deps.source === "function"
        ? deps.source(config, fetchImpl, env)
        : (deps.source ?? factories.defaultSource(config, fetchImpl, env));
    const xmlSource =
      typeof deps.xmlSource === "function"
        ? deps.xmlSource(config, fetchImpl)
        : deps.xmlSource !== undefined
          ? deps.xmlSource
          : defaultXmlSource(config, fetchImpl, source);
    const nav =
      typeof deps.nav === "function"
        ? deps.nav(config, fetchImpl)
        : (deps.nav ?? factories.defaultNav(config, fetchImpl));
    const now = deps.now ?? Date.now;
    const services: Services = {
      config,
      source,
      xmlSource,
      nav,
      now,
      fetch: fetchImpl,
      cache: createCache({
        kv: env.CACHE,
        now,
        memoryEntries: deps.memoryEntries,
        admit: admitted,
        missLease: missLeaseOf(env),
      }),
      policies: {
        search: policy(config, config.SEARCH_TTL_SECONDS),
        notice: policy(config, config.NOTICE_TTL_SECONDS),
        codes: policy(config, config.CODES_TTL_SECONDS),
        jobSearch: jobPolicy(config.JOB_SEARCH_TTL_SECONDS),
        job: jobPolicy(config.JOB_TTL_SECONDS),
      },
    };
    built = { env, key, services };
    return services;
  };
}

/**
 * What one service call needs from the request it serves: the services, the bindings (sibling Workers),
 * `waitUntil` for background revalidation, and the request id and client headers to pass along.
 * REST handlers and agent tools build it the same way, so a tool call is the same work as a REST call.
 */
export type ServiceCall = {
  services: Services;
  env: Env;
  waitUntil: (p: Promise<unknown>) => void;
  requestId: string;
  headers: Headers;
};

export const serviceCallOf = (c: Context<AppEnv>): ServiceCall => ({
  services: c.get("services"),
  env: c.env,
  waitUntil: waitUntilOf(c),
  requestId: c.get("requestId"),
  headers: c.req.raw.headers,
});
