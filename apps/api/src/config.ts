import { z } from "zod";

/** Seconds, as a wrangler var (string) or a number; empty means "use the default". */
const seconds = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER, why = "") =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? undefined : Number(v)),
    z.number().int().min(min).max(max, `at most ${max} seconds${why}`).default(fallback),
  );

/**
 * The longest a job answer (search page, facets, detail) may be served from the cache. NAV's terms say an
 * INACTIVE ad must leave search results; NAV's own search drops it at once, and job answers are never
 * served stale (no stale-while-revalidate, no stale-if-error), so this is the bound on how long a cached
 * page can still list one, or a cached detail still show it.
 */
export const JOB_MAX_TTL_SECONDS = 300;
const jobTtl = (fallback: number) =>
  seconds(fallback, 1, JOB_MAX_TTL_SECONDS, ": an INACTIVE NAV ad may linger in the cache this long");

/**
 * Wrangler vars and secrets → typed config. Every var has a default so a bare `wrangler dev` works;
 * a malformed value fails loudly at the first request instead of silently running with nonsense.
 */
export const ApiConfig = z.object({
  UPSTREAM_KIND: z.enum(["webclient", "public-api"]).default("webclient"),
  UPSTREAM_BASE_URL: z.url().default("https://api.doffin.no"),
  /** Public API subscription key (a secret); only needed for UPSTREAM_KIND=public-api. */
  DOFFIN_API_KEY: z.string().optional(),
  UPSTREAM_TIMEOUT_MS: seconds(8000, 100),
  SEARCH_TTL_SECONDS: seconds(300, 1),
  NOTICE_TTL_SECONDS: seconds(3600, 1),
  CODES_TTL_SECONDS: seconds(86_400, 1),
  /** How long past freshness a stale entry is served while one background fetch refreshes it. */
  STALE_WHILE_REVALIDATE_SECONDS: seconds(600),
  /** How long past freshness a stale entry may stand in for a failing Doffin (stale-if-error). */
  STALE_MAX_AGE_SECONDS: seconds(86_400),
  /** Negative cache for unknown notice ids (see README: short, so a freshly published id shows up soon). */
  NOT_FOUND_TTL_SECONDS: seconds(60, 1),
  /** NAV job-ad feed host (details, changes) and website search host (listings). */
  NAV_FEED_BASE_URL: z.url().default("https://pam-stilling-feed.nav.no"),
  NAV_SEARCH_BASE_URL: z.url().default("https://arbeidsplassen.nav.no"),
  /** A private NAV feed token (a secret); without one the public token is fetched and refreshed. */
  NAV_FEED_TOKEN: z.string().optional(),
  /** Job search pages and facets; at most JOB_MAX_TTL_SECONDS (see there). */
  JOB_SEARCH_TTL_SECONDS: jobTtl(60),
  /** Job details (an INACTIVE ad's detail is a 404 once this runs out); at most JOB_MAX_TTL_SECONDS. */
  JOB_TTL_SECONDS: jobTtl(60),
  BUILD_VERSION: z.string().default("dev"),
});
export type ApiConfig = z.output<typeof ApiConfig>;

/** Reads the config from the Worker env; throws a ZodError naming each bad var. */
export function readConfig(env: Partial<Record<keyof ApiConfig, unknown>>): ApiConfig {
  return ApiConfig.parse({
    UPSTREAM_KIND: env.UPSTREAM_KIND,
    UPSTREAM_BASE_URL: env.UPSTREAM_BASE_URL,
    DOFFIN_API_KEY: env.DOFFIN_API_KEY || undefined,
    UPSTREAM_TIMEOUT_MS: env.UPSTREAM_TIMEOUT_MS,
    SEARCH_TTL_SECONDS: env.SEARCH_TTL_SECONDS,
    NOTICE_TTL_SECONDS: env.NOTICE_TTL_SECONDS,
    CODES_TTL_SECONDS: env.CODES_TTL_SECONDS,
    STALE_WHILE_REVALIDATE_SECONDS: env.STALE_WHILE_REVALIDATE_SECONDS,
    STALE_MAX_AGE_SECONDS: env.STALE_MAX_AGE_SECONDS,
    NOT_FOUND_TTL_SECONDS: env.NOT_FOUND_TTL_SECONDS,
    NAV_FEED_BASE_URL: env.NAV_FEED_BASE_URL,
    NAV_SEARCH_BASE_URL: env.NAV_SEARCH_BASE_URL,
    NAV_FEED_TOKEN: env.NAV_FEED_TOKEN || undefined,
    JOB_SEARCH_TTL_SECONDS: env.JOB_SEARCH_TTL_SECONDS,
    JOB_TTL_SECONDS: env.JOB_TTL_SECONDS,
    BUILD_VERSION: env.BUILD_VERSION,
  });
}
