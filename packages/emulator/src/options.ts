import { z } from "zod";
import { DEFAULT_RATE_LIMIT, type RateLimitSettings } from "./rate-limit";

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");
const Iso = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "an ISO 8601 date-time");

/** Options that shape the corpus (also the body of `POST /_emulator/reset`). */
export const CorpusOptions = z.object({
  seed: z.number().int().optional(),
  count: z.number().int().min(0).max(2_000_000).optional(),
  fixtures: z.boolean().optional(),
  now: Iso.optional(),
  from: Day.optional(),
  to: Day.optional(),
  hotDays: z.object({ days: z.array(Day).min(1), share: z.number().min(0).max(1) }).optional(),
});
export type CorpusOptions = z.infer<typeof CorpusOptions>;

export const RateLimitPatch = z.object({
  enabled: z.boolean().optional(),
  limit: z.number().int().min(1).optional(),
  windowMs: z.number().int().min(1).optional(),
  retryAfterSeconds: z.number().int().min(0).nullable().optional(),
});
export type RateLimitPatch = z.infer<typeof RateLimitPatch>;

export type EmulatorOptions = Omit<CorpusOptions, "now"> & {
  /** The emulator clock's start (default: the real time when the emulator is created). It only moves via the clock API. */
  now?: string | Date;
  /** `false` turns the rate limit off; an object tunes it (default on: 30 requests / 10 s per surface and client). */
  rateLimit?: boolean | RateLimitPatch;
  /** Accepted Public API subscription keys (default `["test-key"]`). */
  apiKeys?: string[];
  /**
   * How sort ties are ordered: "page-size" (default) — the same for every page of one page size, different
   * across page sizes; "page" — different on every page too, so even constant-size paging duplicates/skips.
   */
  tieOrder?: "page-size" | "page";
  /** Public API answer to page × numHitsPerPage > 1000: "error" (400, default, S2) or "empty" (hits: [], S4). */
  publicPastCap?: "error" | "empty";
  /** Raw eForms XML of the captured notices (the Node entry reads the fixture files; absent = generated XML). */
  fixtureXml?: Readonly<Record<string, string>>;
};

export const resolveRateLimit = (value: EmulatorOptions["rateLimit"]): RateLimitSettings => {
  if (value === false) return { ...DEFAULT_RATE_LIMIT, enabled: false };
  if (value === true || value === undefined) return { ...DEFAULT_RATE_LIMIT };
  return { ...DEFAULT_RATE_LIMIT, ...value, retryAfterSeconds: value.retryAfterSeconds ?? null };
};
