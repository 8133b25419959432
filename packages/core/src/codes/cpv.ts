/**
 * The CPV 2008 code list (9,454 codes with Norwegian and English labels) and its hierarchy.
 *
 * The data module holds only codes and labels; parents, levels and the lookup index are derived on first
 * use, so importing core costs a Worker nothing until a CPV look-up actually happens.
 */
import { CPV_CODES, CPV_LABELS_EN, CPV_LABELS_NB } from "./data/cpv";
import type { CpvCode, CpvNode } from "./types";

const CODE_LENGTH = 8;

/** Column-oriented store: index i describes the i-th code in ascending order. */
export interface CpvStore {
  readonly codes: readonly string[];
  readonly nameNb: readonly string[];
  readonly nameEn: readonly string[];
  readonly level: Uint8Array;
  /** Index of the parent, -1 for divisions. */
  readonly parent: Int32Array;
  readonly children: readonly (readonly number[])[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly roots: readonly number[];
}

/** Significant digits of a code: trailing zeros dropped, but never fewer than the 2-digit division. */
const significant = (code: string): string => {
  const trimmed = code.replace(/0+$/, "");
  return trimmed.length < 2 ? code.slice(0, 2) : trimmed;
};

/** Level 1 = division (XX000000), 2 = group (XXX00000) … 7 = all eight digits significant. */
export const cpvLevelOf = (code: string): number => significant(code).length - 1;

/**
 * Builds the store from the generated module. The parent of a code is the nearest existing code
 * obtained by zeroing trailing significant digits, never crossing a division (the rule the fixture's
 * `parent` column was derived with; a test checks both agree on every code).
 */
export const buildCpvStore = (): CpvStore => {
  const count = CPV_CODES.length / CODE_LENGTH;
  const codes: string[] = new Array(count);
  for (let i = 0; i < count; i++) codes[i] = CPV_CODES.slice(i * CODE_LENGTH, (i + 1) * CODE_LENGTH);
  const nameNb = CPV_LABELS_NB.split("\n");
  const nameEn = CPV_LABELS_EN.split("\n");
  if (nameNb.length !== count || nameEn.length !== count) {
    throw new Error("CPV data module is inconsistent; run `pnpm --filter @doffin/core build:codes`");
  }
  const indexOf = new Map<string, number>();
  for (let i = 0; i < count; i++) indexOf.set(codes[i] as string, i);

  const level = new Uint8Array(count);
  const parent = new Int32Array(count).fill(-1);
  const children: number[][] = Array.from({ length: count }, () => []);
  const roots: number[] = [];
  for (let i = 0; i < count; i++) {
    const code = codes[i] as string;
    const sig = significant(code);
    level[i] = sig.length - 1;
    for (let n = sig.length - 1; n >= 2; n--) {
      const candidate = indexOf.get(code.slice(0, n).padEnd(CODE_LENGTH, "0"));
      if (candidate !== undefined && candidate !== i) {
        parent[i] = candidate;
        break;
      }
    }
    const p = parent[i] ?? -1;
    if (p >= 0) children[p]?.push(i);
    else roots.push(i);
  }
  return { codes, nameNb, nameEn, level, parent, children, indexOf, roots };
};

let cached: CpvStore | undefined;
/** The lazily built store (built once per isolate/process). */
export const cpvStore = (): CpvStore => {
  cached ??= buildCpvStore();
  return cached;
};

/** Number of CPV codes in the list (9,454). */
export const cpvCount = (): number => cpvStore().codes.length;

/**
 * Normalizes the ways people write a CPV code to the 8 digits Doffin uses: trims, drops the check digit
 * (`45000000-7` → `45000000`). Returns null when the input is not an 8-digit code.
 *
 * @example normalizeCpvCode(" 45000000-7 ") === "45000000"
 */
export const normalizeCpvCode = (input: string): string | null => {
  const match = /^(\d{8})(?:-\d)?$/.exec(input.trim());
  return match?.[1] ?? null;
};

export const cpvAt = (store: CpvStore, i: number): CpvCode => {
  const p = store.parent[i] ?? -1;
  return {
    code: store.codes[i] as string,
    nameNb: store.nameNb[i] as string,
    nameEn: store.nameEn[i] as string,
    level: store.level[i] ?? 0,
    parent: p >= 0 ? (store.codes[p] as string) : null,
  };
};

const indexOfInput = (code: string): number | undefined => {
  const normalized = normalizeCpvCode(code);
  return normalized === null ? undefined : cpvStore().indexOf.get(normalized);
};

/**
 * Looks up one CPV code (with or without check digit).
 *
 * @example getCpv("72000000")?.nameEn === "IT services: consulting, software development, Internet and support"
 */
export const getCpv = (code: string): CpvCode | undefined => {
  const i = indexOfInput(code);
  return i === undefined ? undefined : cpvAt(cpvStore(), i);
};

/**
 * The ancestors of a code, division first, excluding the code itself; [] for a division or unknown code.
 *
 * @example cpvAncestors("72212000").map((c) => c.code) // ["72000000", "72200000", "72210000"]
 */
export const cpvAncestors = (code: string): CpvCode[] => {
  const store = cpvStore();
  const out: CpvCode[] = [];
  const i = indexOfInput(code);
  if (i === undefined) return out;
  for (let p = store.parent[i] ?? -1; p >= 0; p = store.parent[p] ?? -1) out.push(cpvAt(store, p));
  return out.reverse();
};

/**
 * The direct children of a code in code order; [] for a leaf or unknown code.
 *
 * @example cpvChildren("72000000")[0]?.code === "72100000"
 */
export const cpvChildren = (code: string): CpvCode[] => {
  const store = cpvStore();
  const i = indexOfInput(code);
  if (i === undefined) return [];
  return (store.children[i] ?? []).map((c) => cpvAt(store, c));
};

/** Every code in ascending order (for `GET /v1/codes/cpv?flat=true`). */
export const cpvList = (): CpvCode[] => {
  const store = cpvStore();
  return store.codes.map((_, i) => cpvAt(store, i));
};

let cachedTree: readonly CpvNode[] | undefined;
/**
 * The whole list as a nested tree of 45 divisions. Built once and shared: treat it as read-only.
 *
 * @example cpvTree().length === 45; cpvTree()[0]?.children[0]?.code === "03100000"
 */
export const cpvTree = (): readonly CpvNode[] => {
  if (cachedTree) return cachedTree;
  const store = cpvStore();
  const build = (i: number): CpvNode => ({
    ...cpvAt(store, i),
    children: (store.children[i] ?? []).map(build),
  });
  cachedTree = store.roots.map(build);
  return cachedTree;
};

/** Indices of the codes starting with a digit prefix: a binary search, since codes are sorted. */
export const cpvPrefixRange = (store: CpvStore, prefix: string): number[] => {
  const { codes } = store;
  let low = 0;
  let high = codes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((codes[mid] as string) < prefix) low = mid + 1;
    else high = mid;
  }
  const out: number[] = [];
  for (let i = low; i < codes.length && (codes[i] as string).startsWith(prefix); i++) out.push(i);
  return out;
};
