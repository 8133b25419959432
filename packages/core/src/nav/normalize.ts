import { normalizeOrgNumber } from "../normalize/primitives";
import type {
  Job,
  JobEmployer,
  JobFacetBucket,
  JobFacets,
  JobFeedLine,
  JobLocation,
  JobSummary,
} from "./model";
import { htmlToText, sanitizeHtml } from "./sanitize";
import type { NavFeedEntry, NavFeedLine } from "./upstream-feed";
import type { NavSearchAggregations, NavSearchHit } from "./upstream-search";

/**
 * NAV upstream shapes → the normalized job model. Every function is total: it accepts anything its
 * (tolerant) upstream schema lets through and never throws.
 */

export const NAV_AD_PAGE_BASE = "https://arbeidsplassen.nav.no/stillinger/stilling/";

/** Trimmed string, or null for null/undefined/blank/"?" (NAV writes "?" when it does not know). */
const str = (v: unknown): string | null => {
  if (typeof v !== "string" && typeof v !== "number") return null;
  const s = String(v).trim();
  return s === "" || s === "?" ? null : s;
};

/**
 * An ISO-8601 instant (UTC, ms) from NAV's Oslo-offset timestamps; null when unreadable.
 *
 * @example toInstant("2021-03-23T17:10:03.512204+01:00") // "2021-03-23T16:10:03.512Z"
 */
export const toInstant = (v: unknown): string | null => {
  const s = str(v);
  if (s == null) return null;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

/**
 * The application due as a date when NAV's free text is one (`2026-04-23`, `23.04.2026`), else null
 * ("Snarest", "Løpende", junk).
 *
 * @example applicationDueDate("23.04.2026") // "2026-04-23"
 * @example applicationDueDate("Snarest") // null
 */
export const applicationDueDate = (v: unknown): string | null => {
  const s = str(v);
  if (s == null) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(s);
  const nor = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const [y, mo, d] = iso ? [iso[1], iso[2], iso[3]] : nor ? [nor[3], nor[2], nor[1]] : [];
  if (y == null || mo == null || d == null) return null;
  const day = `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) ? day : null;
};

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

const location = (l: Record<string, unknown> | null | undefined): JobLocation => ({
  country: str(l?.country),
  county: str(l?.county),
  municipality: str(l?.municipal),
  city: str(l?.city),
  postalCode: str(l?.postalCode),
  address: str(l?.address),
});

const occupations = (list: { level1?: string | null; level2?: string | null }[] | null | undefined) =>
  arr(list).flatMap((o) => {
    const level1 = str(o?.level1);
    return level1 == null ? [] : [{ level1, level2: str(o?.level2) }];
  });

const linkFor = (uuid: string, given?: unknown): string => {
  const l = str(given);
  return l?.startsWith("https://") ? l : `${NAV_AD_PAGE_BASE}${encodeURIComponent(uuid)}`;
};

const positionCount = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : Number(str(v) ?? Number.NaN);
  return Number.isInteger(n) && n >= 0 ? n : null;
};

/**
 * A search hit → `JobSummary`. Employer name follows the website's rule: `properties.employer`, then
 * `businessName`, then `employer.name`. Search hits never carry an org number.
 *
 * @example normalizeSearchHit(hit).employer.orgNumber // null
 */
export const normalizeSearchHit = (hit: NavSearchHit): JobSummary => {
  const src = hit._source ?? {};
  const props = src.properties ?? {};
  const uuid = str(src.uuid) ?? hit._id;
  const extent = Array.isArray(props.extent) ? props.extent.join(", ") : str(props.extent);
  const due = str(props.applicationdue);
  return {
    uuid,
    title: str(src.title) ?? "",
    jobTitle: str(props.jobtitle),
    employer: {
      name: str(props.employer) ?? str(src.businessName) ?? str(src.employer?.name) ?? "",
      orgNumber: null,
      homepage: null,
    },
    locations: arr(src.locationList).map(location),
    occupations: occupations(src.occupationList),
    sector: str(props.sector),
    extent: extent || null,
    engagementType: str(props.engagementtype),
    remote: str(props.remote),
    published: toInstant(src.published),
    expires: toInstant(src.expires),
    applicationDue: due,
    applicationDueDate: applicationDueDate(due),
    source: str(src.source),
    link: linkFor(uuid),
  };
};

/**
 * A feed entry → `Job`. INACTIVE entries have no content: the result keeps the uuid and status and
 * leaves everything else empty, so a consumer can delete the ad (NAV's terms ask for that).
 *
 * @example normalizeFeedEntry({ uuid: "u", status: "INACTIVE" }).status // "INACTIVE"
 */
export const normalizeFeedEntry = (entry: NavFeedEntry): Job => {
  const ad = entry.ad_content ?? {};
  const uuid = str(entry.uuid) ?? str(ad.uuid) ?? "";
  const employer: JobEmployer = {
    name: str(ad.employer?.name) ?? "",
    orgNumber: normalizeOrgNumber(str(ad.employer?.orgnr)),
    homepage: str(ad.employer?.homepage),
  };
  const descriptionHtml = sanitizeHtml(str(ad.description));
  const due = str(ad.applicationDue);
  const categories = arr(ad.categoryList).flatMap((c) => {
    const name = str(c?.name);
    return name == null ? [] : [{ type: str(c?.categoryType), code: str(c?.code), name }];
  });
  return {
    uuid,
    status: entry.status === "ACTIVE" && entry.ad_content != null ? "ACTIVE" : "INACTIVE",
    title: str(ad.title) ?? "",
    jobTitle: str(ad.jobtitle),
    employer,
    locations: arr(ad.workLocations).map(location),
    occupations: occupations(ad.occupationCategories),
    sector: str(ad.sector),
    extent: str(ad.extent),
    engagementType: str(ad.engagementtype),
    remote: str(ad.remote),
    published: toInstant(ad.published),
    expires: toInstant(ad.expires),
    updated: toInstant(ad.updated) ?? toInstant(entry.sistEndret),
    applicationDue: due,
    applicationDueDate: applicationDueDate(due),
    applicationUrl: str(ad.applicationUrl),
    source: str(ad.source),
    link: linkFor(uuid, ad.link),
    descriptionHtml,
    descriptionText: htmlToText(descriptionHtml),
    employerDescriptionText: htmlToText(str(ad.employer?.description)),
    startTime: str(ad.starttime),
    positionCount: positionCount(ad.positioncount),
    categories,
  };
};

/** NAV's mask for stopped/deleted/rejected ads and hidden employers. */
const MASKED_TITLE = "...";

/**
 * A feed line → `JobFeedLine`. A line is masked when NAV blanked it (title "...").
 *
 * @example normalizeFeedLine(line).masked // true for `title: "..."`
 */
export const normalizeFeedLine = (line: NavFeedLine): JobFeedLine => {
  const e = line._feed_entry;
  const rawTitle = typeof e.title === "string" ? e.title : line.title;
  const masked = rawTitle === MASKED_TITLE;
  return {
    lineKey: `${e.uuid}@${line.date_modified ?? e.sistEndret ?? ""}`,
    uuid: e.uuid,
    status: e.status === "ACTIVE" ? "ACTIVE" : "INACTIVE",
    masked,
    title: masked ? null : str(rawTitle),
    employerName: str(e.businessName),
    municipality: str(e.municipal),
    modified: toInstant(line.date_modified ?? e.sistEndret),
  };
};

const buckets = (
  list: { key: string | number; key_as_string?: string | null; doc_count: number }[] | undefined,
): JobFacetBucket[] =>
  arr(list).map((b) => ({ value: str(b.key_as_string) ?? String(b.key), count: b.doc_count }));

/**
 * Aggregations → `JobFacets`. Counties count ads (`root_doc_count`), not locations, when NAV says.
 *
 * @example normalizeAggregations(undefined).counties // []
 */
export const normalizeAggregations = (aggs: NavSearchAggregations | null | undefined): JobFacets => {
  const a = aggs ?? {};
  return {
    counties: arr(a.counties?.nestedLocations.values.buckets).map((b) => ({
      value: String(b.key),
      count: b.root_doc_count?.doc_count ?? b.doc_count,
      municipalities: buckets(b.municipals?.buckets),
    })),
    occupations: arr(a.occupations?.nestedOccupations.occupationFirstLevels.buckets).map((b) => ({
      value: String(b.key),
      count: b.root_doc_count?.doc_count ?? b.doc_count,
      level2: arr(b.occupationSecondLevels?.buckets).map((c) => ({
        value: String(c.key),
        count: c.root_doc_count?.doc_count ?? c.doc_count,
      })),
    })),
    sector: buckets(a.sector?.values.buckets),
    extent: Object.entries(a.extent?.values.buckets ?? {}).map(([value, b]) => ({
      value,
      count: b.doc_count,
    })),
    engagementType: buckets(a.engagementType?.values.buckets),
    remote: buckets(a.remote?.values.buckets),
    published: arr(a.published?.range.buckets).map((b) => ({ value: b.key, count: b.doc_count })),
    positionCount: a.positioncount?.sum.value ?? null,
  };
};
