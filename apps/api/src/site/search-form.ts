import { type Html, html } from "./html";
import type { PageContext } from "./page-context";

/**
 * The search form both search pages share (`/` and `/jobs`): free text, the page's filters, sort, submit,
 * and the results beside them. A GET to the page itself, so its URL is the API query (shareable).
 */
export function searchForm(
  p: PageContext,
  opts: {
    action: "/" | "/jobs";
    params: URLSearchParams;
    filters: Html;
    sorts: readonly { value: string; label: string }[];
    defaultSort: string;
    results: Html;
  },
): Html {
  const { s } = p;
  const { params } = opts;
  const sort = params.get("sort") ?? opts.defaultSort;
  return html`<form role="search" id="search-form" action="${opts.action}" method="get" class="search-layout">
<div class="search-bar">
<label class="visually-hidden" for="q">${s.t.searchLabel}</label>
<input type="search" name="q" id="q" value="${params.get("q") ?? ""}" placeholder="${s.t.searchLabel}">
<button type="submit">${s.t.searchButton}</button>
</div>
<div class="filters" role="group" aria-label="${s.t.filters}">
${opts.filters}
<div class="field"><label for="sort">${s.t.sort}</label>
<select id="sort" name="sort">${opts.sorts.map(
    (o) => html`<option value="${o.value}"${o.value === sort ? html` selected` : ""}>${o.label}</option>`,
  )}</select></div>
${params.get("limit") ? html`<input type="hidden" name="limit" value="${params.get("limit")}">` : ""}
<button type="submit">${s.t.searchButton}</button>
</div>
<div class="hits">
${opts.results}
</div>
</form>`;
}

/** The page's own query: the URL's, minus `lang` (the page's language) and empty values (untouched inputs). */
export function apiQueryOf(url: URL): URLSearchParams {
  const out = new URLSearchParams();
  for (const [name, value] of url.searchParams)
    if (name !== "lang" && value.trim() !== "") out.append(name, value);
  return out;
}

/** Comma lists and repeats as the contracts read them, for re-checking the chosen boxes. */
export const listOf = (params: URLSearchParams, name: string): string[] =>
  params.getAll(name).flatMap((v) =>
    v
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );
