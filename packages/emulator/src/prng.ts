/**
 * A tiny seeded PRNG (mulberry32). The emulator never calls Math.random: the same seed must give the
 * same corpus on every machine, so tests and benchmarks can name notices by id.
 */
export type Rng = {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Integer in [min, max] (inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One key of a weight table, proportional to its weight. */
  weighted<K extends string>(table: Readonly<Record<K, number>>): K;
  /** `n` lowercase hex digits. */
  hex(n: number): string;
  /** A random (v4-shaped) UUID. */
  uuid(): string;
  /** A seeded Fisher–Yates shuffle (returns a new array). */
  shuffle<T>(items: readonly T[]): T[];
};

// Weight tables are usually module constants: cache their entries instead of rebuilding them per draw.
const tables = new WeakMap<object, { entries: [string, number][]; total: number }>();

export const createRng = (seed: number): Rng => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(next() * items.length)] as T;
  };
  const hex = (n: number): string => {
    let out = "";
    while (out.length < n)
      out += Math.floor(next() * 4294967296)
        .toString(16)
        .padStart(8, "0");
    return out.slice(0, n);
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted: <K extends string>(table: Readonly<Record<K, number>>): K => {
      let cached = tables.get(table);
      if (!cached) {
        const list = Object.entries(table) as [string, number][];
        cached = { entries: list, total: list.reduce((sum, [, w]) => sum + w, 0) };
        tables.set(table, cached);
      }
      const entries = cached.entries as [K, number][];
      let roll = next() * cached.total;
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return (entries[entries.length - 1] as [K, number])[0];
    },
    hex,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(["8", "9", "a", "b"])}${hex(3)}-${hex(12)}`,
    shuffle: <T>(items: readonly T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
  };
};

/** A cheap, stable 32-bit string hash (FNV-1a) — used to order sort ties without a PRNG stream. */
export const hash32 = (text: string, salt = 0): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Salt after the string plus a murmur3 finalizer: different salts must give unrelated orders.
  h ^= Math.imul(salt + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};
