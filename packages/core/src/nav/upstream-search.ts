import { z } from "zod";

/**
 * Zod schemas of arbeidsplassen.nav.no's `/stillinger/api/search`: the backend's OpenSearch `_search`
 * JSON passed through unchanged. Tolerant: every aggregation is optional and loose, so a missing or
 * reshaped facet degrades to "no facet", never to a parse error of the whole page.
 */

const text = z.string().nullish();
const count = z.number().catch(0);

const NavSearchLocation = z.looseObject({
  postalCode: text,
  city: text,
  address: text,
  municipal: text,
  county: text,
  country: text,
});

/** `_source` of a hit: the fields `searchHitSourceIncludes` asks for. */
export const NavSearchSource = z.looseObject({
  uuid: text,
  title: text,
  status: text,
  published: text,
  expires: text,
  source: text,
  medium: text,
  reference: text,
  businessName: text,
  employer: z.looseObject({ name: text }).nullish(),
  locationList: z.array(NavSearchLocation).nullish(),
  categoryList: z.array(z.looseObject({ name: text, categoryType: text })).nullish(),
  occupationList: z.array(z.looseObject({ level1: text, level2: text })).nullish(),
  properties: z
    .looseObject({
      employer: text,
      jobtitle: text,
      location: text,
      applicationdue: text,
      remote: text,
      extent: z.union([z.string(), z.array(z.string())]).nullish(),
      engagementtype: text,
      sector: text,
    })
    .nullish(),
});
export type NavSearchSource = z.infer<typeof NavSearchSource>;

export const NavSearchHit = z.looseObject({
  _index: text,
  _id: z.string(),
  _score: z.number().nullish(),
  sort: z.array(z.unknown()).nullish(),
  _source: NavSearchSource.default({}),
});
export type NavSearchHit = z.infer<typeof NavSearchHit>;

const TermBucket = z.looseObject({
  key: z.union([z.string(), z.number()]),
  key_as_string: text,
  doc_count: count,
});
const Terms = z.looseObject({
  doc_count: count.optional(),
  values: z.looseObject({ buckets: z.array(TermBucket) }),
});

const CountyBucket = TermBucket.extend({
  root_doc_count: z.looseObject({ doc_count: count }).nullish(),
  municipals: z.looseObject({ buckets: z.array(TermBucket) }).nullish(),
});
const OccupationBucket = TermBucket.extend({
  root_doc_count: z.looseObject({ doc_count: count }).nullish(),
  occupationSecondLevels: z
    .looseObject({
      buckets: z.array(TermBucket.extend({ root_doc_count: z.looseObject({ doc_count: count }).nullish() })),
    })
    .nullish(),
});

/** The 16 aggregations; each optional and loose (see the module comment). */
export const NavSearchAggregations = z.looseObject({
  positioncount: z
    .looseObject({ sum: z.looseObject({ value: z.number().nullish() }) })
    .optional()
    .catch(undefined),
  published: z
    .looseObject({
      range: z.looseObject({
        buckets: z.array(
          z.looseObject({
            key: z.string(),
            from: z.number().nullish(),
            from_as_string: text,
            doc_count: count,
          }),
        ),
      }),
    })
    .optional()
    .catch(undefined),
  extent: z
    .looseObject({
      values: z.looseObject({ buckets: z.record(z.string(), z.looseObject({ doc_count: count })) }),
    })
    .optional()
    .catch(undefined),
  sector: Terms.optional().catch(undefined),
  remote: Terms.optional().catch(undefined),
  workLanguage: Terms.optional().catch(undefined),
  education: Terms.optional().catch(undefined),
  needDriversLicense: Terms.optional().catch(undefined),
  under18: Terms.optional().catch(undefined),
  experience: Terms.optional().catch(undefined),
  engagementType: Terms.optional().catch(undefined),
  summerJob: Terms.optional().catch(undefined),
  hasSuperraskSoknad: Terms.optional().catch(undefined),
  counties: z
    .looseObject({
      nestedLocations: z.looseObject({ values: z.looseObject({ buckets: z.array(CountyBucket) }) }),
    })
    .optional()
    .catch(undefined),
  occupations: z
    .looseObject({
      nestedOccupations: z.looseObject({
        occupationFirstLevels: z.looseObject({ buckets: z.array(OccupationBucket) }),
      }),
    })
    .optional()
    .catch(undefined),
  countries: z
    .looseObject({
      nestedLocations: z.looseObject({ values: z.looseObject({ buckets: z.array(TermBucket) }) }),
    })
    .optional()
    .catch(undefined),
});
export type NavSearchAggregations = z.infer<typeof NavSearchAggregations>;

/** The whole `/stillinger/api/search` response. */
export const NavSearchResponse = z.looseObject({
  took: z.number().nullish(),
  timed_out: z.boolean().nullish(),
  hits: z.looseObject({
    // ES 7+ sends {value, relation}; older backends a bare number. Both are accepted.
    total: z.union([z.number(), z.looseObject({ value: z.number(), relation: text })]),
    max_score: z.number().nullish(),
    hits: z.array(NavSearchHit),
    positioncountTotal: z.number().nullish(),
  }),
  aggregations: NavSearchAggregations.nullish(),
});
export type NavSearchResponse = z.infer<typeof NavSearchResponse>;
