/**
 * Client-side pacing under Doffin's rate limit (≈30 requests per 10 s). Sliding window like the
 * upstream's: before each request, wait until fewer than `limit` requests were sent in the last
 * `windowMs`. Staying under the limit is far cheaper than a 429, whose Retry-After costs whole seconds.
 * The log lives at module level so back-to-back invocations in one isolate share it.
 */
export type PaceSettings = { limit: number; windowMs: number };

const sent: number[] = [];

export function pacedFetch(
  inner: typeof fetch,
  pace: PaceSettings,
  clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
    now: Date.now,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  },
): typeof fetch {
  return async (input, init) => {
    for (;;) {
      const now = clock.now();
      while (sent.length > 0 && (sent[0] as number) <= now - pace.windowMs) sent.shift();
      if (sent.length < pace.limit) break;
      // +5 ms: the upstream's window edge is exclusive and the two clocks are not the same clock.
      await clock.sleep((sent[0] as number) + pace.windowMs - now + 5);
    }
    // Logged when the answer is in: in workerd `Date.now()` only advances at I/O, so a send-time stamp
    // can be stale (too early) and would let the next request out too soon; the answer time never is.
    const slot = clock.now();
    sent.push(slot);
    try {
      return await inner(input, init);
    } finally {
      const i = sent.indexOf(slot);
      if (i >= 0) sent.splice(i, 1);
      sent.push(clock.now());
      sent.sort((a, b) => a - b);
    }
  };
}
