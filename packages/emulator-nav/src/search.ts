/**
 * arbeidsplassen.nav.no's `/stillinger/api/search` over the world's ads: NAV's parameter rules (v6
 * names, legacy `[]` names migrated when `v` < 6, `size` 25|100 else 25, municipal only with its county,
 * ACTIVE ads only), sorting, the 10000 window, and the aggregations, each applying every active filter
 * except its own.
 */
import type { Ad } from "./model";
import { osloIso, osloStartOfDay } from "./oslo-time";
import type { World } from "./state";

const DAY = 86_400_000;
export const SEARCH_WINDOW = 10_000;

type Filter = { facet: string; test: (ad: Ad) => boolean };

const LEGACY: Record<string, string> = {
  "counties[]": "county",
  "municipals[]": "municipal",
  "countries[]": "country",
  "occupationFirstLevels[]": "occupationLevel1",
  "occupationSecondLevels[]": "occupationLevel2",
  "extent[]": "extent",
  "engagementType[]": "engagementType",
  "sector[]": "sector",
  "education[]": "education",
  "workLanguage[]": "workLanguage",
  "remote[]": "remote",
};

/** NAV's version migration: without `v` (or `v` < 6) bracketed legacy names are renamed; with v=6 ignored. */
const migrate = (params: URLSearchParams): URLSearchParams => {
  const v = Number(params.get("v") ?? "0");
  const out = new URLSearchParams();
  for (const [k, val] of params) {
    const renamed = LEGACY[k];
    if (renamed) {
      if (!(v >= 6)) out.append(renamed, val);
    } else out.append(k, val);
  }
  return out;
};

const fold = (s: string) => s.toLowerCase().normalize("NFC");
const words = (s: string) =>
  fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
const haystack = (ad: Ad) =>
  new Set(
    words(
      [
        ad.title,
        ad.jobtitle,
        ad.occupation.level1,
        ad.occupation.level2,
        ad.category.name,
        ad.businessName,
      ].join(" "),
    ),
  );

const buildFilters = (p: URLSearchParams, now: number): Filter[] => {
  const filters: Filter[] = [];
  const all = (name: string) => p.getAll(name).filter((v) => v !== "");
  const anyOf = (facet: string, values: string[], get: (ad: Ad) => (string | null)[]) => {
    if (values.length > 0)
      filters.push({ facet, test: (ad) => get(ad).some((x) => x != null && values.includes(x)) });
  };
  for (const q of all("q")) {
    const need = words(q);
    filters.push({
      facet: "q",
      test: (ad) => {
        const h = haystack(ad);
        return need.every((w) => h.has(w)) || ad.uuid === q;
      },
    });
  }
  const counties = all("county");
  // A municipal applies only under its county; one without its county is ignored (NAV's behaviour).
  const municipals = all("municipal").filter((m) => counties.includes(m.split(".")[0] ?? ""));
  if (counties.length > 0)
    filters.push({
      facet: "counties",
      test: (ad) =>
        ad.locations.some((l) => {
          if (!counties.includes(l.county)) return false;
          const own = municipals.filter((m) => m.startsWith(`${l.county}.`));
          return own.length === 0 || own.includes(`${l.county}.${l.municipal}`);
        }),
    });
  const l1 = all("occupationLevel1");
  const l2 = all("occupationLevel2").filter((x) => l1.includes(x.split(".")[0] ?? ""));
  if (l1.length > 0)
    filters.push({
      facet: "occupations",
      test: (ad) => {
        if (!l1.includes(ad.occupation.level1)) return false;
        const own = l2.filter((x) => x.startsWith(`${ad.occupation.level1}.`));
        return own.length === 0 || own.includes(`${ad.occupation.level1}.${ad.occupation.level2}`);
      },
    });
  anyOf("sector", all("sector"), (ad) => [ad.sector]);
  const extents = all("extent").flatMap((e) =>
    e === "Heltid"
      ? ["Heltid", "Heltid_og_Deltid"]
      : e === "Deltid"
        ? ["Deltid", "Heltid_og_Deltid"]
        : ["Ukjent"],
  );
  anyOf("extent", extents, (ad) => [ad.extent]);
  anyOf("engagementType", all("engagementType"), (ad) => [ad.engagementtype]);
  anyOf("remote", all("remote"), (ad) => [ad.remote ?? "Ikke oppgitt"]);
  anyOf("education", all("education"), (ad) => [ad.education ?? "Ikke oppgitt"]);
  anyOf("workLanguage", all("workLanguage"), (ad) => ad.workLanguage);
  const published = p.get("published");
  const from =
    published === "now/d"
      ? osloStartOfDay(now)
      : published === "now-3d"
        ? now - 3 * DAY
        : published === "now-7d"
          ? now - 7 * DAY
          : published && !Number.isNaN(Date.parse(published))
            ? Date.parse(published)
            : null;
  if (from != null) filters.push({ facet: "published", test: (ad) => ad.published >= from });
  return filters;
};

const isSearchable = (ad: Ad) => ad.status === "ACTIVE" && ad.privacy === "SHOW_ALL";

/** Every matching ad in NAV's order (the emulator's truth; tests compare client pages against it). */
export const matchAll = (world: World, raw: URLSearchParams): Ad[] => {
  const p = migrate(raw);
  const filters = buildFilters(p, world.now);
  const hits = [...world.ads.values()].filter((ad) => isSearchable(ad) && filters.every((f) => f.test(ad)));
  const q = p.getAll("q").filter((v) => v !== "");
  let sort = p.get("sort") ?? "relevant";
  if (!["relevant", "published", "expires"].includes(sort)) sort = "relevant";
  if (sort === "relevant" && q.length === 0) sort = "published";
  const score = (ad: Ad) => q.flatMap(words).filter((w) => words(ad.title).includes(w)).length;
  const byId = (a: Ad, b: Ad) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0);
  return hits.sort((a, b) =>
    sort === "expires"
      ? a.expires - b.expires || byId(a, b)
      : sort === "published"
        ? b.published - a.published || byId(a, b)
        : score(b) - score(a) || b.published - a.published || byId(a, b),
  );
};

const terms = (ads: Ad[], get: (ad: Ad) => string[]) => {
  const counts = new Map<string, number>();
  for (const ad of ads) for (const k of new Set(get(ad))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const buckets = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, doc_count]) => ({ key, doc_count }));
  return {
    doc_count: ads.length,
    values: { doc_count_error_upper_bound: 0, sum_other_doc_count: 0, buckets },
  };
};

const aggregations = (world: World, p: URLSearchParams) => {
  const filters = buildFilters(p, world.now);
  const base = [...world.ads.values()].filter(isSearchable);
  const except = (facet: string) =>
    base.filter((ad) => filters.every((f) => f.facet === facet || f.test(ad)));
  const all = except("");
  const pub = except("published");
  const now = world.now;
  const ranges: [string, number][] = [
    ["now/d", osloStartOfDay(now)],
    ["now-3d", now - 3 * DAY],
    ["now-7d", now - 7 * DAY],
  ];
  const loc = except("counties");
  const occ = except("occupations");
  const countyKeys = [...new Set(loc.flatMap((a) => a.locations.map((l) => l.county)))].sort();
  const l1Keys = [...new Set(occ.map((a) => a.occupation.level1))].sort();
  const ext = except("extent");
  return {
    positioncount: {
      doc_count: all.length,
      sum: { value: all.reduce((s, a) => s + (a.positioncount || 1), 0) },
    },
    published: {
      doc_count: pub.length,
      range: {
        buckets: ranges.map(([key, from]) => ({
          key,
          from,
          from_as_string: new Date(from).toISOString(),
          doc_count: pub.filter((a) => a.published >= from).length,
        })),
      },
    },
    sector: terms(except("sector"), (a) => [a.sector]),
    extent: {
      doc_count: ext.length,
      values: {
        buckets: {
          Heltid: {
            doc_count: ext.filter((a) => a.extent === "Heltid" || a.extent === "Heltid_og_Deltid").length,
          },
          Deltid: {
            doc_count: ext.filter((a) => a.extent === "Deltid" || a.extent === "Heltid_og_Deltid").length,
          },
          "Ikke oppgitt": {
            doc_count: ext.filter((a) => !["Heltid", "Deltid", "Heltid_og_Deltid"].includes(a.extent)).length,
          },
        },
      },
    },
    remote: terms(except("remote"), (a) => [a.remote ?? "Ikke oppgitt"]),
    workLanguage: terms(except("workLanguage"), (a) => a.workLanguage),
    education: terms(except("education"), (a) => [a.education ?? "Ikke oppgitt"]),
    needDriversLicense: terms(all, () => ["Ikke oppgitt"]),
    under18: terms(all, () => ["Ikke oppgitt"]),
    experience: terms(all, () => ["Ikke oppgitt"]),
    engagementType: terms(except("engagementType"), (a) => [a.engagementtype]),
    summerJob: {
      doc_count: all.length,
      values: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 0,
        buckets: all.length ? [{ key: 0, key_as_string: "false", doc_count: all.length }] : [],
      },
    },
    hasSuperraskSoknad: {
      doc_count: all.length,
      values: {
        doc_count_error_upper_bound: 0,
        sum_other_doc_count: 0,
        buckets: all.length ? [{ key: 0, key_as_string: "false", doc_count: all.length }] : [],
      },
    },
    counties: {
      doc_count: loc.length,
      nestedLocations: {
        doc_count: loc.reduce((s, a) => s + a.locations.length, 0),
        values: {
          doc_count_error_upper_bound: 0,
          sum_other_doc_count: 0,
          buckets: countyKeys.slice(0, 50).map((key) => {
            const inCounty = loc.filter((a) => a.locations.some((l) => l.county === key));
            const munis = terms(inCounty, (a) =>
              a.locations.filter((l) => l.county === key).map((l) => l.municipal),
            ).values;
            return {
              key,
              doc_count: inCounty.reduce((s, a) => s + a.locations.filter((l) => l.county === key).length, 0),
              root_doc_count: { doc_count: inCounty.length },
              municipals: {
                ...munis,
                buckets: munis.buckets.sort((a, b) => a.key.localeCompare(b.key)).slice(0, 200),
              },
            };
          }),
        },
      },
    },
    occupations: {
      doc_count: occ.length,
      nestedOccupations: {
        doc_count: occ.length,
        occupationFirstLevels: {
          doc_count_error_upper_bound: 0,
          sum_other_doc_count: 0,
          buckets: l1Keys.map((key) => {
            const inL1 = occ.filter((a) => a.occupation.level1 === key);
            const l2 = [...new Set(inL1.map((a) => a.occupation.level2))].sort();
            return {
              key,
              doc_count: inL1.length,
              root_doc_count: { doc_count: inL1.length },
              occupationSecondLevels: {
                doc_count_error_upper_bound: 0,
                sum_other_doc_count: 0,
                buckets: l2.map((k2) => {
                  const n = inL1.filter((a) => a.occupation.level2 === k2).length;
                  return { key: k2, doc_count: n, root_doc_count: { doc_count: n } };
                }),
              },
            };
          }),
        },
      },
    },
    countries: {
      doc_count: 0,
      nestedLocations: {
        doc_count: 0,
        values: { doc_count_error_upper_bound: 0, sum_other_doc_count: 0, buckets: [] },
      },
    },
  };
};

const hitSource = (ad: Ad) => ({
  uuid: ad.uuid,
  title: ad.title,
  status: "ACTIVE",
  published: osloIso(ad.published),
  expires: osloIso(ad.expires),
  source: ad.source,
  medium: ad.source,
  reference: ad.uuid,
  businessName: ad.businessName,
  employer: { name: ad.employer.name },
  locationList: ad.locations,
  categoryList: [{ name: ad.category.name, categoryType: "STYRK08" }],
  occupationList: [ad.occupation],
  properties: {
    employer: ad.businessName,
    jobtitle: ad.jobtitle,
    location: ad.locations[0]?.city,
    applicationdue: ad.applicationDue,
    workLanguage: ad.workLanguage,
    ...(ad.remote ? { remote: ad.remote } : {}),
    ...(ad.education ? { education: [ad.education] } : {}),
  },
});

export type SearchReply = { status: number; body: string; contentType: string };

/** `GET /stillinger/api/search`. */
export const search = (world: World, raw: URLSearchParams): SearchReply => {
  const p = migrate(raw);
  const fromN = Number(p.get("from") ?? "0");
  const from = Number.isInteger(fromN) && fromN >= 0 ? fromN : 0;
  const size = p.get("size") === "100" ? 100 : 25;
  if (from + size > SEARCH_WINDOW)
    return {
      status: 400,
      body: JSON.stringify({ error: "Pagination depth exceeds maximum allowed window" }),
      contentType: "application/json",
    };
  const all = matchAll(world, raw);
  const page = all.slice(from, from + size);
  const body = {
    took: 3 + (all.length % 40),
    timed_out: false,
    _shards: { total: 3, successful: 3, skipped: 0, failed: 0 },
    hits: {
      total: { value: all.length, relation: "eq" },
      max_score: null,
      hits: page.map((ad) => ({
        _index: "ad-20261201",
        _id: ad.uuid,
        _score: null,
        sort: [ad.published],
        _source: hitSource(ad),
      })),
    },
    aggregations: aggregations(world, p),
  };
  return { status: 200, body: JSON.stringify(body), contentType: "application/json" };
};
