/**
 * Norwegian place codes as Doffin uses them: NUTS levels 0–3 (NUTS 2024 plus the NUTS 2021 codes the
 * 2024 county reform replaced, which older notices still carry) and the non-NUTS `anyw*` codes.
 */
import { LOCATION_ROWS } from "./data/locations";
import { editDistance, foldText, typoBudget, words } from "./fold";
import type { CodeLanguage, CodeResolution, CodeSuggestion, Location, LocationTreeNode } from "./types";

interface LocationStore {
  readonly list: readonly Location[];
  readonly byCode: ReadonlyMap<string, Location>;
  readonly children: ReadonlyMap<string, readonly Location[]>;
  /** Folded name (without "fylke", "og" …) → the locations carrying that name. */
  readonly byName: ReadonlyMap<string, readonly Location[]>;
}

/** Words that do not distinguish one place from another: "Vestland fylke", "Troms og Finnmark". */
const NOISE_WORDS = new Set(["fylke", "fylkeskommune", "county", "og", "and"]);

/** The matching key of a place name: folded, noise words dropped. */
const nameKey = (name: string): string =>
  words(foldText(name))
    .filter((w) => !NOISE_WORDS.has(w))
    .join(" ");

/** Names a place is known by: full nb/en names and each part of multilingual ones ("Troms/Romsa/Tromssa"). */
const namesOf = (location: Location): string[] => {
  const names = new Set<string>();
  for (const name of [location.nameNb, location.nameEn]) {
    names.add(name);
    for (const part of name.split("/")) names.add(part);
  }
  return [...names];
};

const buildStore = (): LocationStore => {
  const codes = new Set(LOCATION_ROWS.map((r) => r.code));
  const parentOf = (code: string): string | null => {
    if (!code.startsWith("NO") || code === "NO") return null;
    for (let n = code.length - 1; n >= 2; n--) if (codes.has(code.slice(0, n))) return code.slice(0, n);
    return null;
  };
  const predecessors = new Map<string, string[]>();
  for (const row of LOCATION_ROWS) {
    for (const s of row.successors) predecessors.set(s, [...(predecessors.get(s) ?? []), row.code]);
  }
  const list: Location[] = LOCATION_ROWS.map((r) => ({
    code: r.code,
    nameNb: r.nb,
    nameEn: r.en,
    level: r.level,
    parent: parentOf(r.code),
    legacy: r.legacy,
    special: r.special,
    successors: [...r.successors],
    predecessors: predecessors.get(r.code) ?? [],
  })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const byCode = new Map(list.map((l) => [l.code, l]));
  const children = new Map<string, Location[]>();
  const byName = new Map<string, Location[]>();
  for (const location of list) {
    if (location.parent !== null)
      children.set(location.parent, [...(children.get(location.parent) ?? []), location]);
    for (const name of namesOf(location)) {
      const key = nameKey(name);
      const same = byName.get(key) ?? [];
      if (key !== "" && !same.includes(location)) byName.set(key, [...same, location]);
    }
  }
  return { list, byCode, children, byName };
};

let cached: LocationStore | undefined;
const store = (): LocationStore => {
  cached ??= buildStore();
  return cached;
};

export const canonicalCode = (input: string): string => {
  const trimmed = input.trim();
  return /^anyw/i.test(trimmed) ? trimmed.toLowerCase() : trimmed.toUpperCase();
};

/**
 * Looks up a place code, case-insensitively.
 *
 * @example getLocation("no0a2")?.nameNb === "Vestland"
 * @example getLocation("NO082")?.successors // ["NO083", "NO084", "NO085"]
 */
export const getLocation = (code: string): Location | undefined => store().byCode.get(canonicalCode(code));

/** Every place code, in code order. */
export const listLocations = (): readonly Location[] => store().list;

/**
 * The NUTS hierarchy under `NO` (legacy codes included and flagged), followed by `anyw`, `anyw-cou`,
 * `anyw-eea`. Shape of `GET /v1/codes/locations`.
 *
 * @example locationTree()[0]?.code === "NO"
 */
export const locationTree = (): LocationTreeNode[] => {
  const { list, children } = store();
  const build = (l: Location): LocationTreeNode => ({
    ...l,
    children: (children.get(l.code) ?? []).map(build),
  });
  return list.filter((l) => l.parent === null).map(build);
};

const descendants = (code: string): Location[] => {
  const out: Location[] = [];
  for (const child of store().children.get(code) ?? []) out.push(child, ...descendants(child.code));
  return out;
};

export interface LocationMatch {
  /** The places the input names (a legacy name resolves to the legacy code); empty for a foreign code. */
  matched: Location[];
  /** What the input means in NUTS 2024: legacy codes replaced by their successors, regions by their counties. */
  current: string[];
}

export interface LocationOptions {
  limit?: number;
  /** Language of suggestion labels (default "nb"). */
  lang?: CodeLanguage;
}

const labelOf = (l: Location, lang: CodeLanguage): string => (lang === "en" ? l.nameEn : l.nameNb);

/**
 * "Did you mean" candidates for a place code or name that did not resolve: names and codes within a
 * small edit distance, and names the input is the start of.
 *
 * @example suggestLocation("Osloo")[0]?.code === "NO081"
 */
export const suggestLocation = (input: string, options: LocationOptions = {}): CodeSuggestion[] => {
  const limit = options.limit ?? 5;
  const lang = options.lang ?? "nb";
  const candidates: { l: Location; distance: number; reason: CodeSuggestion["reason"] }[] = [];
  const key = nameKey(input);
  const code = canonicalCode(input);
  const { list, byName } = store();
  if (key !== "") {
    for (const [name, places] of byName) {
      const prefix = key.length >= 3 && name.startsWith(key);
      const distance = editDistance(key, name, Math.max(1, typoBudget(name.length)));
      if (!prefix && distance > Math.max(1, typoBudget(name.length))) continue;
      for (const l of places) {
        candidates.push({ l, distance: prefix ? Math.min(distance, 1) : distance, reason: "label" });
      }
    }
  }
  for (const l of list) {
    const distance = editDistance(code, l.code, 1);
    if (distance <= 1) candidates.push({ l, distance, reason: "edit_distance" });
  }
  candidates.sort(
    (a, b) =>
      a.distance - b.distance ||
      Number(a.l.legacy) - Number(b.l.legacy) ||
      (b.l.level ?? -1) - (a.l.level ?? -1) ||
      (a.l.code < b.l.code ? -1 : 1),
  );
  const out = new Map<string, CodeSuggestion>();
  for (const { l, reason } of candidates) {
    if (!out.has(l.code)) out.set(l.code, { code: l.code, label: labelOf(l, lang), reason });
  }
  return [...out.values()].slice(0, limit);
};

/** A NUTS 1–3 code of another country: two letters (not NO), a digit, up to two more characters. */
const FOREIGN_NUTS = /^(?!no)[a-z]{2}\d[0-9a-z]{0,2}$/i;

const byCodeOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Resolves a place code (any case) or a Norwegian county/region name (nb or en, case- and
 * diacritic-insensitive, with or without "fylke") to the codes to send upstream. Because old notices
 * carry NUTS 2021 codes, a legacy code is sent with its successors and a successor with its legacy
 * predecessor; a region is sent with every code below it. `current` says what the input means today.
 * Well-formed NUTS codes of other countries (`FI1D9`), which Doffin notices also carry, pass through.
 *
 * @example resolveLocation("Oslo") // { ok: true, codes: ["NO081"], current: ["NO081"], … }
 * @example resolveLocation("Viken") // codes ["NO082", "NO083", "NO084", "NO085"], current ["NO083", "NO084", "NO085"]
 * @example resolveLocation("Osloo") // { ok: false, failure: { reason: "unknown", suggestions: [{ code: "NO081", … }] } }
 */
export const resolveLocation = (
  input: string,
  options: LocationOptions = {},
): CodeResolution<LocationMatch> => {
  const { byCode, byName } = store();
  const trimmed = input.trim();
  const byCodeMatch = byCode.get(canonicalCode(trimmed));
  let matched: Location[];
  if (byCodeMatch) {
    matched = [byCodeMatch];
  } else {
    const named = byName.get(nameKey(trimmed)) ?? [];
    // "Innlandet" names both the region NO02 and the county NO020: the county is what people mean.
    const mostSpecific = Math.max(...named.map((l) => l.level ?? -1));
    matched = named.filter((l) => (l.level ?? -1) === mostSpecific);
  }
  if (matched.length === 0 && FOREIGN_NUTS.test(trimmed)) {
    // Doffin hits carry other countries' NUTS codes too (e.g. FI1D9); we cannot check them, so pass them on.
    const code = trimmed.toUpperCase();
    return { ok: true, input, matched: [], current: [code], codes: [code] };
  }
  if (matched.length === 0) {
    const suggestions = suggestLocation(trimmed, options);
    const hint =
      suggestions.length > 0
        ? `did you mean ${suggestions.map((s) => `${s.code} (${s.label})`).join(", ")}?`
        : "use a NUTS code such as NO081 or a county name such as Vestland (see GET /v1/codes/locations)";
    return {
      ok: false,
      failure: {
        input,
        reason: trimmed === "" ? "malformed" : "unknown",
        message: `unknown location "${trimmed}"; ${hint}`,
        suggestions,
      },
    };
  }

  const codes = new Set<string>();
  const current = new Set<string>();
  for (const place of matched) {
    for (const l of [place, ...descendants(place.code)]) {
      codes.add(l.code);
      for (const s of l.successors) codes.add(s);
      for (const p of l.predecessors) codes.add(p);
      if (l.legacy) for (const s of l.successors) current.add(s);
      else if ((l.level ?? 3) >= 3 || l.special || !store().children.has(l.code)) current.add(l.code);
    }
  }
  return {
    ok: true,
    input,
    matched,
    current: [...current].sort(byCodeOrder),
    codes: [...codes].sort(byCodeOrder),
  };
};
