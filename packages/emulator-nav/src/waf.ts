/**
 * The CDN/WAF in front of arbeidsplassen.nav.no's search: after a burst of quick requests from one
 * client it answers 429 for a while (measured live: ~6–8 requests, minutes to clear). Whether the real
 * WAF sends `Retry-After` is unknown, so both are emulated (`retryAfter`).
 */
export type WafSettings = {
  enabled: boolean;
  /** Requests allowed within `windowMs` before blocking. */
  burst: number;
  windowMs: number;
  /** How long a blocked client stays blocked. */
  blockMs: number;
  /** Send `Retry-After` (seconds left of the block) with the 429. */
  retryAfter: boolean;
};

export const DEFAULT_WAF: WafSettings = {
  enabled: true,
  burst: 6,
  windowMs: 10_000,
  blockMs: 120_000,
  retryAfter: true,
};

export const createWaf = (initial: Partial<WafSettings> = {}) => {
  let settings: WafSettings = { ...DEFAULT_WAF, ...initial };
  const seen = new Map<string, number[]>();
  const blockedUntil = new Map<string, number>();
  return {
    get settings() {
      return settings;
    },
    configure(patch: Partial<WafSettings>) {
      settings = { ...settings, ...patch };
    },
    reset() {
      seen.clear();
      blockedUntil.clear();
    },
    /** Null when allowed, else the seconds until the block ends. Uses real time: the WAF is not NAV's clock. */
    check(client: string, now = Date.now()): number | null {
      if (!settings.enabled) return null;
      const until = blockedUntil.get(client) ?? 0;
      if (until > now) return Math.ceil((until - now) / 1000);
      const recent = (seen.get(client) ?? []).filter((t) => t > now - settings.windowMs);
      recent.push(now);
      seen.set(client, recent);
      if (recent.length > settings.burst) {
        blockedUntil.set(client, now + settings.blockMs);
        seen.delete(client);
        return Math.ceil(settings.blockMs / 1000);
      }
      return null;
    },
  };
};
export type Waf = ReturnType<typeof createWaf>;
