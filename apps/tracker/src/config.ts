import { NoticeId } from "@doffin/core";
import { z } from "zod";

/** Tracker settings from wrangler vars (strings), validated once; bad values fail loudly at startup. */
const intVar = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? fallback : Number(v)))
    .pipe(z.number().int().min(min).max(max));

const ConfigVars = z.object({
  UPSTREAM_KIND: z.enum(["webclient", "public-api"]).default("webclient"),
  UPSTREAM_BASE_URL: z.url(),
  DOFFIN_API_KEY: z.string().optional(),
  /** Recent publication days each sweep re-scans; 0 turns the sweep off (a bulk backfill gets the whole budget). */
  SWEEP_WINDOW_DAYS: intVar(7, 0, 60),
  REQUEST_BUDGET: intVar(45, 2, 100_000),
  /** YYYY-MM-DD: backfill publication dates from this day (empty: no backfill). */
  BACKFILL_FROM: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null))
    .pipe(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .nullable(),
    ),
  /** Client-side pacing: at most RATE_LIMIT upstream requests per RATE_WINDOW_MS (Doffin: ≈30 per 10 s). */
  UPSTREAM_RATE_LIMIT: intVar(30, 1, 10_000),
  UPSTREAM_RATE_WINDOW_MS: intVar(10_000, 1, 600_000),
  /**
   * Notice ids (comma-separated) the sweep confirms every time wherever they are published, e.g. an
   * old notice you care about that left the window and is no longer ACTIVE. One detail fetch each.
   */
  WATCH_IDS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(NoticeId).max(20)),
  /** NAV job-ad feed host; empty turns the job feed off (see src/nav/follow.ts). */
  NAV_FEED_BASE_URL: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null))
    .pipe(z.url().nullable()),
  /** A private NAV feed token (a secret); without one the public token is fetched and refreshed. */
  NAV_FEED_TOKEN: z.string().optional(),
  /** NAV feed requests (pages + token fetches) per tick. */
  NAV_FEED_BUDGET: intVar(20, 1, 10_000),
  NAV_FEED_PAGE_SIZE: intVar(1000, 2, 10_000),
  /** First run: lines older than this many days only build state, newer ones record events. */
  NAV_CATCHUP_DAYS: intVar(183, 1, 3650),
  /** Key that signs feed cursors; set it as a secret in production. */
  CURSOR_SECRET: z.string().min(1).default("doffin-tracker-dev-cursor-key"),
});

export type TrackerConfig = {
  upstreamKind: "webclient" | "public-api";
  upstreamBaseUrl: string;
  apiKey: string | undefined;
  windowDays: number;
  budget: number;
  backfillFrom: string | null;
  watchIds: string[];
  cursorSecret: string;
  pace: { limit: number; windowMs: number };
  nav: {
    feedBaseUrl: string;
    token: string | undefined;
    budget: number;
    pageSize: number;
    catchUpDays: number;
  } | null;
};

/**
 * Whether the tracker downloads eForms XML (contract data): with a Public API key, in either mode — the
 * web client keeps search and detail, the key adds the download (core's `source.hasXml`).
 * @example storesContracts(configFrom(env)) // true when DOFFIN_API_KEY is set
 */
export const storesContracts = (config: TrackerConfig): boolean => Boolean(config.apiKey);

export function configFrom(env: Record<string, unknown>): TrackerConfig {
  const v = ConfigVars.parse(env);
  return {
    upstreamKind: v.UPSTREAM_KIND,
    upstreamBaseUrl: v.UPSTREAM_BASE_URL,
    apiKey: v.DOFFIN_API_KEY,
    windowDays: v.SWEEP_WINDOW_DAYS,
    budget: v.REQUEST_BUDGET,
    backfillFrom: v.BACKFILL_FROM,
    watchIds: v.WATCH_IDS,
    cursorSecret: v.CURSOR_SECRET,
    pace: { limit: v.UPSTREAM_RATE_LIMIT, windowMs: v.UPSTREAM_RATE_WINDOW_MS },
    nav: v.NAV_FEED_BASE_URL
      ? {
          feedBaseUrl: v.NAV_FEED_BASE_URL,
          token: v.NAV_FEED_TOKEN || undefined,
          budget: v.NAV_FEED_BUDGET,
          pageSize: v.NAV_FEED_PAGE_SIZE,
          catchUpDays: v.NAV_CATCHUP_DAYS,
        }
      : null,
  };
}
