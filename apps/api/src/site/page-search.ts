import {
  ACCESSIBLE_HITS_CAP,
  type ErrorIssue,
  type FacetName,
  facetLabel,
  type NoticeSummary,
  parseSearchQuery,
  type SearchQuery,
  SORT_ORDERS,
} from "@doffin/core";
import { ApiError } from "@doffin/http";
import type { CacheResult } from "../cache";
import { bodyOf } from "../services/body";
import { type SearchAnswer, searchNotices } from "../services/search";
import { errorBox, facetFieldset, facetOptions, pager, withParams } from "./components";
import { cpvPicker } from "./cpv-picker";
import { deadlineBadge } from "./deadline";
import { type Html, html } from "./html";
import { guarded, type PageContext, sendPage } from "./page-context";
import { apiQueryOf, listOf, searchForm } from "./search-form";

/**
 * `/`: the notice search. The query string IS the API's query (GET /v1/notices): it is parsed with
 * core's `parseSearchQuery`, the same contract, so a shared URL means the same search on both. Two
 * things are dropped first (`apiQueryOf`), because a browser adds them and the API would call them
 * unknown: `lang` (the page's language) and empty fields (a submitted form sends `q=&sort=`).
 */

/** Facet groups in the order the form shows them (the API's parameter names). */
export const SEARCH_FACETS = ["type", "status", "location", "cpv", "contract_nature"] as const;

/** CPV suggestions in an issue's message (`nearest: 72212000 (…)`, `did you mean 72*`) as link values. */
const suggestedCodes = (issues: readonly ErrorIssue[]): string[] =>
  [
    ...new Set(
      issues.filter((i) => i.path === "cpv").flatMap((i) => i.message.match(/\b\d{8}\b|\b\d{2,7}\*/g) ?? []),
    ),
  ].slice(0, 6);

function noticeForm(
  p: PageContext,
  params: URLSearchParams,
  facets: SearchAnswer["facets"] | null,
  results: Html,
): Html {
  const { s } = p;
  const labelOf = (name: FacetName) => (id: string) => facetLabel(name, id, s.lang);
  const filters = html`${SEARCH_FACETS.map((name) =>
    facetFieldset(
      name,
      s.t.facet[name] ?? name,
      facetOptions(facets?.[name] ?? [], listOf(params, name), labelOf(name), s.number),
    ),
  )}
${cpvPicker(
  p,
  listOf(params, "cpv").filter((v) => !(facets?.cpv ?? []).some((i) => i.id === v)),
)}
<div class="field"><label for="published_from">${s.t.publishedFrom}</label>
<input type="date" id="published_from" name="published_from" value="${params.get("published_from") ?? ""}"></div>
<div class="field"><label for="published_to">${s.t.publishedTo}</label>
<input type="date" id="published_to" name="published_to" value="${params.get("published_to") ?? ""}"></div>`;
  return searchForm(p, {
    action: "/",
    params,
    filters,
    sorts: SORT_ORDERS.map((o) => ({ value: o, label: s.t.sorts[o] ?? o })),
    defaultSort: "relevance",
    results,
  });
}

function resultItem(p: PageContext, n: NoticeSummary): Html {
  const { s } = p;
  const buyer = n.buyers[0];
  return html`<li class="result">
<h2><a class="result-link" href="/notices/${n.id}">${n.heading}</a></h2>
<p class="meta">
${deadlineBadge(s, p.now, n.deadline)}
<span>${facetLabel("type", n.type, s.lang)}</span>
${buyer ? html`<span>${s.t.buyer}: ${buyer.orgNumber ? html`<a href="/organizations/${buyer.orgNumber}">${buyer.name}</a>` : buyer.name}</span>` : ""}
${n.publishedOn ? html`<span>${s.t.published}: <time datetime="${n.publishedOn}">${s.date(n.publishedOn)}</time></span>` : ""}
${n.deadline ? html`<span>${s.t.deadline}: <time datetime="${n.deadline}">${s.dateTime(n.deadline)}</time></span>` : ""}
</p>
</li>`;
}

function resultsBlock(p: PageContext, params: URLSearchParams, query: SearchQuery, body: SearchAnswer): Html {
  const { s } = p;
  const accessible = Math.min(body.total, ACCESSIBLE_HITS_CAP);
  const pages = Math.max(1, Math.ceil(accessible / query.limit));
  const hints = body.hints;
  return html`<p id="result-count" aria-live="polite" data-total="${body.total}">${s.t.resultCount(s.number(body.items.length), s.number(body.total))}</p>
${body.total > ACCESSIBLE_HITS_CAP ? html`<p class="muted">${s.t.accessibleNote(s.number(ACCESSIBLE_HITS_CAP))}</p>` : ""}
${
  hints && hints.cpv.length > 0
    ? html`<div class="did-you-mean"><p>${s.t.didYouMean}:</p><ul>${hints.cpv.map(
        (h) =>
          html`<li><a href="${withParams(params, { q: null, page: null, cpv: h.code })}">${h.code}</a> ${h.label}</li>`,
      )}</ul><p class="muted">${s.t.hintNote}</p></div>`
    : ""
}
<ol id="results" start="${(query.page - 1) * query.limit + 1}">
${body.items.map((n) => resultItem(p, n))}</ol>
${body.items.length === 0 ? html`<p>${s.t.noResults}</p>` : ""}
${pager(s, query.page, pages, (page) => withParams(params, { page: page === 1 ? null : String(page) }))}`;
}

/** The search page, or the 400 page with the contract's message and issues (and the CPV suggestions). */
export function searchPage(p: PageContext): Promise<Response> {
  const { s } = p;
  const params = apiQueryOf(p.url);
  const badPage = (message: string, issues: readonly ErrorIssue[]) => {
    const codes = suggestedCodes(issues);
    const suggestions = codes.length
      ? html`<div class="did-you-mean"><p>${s.t.didYouMean}:</p><ul>${codes.map(
          (code) => html`<li><a href="${withParams(params, { cpv: code, page: null })}">${code}</a></li>`,
        )}</ul></div>`
      : "";
    return sendPage(p, {
      status: 400,
      title: s.t.badQuery,
      content: html`<h1>${s.t.searchTitle}</h1>${noticeForm(p, params, null, html`${errorBox(s, message, issues)}${suggestions}`)}`,
    });
  };
  return guarded(p, s.t.searchTitle, async () => {
    const parsed = parseSearchQuery(params);
    if (!parsed.ok) return badPage("The search query is not valid; see issues.", parsed.issues);
    let result: CacheResult;
    try {
      result = await searchNotices(p.call, parsed.query);
    } catch (err) {
      if (err instanceof ApiError && err.code === "invalid_request")
        return badPage(err.message, err.issues ?? []);
      throw err;
    }
    const body = bodyOf<SearchAnswer>(result.entry);
    return sendPage(p, {
      title: params.get("q") ? `${params.get("q")} – ${s.t.searchTitle}` : s.t.searchTitle,
      content: html`<h1>${s.t.searchTitle}</h1>${noticeForm(p, params, body.facets, resultsBlock(p, params, parsed.query, body))}`,
      source: result,
      extra: ["cpv-picker.js"],
    });
  });
}
