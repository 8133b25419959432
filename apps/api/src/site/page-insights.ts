import { Insights, InsightsQuery } from "@doffin/contracts/insights";
import { ErrorEnvelope, facetLabel, osloDayStart } from "@doffin/core";
import { ApiError } from "@doffin/http";
import { callSibling } from "../services/siblings";
import { barChart } from "./charts-svg";
import { errorBox, note } from "./components";
import { type Html, html } from "./html";
import type { Speaker } from "./i18n";
import { type PageContext, sendPage } from "./page-context";
import { apiQueryOf } from "./search-form";

/**
 * `/insights`: GET /v1/insights (the tracker's aggregation, through the service binding; `from`, `to`,
 * `type` passed on as given). Time series (weekly counts, monthly award values) are drawn by uPlot from
 * each figure's own table; categories (counties, CPV, buyers) are server-side SVG (charts-svg.ts says
 * why). Every chart keeps its figures in a `<table class="chart-data">` inside a `<details>`.
 */

const TYPES = ["PLANNING", "COMPETITION", "RESULT"] as const;

const epochSeconds = (day: string) => Math.round(osloDayStart(day) / 1000);

function figure(
  id: string,
  caption: string,
  chart: Html,
  table: Html,
  s: Speaker,
  plot?: "lines" | "bars",
): Html {
  return html`<figure class="chart" id="${id}"${plot ? html` data-plot="${plot}"` : ""} aria-labelledby="${id}-caption">
<figcaption id="${id}-caption">${caption}</figcaption>
${chart}
<details><summary>${s.t.showData}</summary>
${table}
</details>
</figure>`;
}

function charts(s: Speaker, d: Insights): Html {
  const typeName = { PLANNING: s.t.typePlanning, COMPETITION: s.t.typeCompetition, RESULT: s.t.typeResult };
  const weekly = html`<table class="chart-data"><thead><tr><th>${s.t.week}</th>${TYPES.map((t) => html`<th class="num">${typeName[t]}</th>`)}</tr></thead><tbody>${d.weekly.map(
    (w) =>
      html`<tr data-x="${epochSeconds(w.start)}"><th scope="row">${w.week} <span class="muted">(${s.date(w.start)})</span></th>${TYPES.map((t) => html`<td class="num" data-value="${w[t]}">${s.number(w[t])}</td>`)}</tr>`,
  )}</tbody></table>`;
  const rows = (items: readonly { key: Html | string; value: number }[], head: string) =>
    html`<table class="chart-data"><thead><tr><th>${head}</th><th class="num">${s.t.count}</th></tr></thead><tbody>${items.map(
      (i) =>
        html`<tr><th scope="row">${i.key}</th><td class="num" data-value="${i.value}">${s.number(i.value)}</td></tr>`,
    )}</tbody></table>`;
  const cpvLabel = (c: Insights["cpvDivisions"][number]) =>
    `${c.code} ${s.lang === "en" ? c.labelEn : c.label}`;
  const nok = d.awardValues.filter((a) => a.currency === "NOK");
  const awards = html`<table class="chart-data" data-series="1"><thead><tr><th>${s.t.month}</th><th class="num">${s.t.value}</th><th class="num">${s.t.count}</th></tr></thead><tbody>${d.awardValues.map(
    (a) =>
      html`<tr${a.currency === "NOK" ? html` data-x="${epochSeconds(`${a.month}-01`)}"` : ""}><th scope="row">${a.month}</th><td class="num"${a.currency === "NOK" ? html` data-value="${a.total}"` : ""}>${s.money(a.total, a.currency)}</td><td class="num">${s.number(a.count)}</td></tr>`,
  )}</tbody></table>`;
  return html`
${figure("chart-weekly", s.t.chartWeekly, html`<div class="plot"></div>`, weekly, s, "lines")}
${figure(
  "chart-counties",
  s.t.chartCounties,
  barChart(
    d.counties.map((c) => ({ label: c.name, value: c.count, shown: s.number(c.count) })),
    s.t.chartCounties,
  ),
  rows(
    d.counties.map((c) => ({ key: `${c.name} (${c.code})`, value: c.count })),
    s.t.name,
  ),
  s,
)}
${figure(
  "chart-cpv",
  s.t.chartCpv,
  barChart(
    d.cpvDivisions.map((c) => ({ label: cpvLabel(c), value: c.count, shown: s.number(c.count) })),
    s.t.chartCpv,
  ),
  rows(
    d.cpvDivisions.map((c) => ({ key: html`<a href="/?cpv=${c.code}*">${cpvLabel(c)}</a>`, value: c.count })),
    s.t.code,
  ),
  s,
)}
${figure(
  "chart-buyers",
  s.t.chartBuyers,
  barChart(
    d.buyers.map((b) => ({ label: b.name, value: b.count, shown: s.number(b.count) })),
    s.t.chartBuyers,
  ),
  rows(
    d.buyers.map((b) => ({
      key: html`<a href="/organizations/${b.orgNumber}">${b.name}</a>`,
      value: b.count,
    })),
    s.t.buyer,
  ),
  s,
)}
${figure("chart-awards", s.t.chartAwards, nok.length ? html`<div class="plot"></div>` : html`<p class="muted">–</p>`, awards, s, "bars")}`;
}

/** The period and type, a GET to the page itself (its query is GET /v1/insights's). */
function periodForm(s: Speaker, params: URLSearchParams): Html {
  const type = params.get("type") ?? "";
  return html`<form id="insights-form" action="/insights" method="get" class="period" aria-label="${s.t.insightsForm}">
<div class="field"><label for="from">${s.t.publishedFrom}</label><input type="date" id="from" name="from" value="${params.get("from") ?? ""}"></div>
<div class="field"><label for="to">${s.t.publishedTo}</label><input type="date" id="to" name="to" value="${params.get("to") ?? ""}"></div>
<div class="field"><label for="type">${s.t.type}</label><select id="type" name="type">
<option value=""${type ? "" : html` selected`}>${s.t.allTypes}</option>
${TYPES.map((t) => html`<option value="${t}"${t === type ? html` selected` : ""}>${facetLabel("type", t, s.lang)}</option>`)}
</select></div>
<button type="submit">${s.t.showButton}</button>
</form>`;
}

export async function insightsPage(p: PageContext): Promise<Response> {
  const { s } = p;
  const params = apiQueryOf(p.url);
  const title = s.t.insightsTitle;
  const page = (status: 200 | 400 | 503, body: Html) =>
    sendPage(p, {
      status,
      title,
      content: html`<h1>${title}</h1>${periodForm(s, params)}${body}`,
      extra: ["uplot.css", "uplot.js", "charts.js"],
    });
  // The contract's own check first, so a bad window is the page's 400 with the same issues as the API's.
  // Repeats stay arrays, so the contract's `once` reports them instead of one silently winning.
  const raw: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const all = params.getAll(name);
    raw[name] = all.length === 1 ? (all[0] as string) : all;
  }
  const query = InsightsQuery.safeParse(raw);
  if (!query.success)
    return page(
      400,
      errorBox(
        s,
        "The insights query is not valid; see issues.",
        query.error.issues.map((i) => ({ path: String(i.path[0] ?? "(query)"), message: i.message })),
      ),
    );
  try {
    const res = await callSibling(p.call, "TRACKER", `/v1/insights${params.size ? `?${params}` : ""}`);
    // The tracker re-checks the window after filling in its defaults: its 400 is the reader's to fix.
    const refused = res.status === 400 ? ErrorEnvelope.safeParse(res.body) : null;
    if (refused?.success)
      return page(400, errorBox(s, refused.data.error.message, refused.data.error.issues ?? []));
    const parsed = res.status === 200 ? Insights.safeParse(res.body) : null;
    if (!parsed?.success) throw new ApiError("upstream_unavailable", "unusable insights answer");
    const d = parsed.data;
    return page(200, html`<p>${s.t.insightsPeriod(s.date(d.from), s.date(d.to))}</p>${charts(s, d)}`);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    console.warn(JSON.stringify({ msg: "insights unavailable", error: err.message }));
    return page(503, note(s.t.insightsUnavailable));
  }
}
