/**
 * Code lists the emulator draws from, loaded from the repository's real DFØ lists
 * (`fixtures/doffin/codelists`). Deliberately not shared with @doffin/core: if the client and the fake
 * shared code, a wrong assumption would cancel out and no test would notice.
 */
import cpvRaw from "../../../fixtures/doffin/codelists/cpv-codes.derived.json" with { type: "json" };
import locationsRaw from "../../../fixtures/doffin/codelists/norway-locations.derived.json" with {
  type: "json",
};

export type CpvEntry = { code: string; nameNb: string; nameEn: string; parent: string | null; level: number };
export type LocationEntry = { id: string; name: string; nameNb?: string; level: number | null };

const cpvList: CpvEntry[] = (cpvRaw as Array<CpvEntry & Record<string, unknown>>).map((c) => ({
  code: c.code,
  nameNb: c.nameNb,
  nameEn: c.nameEn,
  parent: c.parent,
  level: c.level,
}));

export const CPV: ReadonlyMap<string, CpvEntry> = new Map(cpvList.map((c) => [c.code, c]));
export const CPV_CODES: readonly string[] = cpvList.map((c) => c.code);
/** Position of each code in CPV_CODES: facet counting uses typed arrays instead of string maps. */
export const CPV_INDEX: ReadonlyMap<string, number> = new Map(cpvList.map((c, i) => [c.code, i]));

const ancestorCache = new Map<string, readonly string[]>();

/** Every ancestor of a CPV code, nearest first (not including the code itself). */
export const cpvAncestors = (code: string): readonly string[] => {
  const cached = ancestorCache.get(code);
  if (cached) return cached;
  const out: string[] = [];
  let parent = CPV.get(code)?.parent ?? null;
  while (parent) {
    out.push(parent);
    parent = CPV.get(parent)?.parent ?? null;
  }
  ancestorCache.set(code, out);
  return out;
};

/** The web client's `codes/cpvCodes` tree: `[{id, label, children}]`, Norwegian labels. */
export type CpvTreeNode = { id: string; label: string; children: CpvTreeNode[] };

let cpvTree: CpvTreeNode[] | undefined;
export const cpvTreeNodes = (): CpvTreeNode[] => {
  if (cpvTree) return cpvTree;
  const nodes = new Map<string, CpvTreeNode>();
  for (const c of cpvList) nodes.set(c.code, { id: c.code, label: c.nameNb, children: [] });
  const roots: CpvTreeNode[] = [];
  for (const c of cpvList) {
    const node = nodes.get(c.code) as CpvTreeNode; // built from the same list just above
    const parent = c.parent ? nodes.get(c.parent) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  cpvTree = roots;
  return roots;
};

export const LOCATIONS: ReadonlyMap<string, LocationEntry> = new Map(
  (locationsRaw as LocationEntry[]).map((l) => [l.id, l]),
);

/** NUTS 2024 level-3 codes (the counties today), from the DFØ list. */
export const NUTS_2024_LEVEL3: readonly string[] = (
  locationsRaw as Array<{ id: string; currentNuts2024Level3?: boolean }>
)
  .filter((l) => l.currentNuts2024Level3 && l.id !== "NOZZZ" && !l.id.startsWith("NO0B"))
  .map((l) => l.id);

/** NUTS 2021 codes that older Doffin data still carries (Viken, Vestfold og Telemark, Troms og Finnmark). */
export const LEGACY_NUTS: readonly string[] = (
  locationsRaw as Array<{ id: string; legacyNuts2021?: boolean }>
)
  .filter((l) => l.legacyNuts2021)
  .map((l) => l.id);

/**
 * NUTS ancestors by prefix, nearest first: NO081 → [NO08, NO0]. The web client's facet counts include these
 * levels (doffin-upstream.md §2.3), so the `location` facet matches them. `anyw*` has none.
 */
export const nutsAncestors = (code: string): string[] => {
  if (code.startsWith("anyw") || code.length < 4) return [];
  const out: string[] = [];
  for (let len = code.length - 1; len >= 3; len--) out.push(code.slice(0, len));
  return out;
};

/** Display name as the web client shows it in `placeOfPerformance` (Norwegian where there is one). */
export const locationName = (code: string): string => {
  const entry = LOCATIONS.get(code);
  if (!entry) return code;
  return entry.nameNb ?? entry.name;
};
