/**
 * The Public API (`/public/v2/...`): search with repeated query parameters and download of eForms XML.
 * Error bodies are verbatim from live probes (doffin-upstream.md §1.3, §1.7); where the real body is
 * unknown the choice is documented in the README.
 */
import type { Corpus } from "../corpus";
import { NOTICE_TYPES, STATUSES } from "../model";
import { runSearch, SORTS, type Sort } from "../search";
import { publicHit } from "../shapes";
import { parseTerms } from "../text-match";

export const JSON_UTF8 = "application/json; charset=UTF-8";

const reason = (text: string): Response =>
  new Response(JSON.stringify({ reason: text }), { status: 400, headers: { "content-type": JSON_UTF8 } });

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (value: string): boolean =>
  DATE.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

export type PublicSearchConfig = {
  tieOrder: "page-size" | "page";
  /** What page × numHitsPerPage > 1000 does: 400 (S2, the later probe; default) or empty hits (S4). */
  pastCap: "error" | "empty";
};

const intParam = (params: URLSearchParams, name: string, fallback: number): number | "bad" => {
  const raw = params.get(name);
  if (raw === null || raw === "") return fallback;
  return /^-?\d+$/.test(raw) ? Number(raw) : "bad";
};

const numberParam = (params: URLSearchParams, name: string): number | undefined | "bad" => {
  const raw = params.get(name);
  if (raw === null || raw === "") return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : "bad";
};

export const publicSearch = (corpus: Corpus, url: URL, config: PublicSearchConfig): Response => {
  const p = url.searchParams;
  const page = intParam(p, "page", 1);
  const size = intParam(p, "numHitsPerPage", 15);
  // Unknown body: Spring would answer a number-format error; we keep to the same {reason} envelope.
  if (page === "bad") return reason("Parameter page must be a number");
  if (size === "bad") return reason("Parameter numHitsPerPage must be a number");
  if (page < 1) return reason("Parameter page must be >= 1");
  if (size < 1) return reason("Parameter numHitsPerPage must be >= 1");
  for (const name of ["issueDateFrom", "issueDateTo"]) {
    const value = p.get(name);
    if (value !== null && value !== "" && !validDate(value)) {
      return reason("Wrong issue date format. Correct format: YYYY-MM-DD");
    }
  }
  for (const type of p.getAll("type")) {
    if (!(NOTICE_TYPES as readonly string[]).includes(type)) {
      return reason(`No enum constant no.dfo.dof.notices.domain.elements.NoticeType.${type}`);
    }
  }
  for (const status of p.getAll("status")) {
    // Inferred: same Java enum error as for type, with the status class (body never captured).
    if (!(STATUSES as readonly string[]).includes(status)) {
      return reason(`No enum constant no.dfo.dof.notices.domain.elements.NoticeStatus.${status}`);
    }
  }
  const sortBy = p.get("sortBy");
  if (sortBy !== null && !(SORTS as readonly string[]).includes(sortBy)) {
    return new Response(null, { status: 404 });
  }
  const valueFrom = numberParam(p, "estimatedValueFrom");
  const valueTo = numberParam(p, "estimatedValueTo");
  if (valueFrom === "bad" || valueTo === "bad") return reason("Parameter estimatedValue must be a number");
  const pastCap = page * size > 1000;
  if (pastCap && config.pastCap === "error") {
    return reason(
      "Unable to access more than the top 1000 hits, please lower either the page or numHitsPerPage parameters.",
    );
  }
  const text = p.get("searchString") ?? undefined;
  const sort: Sort =
    (sortBy as Sort | null) ?? (parseTerms(text).length > 0 ? "RELEVANCE" : "PUBLICATION_DATE_DESC");
  const outcome = runSearch(corpus, {
    text,
    types: p.getAll("type"),
    statuses: p.getAll("status"),
    cpv: p.getAll("cpvCode"),
    locations: p.getAll("location"),
    locationMode: "exact",
    issuedFrom: p.get("issueDateFrom") || undefined,
    issuedTo: p.get("issueDateTo") || undefined,
    valueFrom,
    valueTo,
    sort,
    offset: (page - 1) * size,
    limit: pastCap ? 0 : size,
    tieSalt: config.tieOrder === "page" ? size * 1009 + page : size,
    facets: false,
  });
  const body = {
    numHitsTotal: outcome.total,
    numHitsAccessible: Math.min(outcome.total, 1000),
    hits: outcome.hits.map((e) => publicHit(corpus, e)),
  };
  return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": JSON_UTF8 } });
};
