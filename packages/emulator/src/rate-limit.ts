/**
 * Doffin's APIM rate limit (≈30 requests per 10 s per client, then 429 + Retry-After). The window runs on
 * REAL time, not the emulator clock: a client that waits Retry-After seconds must get through, and tests of
 * retry logic wait for real (set a small windowMs in tests).
 */
export type RateLimitSettings = {
  enabled: boolean;
  limit: number;
  windowMs: number;
  /** Fixed Retry-After value; when null, the seconds until the oldest request leaves the window. */
  retryAfterSeconds: number | null;
};

export const DEFAULT_RATE_LIMIT: RateLimitSettings = {
  enabled: true,
  limit: 30,
  windowMs: 10_000,
  retryAfterSeconds: null,
};

export class RateLimiter {
  private readonly log = new Map<string, number[]>();
  constructor(
    public settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a request of `client`; returns the Retry-After seconds when it is over the limit. */
  hit(client: string): number | null {
    if (!this.settings.enabled) return null;
    const now = this.now();
    const since = now - this.settings.windowMs;
    const times = (this.log.get(client) ?? []).filter((t) => t > since);
    if (times.length >= this.settings.limit) {
      this.log.set(client, times);
      const oldest = times[0] ?? now;
      const wait = Math.max(1, Math.ceil((oldest + this.settings.windowMs - now) / 1000));
      return this.settings.retryAfterSeconds ?? wait;
    }
    times.push(now);
    this.log.set(client, times);
    return null;
  }

  reset(): void {
    this.log.clear();
  }
}
