import type { ErrorIssue } from "@doffin/core";
import { type Html, html } from "./html";
import type { Speaker } from "./i18n";

/** Pieces several pages share: facet groups, the pager, the error box, definition lists. */

/** `count` is formatted for the page's language; null for a chosen value the facet does not list. */
export type FacetOption = { value: string; label: string; count: string | null; checked: boolean };

/**
 * One facet group: `<fieldset class="facet" data-facet>` of checkboxes named like the API parameter, so
 * submitting the form without JS is the API query itself.
 */
export function facetFieldset(param: string, legend: string, options: readonly FacetOption[]): Html | "" {
  if (options.length === 0) return "";
  return html`<fieldset class="facet" data-facet="${param}">
<legend>${legend}</legend>
${options.map(
  (o) =>
    html`<label><input type="checkbox" name="${param}" value="${o.value}"${o.checked ? html` checked` : ""}> <span class="label">${o.label}</span> <span class="count">${o.count === null ? "–" : o.count}</span></label>\n`,
)}</fieldset>
`;
}

/** Facet options: the top `max` by count, plus every chosen value (listed or not) so none is lost. */
export function facetOptions(
  items: readonly { id: string; count: number }[],
  chosen: readonly string[] | undefined,
  labelOf: (id: string) => string,
  format: (n: number) => string,
  max = 15,
): FacetOption[] {
  const picked = new Set(chosen ?? []);
  const sorted = [...items].sort((a, b) => b.count - a.count);
  const shown = sorted.filter((item, i) => i < max || picked.has(item.id));
  const listed = new Set(shown.map((i) => i.id));
  return [
    ...shown.map((i) => ({
      value: i.id,
      label: labelOf(i.id),
      count: format(i.count),
      checked: picked.has(i.id),
    })),
    ...[...picked]
      .filter((v) => !listed.has(v))
      .map((v) => ({ value: v, label: labelOf(v), count: null, checked: true })),
  ];
}

/** `<div class="error" role="alert">` with the envelope's message and each issue (suggestions included). */
export function errorBox(s: Speaker, message: string, issues: readonly ErrorIssue[] = []): Html {
  return html`<div class="error" role="alert">
<p><strong>${s.t.badQuery}.</strong> ${message}</p>
${issues.length > 0 ? html`<p>${s.t.fixAndRetry}</p><ul class="issues">${issues.map((i) => html`<li><code>${i.path}</code>: ${i.message}</li>`)}</ul>` : ""}
</div>`;
}

/** A plain note (something optional could not be shown), announced politely. */
export const note = (text: string): Html => html`<p class="note" role="status">${text}</p>`;

/** `<nav class="pager">` with rel=prev/next links built by `hrefOf(page)`. */
export function pager(s: Speaker, page: number, pages: number, hrefOf: (page: number) => string): Html | "" {
  if (pages <= 1) return "";
  return html`<nav class="pager" aria-label="${s.t.pagerLabel}">
${page > 1 ? html`<a rel="prev" href="${hrefOf(page - 1)}">← ${s.t.prev}</a>` : ""}
<span>${s.t.pageOf(s.number(page), s.number(pages))}</span>
${page < pages ? html`<a rel="next" href="${hrefOf(page + 1)}">${s.t.next} →</a>` : ""}
</nav>`;
}

/** A query string from a base query with some names replaced (null drops a name). */
export function withParams(base: URLSearchParams, set: Record<string, string | null>): string {
  const next = new URLSearchParams(base);
  for (const [name, value] of Object.entries(set)) {
    next.delete(name);
    if (value !== null) next.set(name, value);
  }
  const qs = next.toString();
  return qs ? `?${qs}` : "?";
}

/** `<dl>` of the rows that have a value (unknown facts are left out, not shown as blanks). */
export function factList(rows: readonly [string, Html | string | null | undefined][], cls = "facts"): Html {
  return html`<dl class="${cls}">${rows
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}
