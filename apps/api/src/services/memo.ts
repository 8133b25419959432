/**
 * A small bounded memo for the pure, per-request preparation of a search (validation result → code
 * resolution → cache key hash). A cache hit should cost little more than the memory/KV read, so the
 * notice and the job search both memoize this step here. Failures are never memoized (a throwing
 * `compute` leaves no entry), and the map is simply cleared when full: hot queries refill it at once,
 * and an LRU's bookkeeping would cost more per hit than the rare refill.
 */
export type Memo<T> = { get(id: string, compute: () => T | Promise<T>): Promise<T> };

export function createMemo<T>(max = 512): Memo<T> {
  const entries = new Map<string, T>();
  return {
    async get(id, compute) {
      const hit = entries.get(id);
      if (hit !== undefined) return hit;
      const value = await compute();
      if (entries.size >= max) entries.clear();
      entries.set(id, value);
      return value;
    },
  };
}
