import { editDistance, foldText, typoBudget } from "../codes/fold";

/**
 * The county and municipality names NAV indexes (upper case, 2024 county structure), used to validate
 * and suggest values of the job search. Built from the NAV fixtures and NAV's known values; the
 * municipality list is a curated subset (every county's larger municipalities plus those seen in the
 * fixtures), not all 357 — an unknown-but-real municipality is refused with suggestions, which is the
 * safe failure (NAV would silently ignore a value it does not index).
 */
export const NAV_COUNTIES = {
  AGDER: [
    "KRISTIANSAND",
    "ARENDAL",
    "GRIMSTAD",
    "LILLESAND",
    "MANDAL",
    "FARSUND",
    "FLEKKEFJORD",
    "LYNGDAL",
    "VENNESLA",
    "RISØR",
    "TVEDESTRAND",
    "VALLE",
  ],
  AKERSHUS: [
    "ASKER",
    "BÆRUM",
    "LILLESTRØM",
    "LØRENSKOG",
    "NORDRE FOLLO",
    "ULLENSAKER",
    "ÅS",
    "FROGN",
    "NESODDEN",
    "EIDSVOLL",
    "NITTEDAL",
    "RÆLINGEN",
    "ENEBAKK",
    "AURSKOG-HØLAND",
    "VESTBY",
    "NES",
    "GJERDRUM",
    "NANNESTAD",
    "HURDAL",
    "LUNNER",
    "JEVNAKER",
  ],
  BUSKERUD: [
    "DRAMMEN",
    "KONGSBERG",
    "RINGERIKE",
    "LIER",
    "ØVRE EIKER",
    "MODUM",
    "HOLE",
    "HALLINGDAL",
    "GOL",
    "HEMSEDAL",
    "HOL",
    "NESBYEN",
    "NORE OG UVDAL",
  ],
  FINNMARK: [
    "ALTA",
    "HAMMERFEST",
    "SØR-VARANGER",
    "VADSØ",
    "VARDØ",
    "KARASJOK",
    "KAUTOKEINO",
    "PORSANGER",
    "NORDKAPP",
  ],
  INNLANDET: [
    "HAMAR",
    "LILLEHAMMER",
    "GJØVIK",
    "RINGSAKER",
    "ELVERUM",
    "KONGSVINGER",
    "ØSTRE TOTEN",
    "VESTRE TOTEN",
    "STANGE",
    "LØTEN",
    "NORD-FRON",
    "SEL",
    "VÅGÅ",
    "LOM",
    "ØYSTRE SLIDRE",
    "NORD-AURDAL",
    "TRYSIL",
    "ÅMOT",
    "NORD-ODAL",
    "SØR-ODAL",
  ],
  "MØRE OG ROMSDAL": [
    "ÅLESUND",
    "MOLDE",
    "KRISTIANSUND",
    "VOLDA",
    "ØRSTA",
    "ULSTEIN",
    "HERØY",
    "SULA",
    "GISKE",
    "HUSTADVIKA",
    "SUNNDAL",
    "SURNADAL",
  ],
  NORDLAND: [
    "BODØ",
    "NARVIK",
    "RANA",
    "VEFSN",
    "ALSTAHAUG",
    "BRØNNØY",
    "VESTVÅGØY",
    "VÅGAN",
    "HADSEL",
    "SORTLAND",
    "FAUSKE",
    "SALTDAL",
  ],
  OSLO: ["OSLO"],
  ROGALAND: [
    "STAVANGER",
    "SANDNES",
    "SOLA",
    "RANDABERG",
    "KARMØY",
    "HAUGESUND",
    "TIME",
    "KLEPP",
    "HÅ",
    "EIGERSUND",
    "STRAND",
    "TYSVÆR",
    "GJESDAL",
  ],
  TELEMARK: [
    "SKIEN",
    "PORSGRUNN",
    "BAMBLE",
    "KRAGERØ",
    "NOTODDEN",
    "MIDT-TELEMARK",
    "TINN",
    "VINJE",
    "NOME",
    "SILJAN",
    "DRANGEDAL",
  ],
  TROMS: [
    "TROMSØ",
    "HARSTAD",
    "SENJA",
    "BALSFJORD",
    "BARDU",
    "MÅLSELV",
    "NORDREISA",
    "LYNGEN",
    "KARLSØY",
    "SKJERVØY",
  ],
  TRØNDELAG: [
    "TRONDHEIM",
    "STJØRDAL",
    "STEINKJER",
    "LEVANGER",
    "VERDAL",
    "MALVIK",
    "MELHUS",
    "ORKLAND",
    "NAMSOS",
    "RØROS",
    "OPPDAL",
    "LEKA",
    "HITRA",
    "FRØYA",
    "INDRE FOSEN",
  ],
  VESTFOLD: ["SANDEFJORD", "LARVIK", "TØNSBERG", "HORTEN", "HOLMESTRAND", "FÆRDER"],
  VESTLAND: [
    "BERGEN",
    "ASKØY",
    "ØYGARDEN",
    "BJØRNAFJORDEN",
    "ALVER",
    "VOSS",
    "STORD",
    "SUNNFJORD",
    "KINN",
    "STAD",
    "SOGNDAL",
    "LUSTER",
    "KVINNHERAD",
    "BØMLO",
    "ULLENSVANG",
    "OS",
  ],
  ØSTFOLD: [
    "FREDRIKSTAD",
    "SARPSBORG",
    "MOSS",
    "HALDEN",
    "INDRE ØSTFOLD",
    "RAKKESTAD",
    "VÅLER",
    "RÅDE",
    "HVALER",
    "SKIPTVET",
    "MARKER",
    "AREMARK",
  ],
} as const satisfies Record<string, readonly string[]>;

export type NavCounty = keyof typeof NAV_COUNTIES;

/** Every known county name. */
export const NAV_COUNTY_NAMES: readonly string[] = Object.keys(NAV_COUNTIES);

type Entry = { name: string; folded: string };
const countyEntries: Entry[] = NAV_COUNTY_NAMES.map((name) => ({ name, folded: foldText(name) }));
const municipalityEntries: (Entry & { county: string })[] = Object.entries(NAV_COUNTIES).flatMap(
  ([county, list]) => list.map((name) => ({ name, county, folded: foldText(name) })),
);

const lookup = <E extends Entry>(entries: E[], input: string): E | null => {
  const folded = foldText(input);
  return entries.find((e) => e.folded === folded) ?? null;
};

/**
 * Up to `max` known names nearest to `input` (prefix matches first, then by edit distance within a typo
 * budget), for "did you mean" messages.
 *
 * @example suggestNames(["OSLO", "AGDER"], "olso") // ["OSLO"]
 */
export const suggestNames = (names: readonly string[], input: string, max = 3): string[] => {
  const folded = foldText(input);
  if (folded === "") return [];
  const budget = Math.max(1, typoBudget(folded.length));
  return names
    .map((name) => {
      const f = foldText(name);
      // Either is a prefix of the other ("vestlan", "public-ish"): as near as it gets. A short name
      // (OS) would prefix half the input, so the reverse rule needs a name of 4+ letters.
      const prefix = f.startsWith(folded) || (f.length >= 4 && folded.startsWith(f));
      const d = prefix ? 0 : editDistance(folded, f, budget + 1);
      return { name, d };
    })
    .filter((s) => s.d <= budget)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, max)
    .map((s) => s.name);
};

/**
 * The canonical county for user input ("Møre og Romsdal", "more og romsdal" → "MØRE OG ROMSDAL").
 *
 * @example resolveCounty("vestland") // "VESTLAND"
 */
export const resolveCounty = (input: string): string | null => lookup(countyEntries, input)?.name ?? null;

/**
 * A municipality and its county, from a bare name ("Asker") or `COUNTY.MUNICIPAL` ("AKERSHUS.ASKER").
 * A bare name that exists in several counties (e.g. OS) resolves only with its county given.
 *
 * @example resolveMunicipality("asker") // { county: "AKERSHUS", municipality: "ASKER" }
 */
export const resolveMunicipality = (input: string): { county: string; municipality: string } | null => {
  const dot = input.indexOf(".");
  if (dot > 0) {
    const county = resolveCounty(input.slice(0, dot));
    const folded = foldText(input.slice(dot + 1));
    const hit = municipalityEntries.find((e) => e.county === county && e.folded === folded);
    return hit ? { county: hit.county, municipality: hit.name } : null;
  }
  const folded = foldText(input);
  const hits = municipalityEntries.filter((e) => e.folded === folded);
  const [first] = hits;
  return hits.length === 1 && first ? { county: first.county, municipality: first.name } : null;
};

/** Every known municipality name (for suggestions). */
export const NAV_MUNICIPALITY_NAMES: readonly string[] = [...new Set(municipalityEntries.map((e) => e.name))];
