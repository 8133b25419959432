/**
 * Caps how many requests per second leave this process. Doffin publishes no rate limit for the web
 * client and the Public API answers 429 after bursts, so the CLI spaces its requests evenly instead of
 * bursting and waiting: request starts are at least `1000 / rate` ms apart.
 */
export function throttle(
  rate: number,
  fetchImpl: typeof fetch = fetch,
  clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  },
): typeof fetch {
  if (!(rate > 0) || !Number.isFinite(rate)) return fetchImpl;
  const gapMs = 1000 / rate;
  let nextSlot = 0;
  const throttled = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const t = clock.now();
    const slot = Math.max(t, nextSlot);
    nextSlot = slot + gapMs;
    if (slot > t) await clock.sleep(slot - t);
    return fetchImpl(input, init);
  };
  return throttled as typeof fetch;
}

/** Counts requests and fails once `max` is exceeded: the `--max-requests` debugging aid. */
export function budget(
  max: number | undefined,
  fetchImpl: typeof fetch,
  onExceeded: () => Error,
): typeof fetch {
  if (max === undefined) return fetchImpl;
  let used = 0;
  const limited = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    used += 1;
    if (used > max) throw onExceeded();
    return fetchImpl(input, init);
  };
  return limited as typeof fetch;
}
