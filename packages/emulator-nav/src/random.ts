/**
 * Seeded randomness (sfc32) so one seed gives the same ads on every machine; tests name ads by index.
 * Kept separate from the Doffin emulator's generator on purpose: the two emulators share no code.
 */
export type Random = {
  float(): number;
  below(n: number): number;
  oneOf<T>(items: readonly T[]): T;
  maybe(p: number): boolean;
  uuid(): string;
};

export const seededRandom = (seed: number): Random => {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const float = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) float();
  const below = (n: number) => Math.floor(float() * n);
  const hex = (n: number) => Array.from({ length: n }, () => below(16).toString(16)).join("");
  return {
    float,
    below,
    oneOf: <T>(items: readonly T[]): T => items[below(items.length)] as T,
    maybe: (p) => float() < p,
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[below(4)]}${hex(3)}-${hex(12)}`,
  };
};
