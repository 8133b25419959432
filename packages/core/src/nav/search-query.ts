import { z } from "zod";
import { foldText } from "../codes/fold";
import type { ErrorIssue } from "../domain/envelope";
import { foldQueryParams, type RawQueryParams } from "../util/query-params";
import { suggestNames } from "./codes";

/**
 * The ONE job search contract (`JobSearchQuery`): our public parameter names with descriptions and
 * examples, Parse.bot's aliases, comma-or-repeat lists. Enumerated values accept our English tokens and
 * NAV's own Norwegian values (case- and diacritic-insensitive), so a caller used to NAV's site still works.
 * Code-list checks (county, municipality) and NAV paging happen in `resolveJobSearchQuery`.
 */

export const MAX_JOB_Q_LENGTH = 500;
export const MAX_JOB_LIMIT = 100;
export const DEFAULT_JOB_LIMIT = 25;

/** The list parameters of the job contract (comma or repeat). */
export const JOB_LIST_PARAMS = [
  "county",
  "municipality",
  "occupation",
  "sector",
  "extent",
  "engagement_type",
  "remote",
] as const;
const LIST_PARAMS = JOB_LIST_PARAMS;
const SCALAR_PARAMS = ["q", "published", "sort", "page", "limit", "offset", "facets"] as const;
export type JobSearchParamName = (typeof LIST_PARAMS)[number] | (typeof SCALAR_PARAMS)[number];

/** Accepted names (lower case) → public name. Parse.bot's: counties, municipals, from, size, query. */
export const JOB_SEARCH_PARAM_ALIASES: Readonly<Record<string, JobSearchParamName>> = {
  ...Object.fromEntries([...LIST_PARAMS, ...SCALAR_PARAMS].map((n) => [n, n])),
  counties: "county",
  fylke: "county",
  municipals: "municipality",
  municipal: "municipality",
  kommune: "municipality",
  occupations: "occupation",
  occupationlevel1: "occupation",
  engagementtype: "engagement_type",
  query: "q",
  text: "q",
  from: "offset",
  size: "limit",
};

/** Our token → NAV's value, per enumerated parameter. */
export const JOB_ENUMS = {
  sector: { public: "Offentlig", private: "Privat" },
  extent: { full_time: "Heltid", part_time: "Deltid" },
  engagement_type: {
    permanent: "Fast",
    temporary: "Vikariat",
    fixed_term: "Engasjement",
    project: "Prosjekt",
    seasonal: "Sesong",
    apprentice: "Lærling",
    self_employed: "Selvstendig næringsdrivende",
    trainee: "Trainee",
    tenure: "Åremål",
    summer_job: "Feriejobb",
    other: "Annet",
  },
  remote: { remote: "Hjemmekontor", hybrid: "Hybridkontor", on_site: "Hjemmekontor ikke mulig" },
  published: { today: "now/d", last_3_days: "now-3d", week: "now-7d" },
  sort: { relevant: "relevant", published: "published", expires: "expires" },
} as const;

/** Extra spellings of `published`/`sort` tokens. */
const VALUE_ALIASES: Record<string, Record<string, string>> = {
  published: {
    "3d": "last_3_days",
    "7d": "week",
    last_week: "week",
    "now/d": "today",
    "now-3d": "last_3_days",
    "now-7d": "week",
  },
  sort: { newest: "published", deadline: "expires", relevance: "relevant" },
};

type EnumField = keyof typeof JOB_ENUMS;

/** Maps one given value to our token: our token, a value alias or NAV's value; null when unknown. */
const tokenOf = (field: EnumField, raw: string): string | null => {
  const map: Record<string, string> = JOB_ENUMS[field];
  const f = foldText(raw);
  for (const [token, nav] of Object.entries(map)) {
    if (foldText(token) === f || foldText(nav) === f) return token;
  }
  const alias = VALUE_ALIASES[field]?.[raw.trim().toLowerCase()];
  return alias ?? null;
};

const unknownValue = (field: EnumField, raw: string): string => {
  const tokens = Object.keys(JOB_ENUMS[field]);
  const near = suggestNames([...tokens, ...Object.values(JOB_ENUMS[field])], raw);
  const hint = near.length > 0 ? `did you mean ${near.join(", ")}? ` : "";
  return `unknown ${field} "${raw.slice(0, 60)}"; ${hint}use one of ${tokens.join(", ")}`;
};

const enumOne = <F extends EnumField>(field: F) =>
  z.string().transform((raw, ctx): keyof (typeof JOB_ENUMS)[F] => {
    const token = tokenOf(field, raw);
    if (token == null) ctx.addIssue({ code: "custom", message: unknownValue(field, raw) });
    return token as keyof (typeof JOB_ENUMS)[F];
  });

const enumList = <F extends EnumField>(field: F) => z.array(enumOne(field)).transform((l) => [...new Set(l)]);

const nameList = (what: string) =>
  z
    .array(z.string().max(100, `each ${what} is at most 100 characters`))
    .max(20, `give at most 20 ${what} values`);

const intParam = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`));

/**
 * The job search contract over folded parameters (see `parseJobSearchQuery`).
 *
 * @example JobSearchQuery.parse({ county: ["Oslo"], limit: "10" }).limit // 10
 */
export const JobSearchQuery = z.strictObject({
  q: z
    .string()
    .max(MAX_JOB_Q_LENGTH, `q is at most ${MAX_JOB_Q_LENGTH} characters`)
    .transform((s) => s.trim())
    .optional()
    .meta({
      description: "Free text over title, occupation, keywords and ad text.",
      examples: ["sykepleier"],
    }),
  county: nameList("county")
    .optional()
    .meta({
      description: "County names (comma or repeat); alias `counties`.",
      examples: [["Oslo", "Vestland"]],
    }),
  municipality: nameList("municipality")
    .optional()
    .meta({
      description:
        "Municipality names or COUNTY.MUNICIPALITY; its county is added. Aliases `municipals`, `municipal`.",
      examples: [["Asker", "VESTLAND.BERGEN"]],
    }),
  occupation: nameList("occupation")
    .optional()
    .meta({
      description: "NAV occupation category, level 1 or `level1.level2`.",
      examples: [["Helse og sosial"]],
    }),
  sector: enumList("sector").optional().meta({ description: "public | private (or Offentlig/Privat)." }),
  extent: enumList("extent").optional().meta({ description: "full_time | part_time (or Heltid/Deltid)." }),
  engagement_type: enumList("engagement_type")
    .optional()
    .meta({ description: "permanent, temporary, fixed_term, … (or NAV's Fast, Vikariat, …)." }),
  remote: enumList("remote").optional().meta({ description: "remote | hybrid | on_site." }),
  published: enumOne("published")
    .optional()
    .meta({ description: "Published within: today | last_3_days | week.", examples: ["last_3_days"] }),
  sort: enumOne("sort")
    .optional()
    .meta({ description: "relevant (default) | published (newest) | expires (soonest)." }),
  page: intParam("page", 1, 10_000)
    .optional()
    .meta({ description: "1-based page of `limit` jobs.", examples: [2] }),
  limit: intParam("limit", 1, MAX_JOB_LIMIT)
    .default(DEFAULT_JOB_LIMIT)
    .meta({ description: "Jobs per page, 1–100 (alias `size`).", examples: [10] }),
  offset: intParam("offset", 0, 9_999)
    .optional()
    .meta({ description: "Start at this hit instead of a page (alias `from`)." }),
  facets: z
    .enum(["true", "false", "1", "0"], { message: "facets must be true or false" })
    .transform((v) => v === "true" || v === "1")
    .default(false)
    .meta({ description: "Include facet counts." }),
});
export type JobSearchQuery = z.output<typeof JobSearchQuery>;
export type JobSearchQueryInput = z.input<typeof JobSearchQuery>;

/**
 * Folds (aliases, repeats, comma lists) and validates a job search, listing every problem at once.
 * Issue paths are our public parameter names.
 *
 * @example parseJobSearchQuery(new URLSearchParams("counties=Oslo&size=10"))
 * // { ok: true, query: { county: ["Oslo"], limit: 10, facets: false } }
 */
export function parseJobSearchQuery(
  input: RawQueryParams,
): { ok: true; query: JobSearchQuery } | { ok: false; issues: ErrorIssue[] } {
  const folded = foldQueryParams(input, JOB_SEARCH_PARAM_ALIASES, LIST_PARAMS);
  const issues = [...folded.issues];
  if (folded.values.page !== undefined && folded.values.offset !== undefined)
    issues.push({ path: "offset", message: "give page or offset (from), not both" });
  const parsed = JobSearchQuery.safeParse(folded.values);
  if (!parsed.success)
    issues.push(
      ...parsed.error.issues.map((i) => ({
        path: i.path.length > 0 ? String(i.path[0]) : "(query)",
        message: i.message,
      })),
    );
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, query: parsed.data };
}
