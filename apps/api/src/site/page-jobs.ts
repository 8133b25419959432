import {
  DEFAULT_JOB_LIMIT,
  type JobFacets,
  type JobSearchAnswer,
  type JobSummary,
  NAV_RESULT_WINDOW,
} from "@doffin/core";
import { ApiError } from "@doffin/http";
import { bodyOf } from "../services/body";
import { searchJobs, toJobSearchQuery } from "../services/jobs";
import { errorBox, type FacetOption, facetFieldset, facetOptions, pager, withParams } from "./components";
import { deadlineBadge } from "./deadline";
import { type Html, html } from "./html";
import { guarded, type PageContext, sendPage } from "./page-context";
import { apiQueryOf, listOf, searchForm } from "./search-form";

/**
 * `/jobs`: NAV job search, the same form and result structure as `/`, parsed with the job search
 * contract (GET /v1/jobs's own, so the URL is the API query). Facets are always asked for: the page
 * shows them (the API's default is without).
 */

/** Facet groups: the job search parameter and where its buckets are in JobFacets. */
export const JOB_FACETS = [
  ["county", "counties"],
  ["occupation", "occupations"],
  ["sector", "sector"],
  ["extent", "extent"],
  ["engagement_type", "engagementType"],
  ["remote", "remote"],
  ["published", "published"],
] as const satisfies readonly (readonly [string, keyof JobFacets])[];

const SORTS = ["relevant", "published", "expires"] as const;

function jobFilters(p: PageContext, params: URLSearchParams, facets: JobFacets | null): Html {
  const { s } = p;
  return html`${JOB_FACETS.map(([param, key]) => {
    const buckets = (facets?.[key] ?? []) as { value: string; count: number }[];
    const options: FacetOption[] = facetOptions(
      buckets.map((b) => ({ id: b.value, count: b.count })),
      listOf(params, param),
      (id) => id,
      s.number,
    );
    return facetFieldset(param, s.t.jobFacet[param] ?? param, options);
  })}`;
}

function jobItem(p: PageContext, j: JobSummary): Html {
  const { s } = p;
  const place = j.locations.map((l) => l.city ?? l.municipality ?? l.county).find(Boolean);
  return html`<li class="result">
<h2><a class="result-link" href="/jobs/${j.uuid}">${j.title}</a></h2>
<p class="meta">
${deadlineBadge(s, p.now, j.expires ?? (j.applicationDueDate ? `${j.applicationDueDate}T21:59:59Z` : null))}
<span>${s.t.employer}: ${j.employer.name}</span>
${place ? html`<span>${place}</span>` : ""}
${j.published ? html`<span>${s.t.published}: <time datetime="${j.published}">${s.date(j.published)}</time></span>` : ""}
${j.applicationDue ? html`<span>${s.t.applicationDue}: ${j.applicationDueDate ? s.date(j.applicationDueDate) : j.applicationDue}</span>` : ""}
</p>
</li>`;
}

export function jobsPage(p: PageContext): Promise<Response> {
  const { s } = p;
  const params = apiQueryOf(p.url);
  const form = (facets: JobFacets | null, results: Html) =>
    searchForm(p, {
      action: "/jobs",
      params,
      filters: jobFilters(p, params, facets),
      sorts: SORTS.map((o) => ({ value: o, label: s.t.jobSorts[o] ?? o })),
      defaultSort: "relevant",
      results,
    });
  return guarded(p, s.t.jobsTitle, async () => {
    let answer: JobSearchAnswer;
    let source: Awaited<ReturnType<typeof searchJobs>>;
    let limit = DEFAULT_JOB_LIMIT;
    let page = 1;
    try {
      const query = toJobSearchQuery(params);
      limit = query.limit;
      page = query.page ?? Math.floor((query.offset ?? 0) / query.limit) + 1;
      source = await searchJobs(p.call, { ...query, facets: true });
      answer = bodyOf<JobSearchAnswer>(source.entry);
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== "invalid_request") throw err;
      return sendPage(p, {
        status: 400,
        title: s.t.badQuery,
        content: html`<h1>${s.t.jobsTitle}</h1>${form(null, errorBox(s, err.message, err.issues ?? []))}`,
      });
    }
    const pages = Math.max(1, Math.ceil(Math.min(answer.total, NAV_RESULT_WINDOW) / limit));
    const results = html`<p id="result-count" aria-live="polite" data-total="${answer.total}">${s.t.resultCount(s.number(answer.jobs.length), s.number(answer.total))}</p>
<ol id="results" start="${(page - 1) * limit + 1}">
${answer.jobs.map((j) => jobItem(p, j))}</ol>
${answer.jobs.length === 0 ? html`<p>${s.t.noResults}</p>` : ""}
${pager(s, page, pages, (n) => withParams(params, { page: n === 1 ? null : String(n), offset: null }))}`;
    return sendPage(p, {
      title: s.t.jobsTitle,
      content: html`<h1>${s.t.jobsTitle}</h1>${form(answer.facets, results)}`,
      source,
    });
  });
}
