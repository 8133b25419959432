/**
 * The web client's internal API (`/webclient/api/v2/...`), as www.doffin.no calls it: no key, POST search
 * with a named facets object, disjunctive facet counts, the detail and the CPV tree.
 */
import { cpvTreeNodes } from "../codelists";
import type { Corpus } from "../corpus";
import { matchAll, runSearch, SORTS, type Sort } from "../search";
import { webclientDetail, webclientHit } from "../shapes";
import { parseTerms } from "../text-match";

const JSON_TYPE = "application/json";
export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": JSON_TYPE } });

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
const checked = (facets: Obj, key: string): string[] => {
  const f = facets[key];
  return isObj(f) ? strings(f.checkedItems) : [];
};
const dayOrNull = (v: unknown): string | null =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null;

export type WebclientConfig = { tieOrder: "page-size" | "page" };

const facetQuery = (body: Obj) => {
  const facets = isObj(body.facets) ? body.facets : {};
  const published = isObj(facets.publicationDate) ? facets.publicationDate : {};
  return {
    text: typeof body.searchString === "string" ? body.searchString : undefined,
    types: checked(facets, "type"),
    statuses: checked(facets, "status"),
    cpv: checked(facets, "cpvCodesId"),
    locations: checked(facets, "location"),
    locationMode: "hierarchical" as const,
    natures: checked(facets, "contractNature"),
    labels: checked(facets, "procurementStrategicLabels"),
    buyers: checked(facets, "buyer"),
    winners: checked(facets, "winner"),
    publishedFrom: dayOrNull(published.from),
    publishedTo: dayOrNull(published.to),
  };
};

const positiveInt = (v: unknown, fallback: number): number =>
  typeof v === "number" && Number.isInteger(v) && v >= 1 ? v : fallback;

export const webclientSearch = (corpus: Corpus, body: unknown, config: WebclientConfig): Response => {
  if (!isObj(body)) return json({ statusCode: 400, message: "Bad Request" }, 400);
  const page = positiveInt(body.page, 1);
  const size = positiveInt(body.numHitsPerPage, 20);
  const q = facetQuery(body);
  const requested = typeof body.sortBy === "string" && (SORTS as readonly string[]).includes(body.sortBy);
  const sort: Sort = requested
    ? (body.sortBy as Sort)
    : parseTerms(q.text).length > 0
      ? "RELEVANCE"
      : "PUBLICATION_DATE_DESC";
  // Past the 1000-hit ceiling the web client's behaviour is unknown; we answer the totals with no hits.
  const pastCap = page * size > 1000;
  const outcome = runSearch(corpus, {
    ...q,
    sort,
    offset: (page - 1) * size,
    limit: pastCap ? 0 : size,
    tieSalt: config.tieOrder === "page" ? size * 1009 + page : size,
    facets: true,
  });
  return json({
    numHitsTotal: outcome.total,
    numHitsAccessible: Math.min(outcome.total, 1000),
    hits: outcome.hits.map((e) => webclientHit(corpus, e)),
    facets: outcome.facets,
  });
};

/** `search/suggest`: buyer and winner names containing the search string, counted over matching notices. */
export const webclientSuggest = (corpus: Corpus, body: unknown): Response => {
  const b = isObj(body) ? body : {};
  const needle = typeof b.searchString === "string" ? b.searchString.trim().toLowerCase() : "";
  const matched = matchAll(corpus, { ...facetQuery({ facets: b.facets }), text: undefined });
  const winners = new Map<string, { id: string; value: string; total: number }>();
  const buyers = new Map<string, { id: string; value: string; total: number }>();
  const bump = (map: typeof winners, id: string, name: string) => {
    if (needle && !name.toLowerCase().includes(needle)) return;
    const item = map.get(id) ?? { id, value: name, total: 0 };
    item.total += 1;
    map.set(id, item);
  };
  for (const { n } of matched) {
    for (const buyer of new Map(n.buyers.map((x) => [x.id, x])).values()) bump(buyers, buyer.id, buyer.name);
    for (const w of new Map(n.lots.flatMap((l) => l.winner).map((x) => [x.id, x])).values())
      bump(winners, w.id, w.name);
  }
  const top = (map: typeof winners) => ({
    items: [...map.values()].sort((a, b) => b.total - a.total).slice(0, 10),
  });
  return json({ winner: top(winners), buyer: top(buyers) });
};

export const webclientNotice = (corpus: Corpus, id: string): Response => {
  const entry = corpus.visible(id);
  // Unknown ids: the real body is unknown; an APIM-like 404 is the least surprising.
  if (!entry) return json({ statusCode: 404, message: "Notice not found" }, 404);
  return json(webclientDetail(corpus, entry));
};

export const webclientCpv = (): Response => json(cpvTreeNodes());
