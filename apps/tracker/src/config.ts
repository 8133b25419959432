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
  SWEEP_WINDOW_DAYS: intVar(7, 1, 60),
  REQUEST_BUDGET: intVar(45, 2, 1000),
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
  /** `system`: the Worker's clock; `upstream`: ask the emulator (`/_emulator/clock`), for demos. */
  CLOCK: z.enum(["system", "upstream"]).default("system"),
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
  clock: "system" | "upstream";
  cursorSecret: string;
};

export function configFrom(env: Record<string, unknown>): TrackerConfig {
  const v = ConfigVars.parse(env);
  return {
    upstreamKind: v.UPSTREAM_KIND,
    upstreamBaseUrl: v.UPSTREAM_BASE_URL,
    apiKey: v.DOFFIN_API_KEY,
    windowDays: v.SWEEP_WINDOW_DAYS,
    budget: v.REQUEST_BUDGET,
    backfillFrom: v.BACKFILL_FROM,
    clock: v.CLOCK,
    cursorSecret: v.CURSOR_SECRET,
  };
}
