import { type ChangeEvent, facetLabel, type Money, type NoticeHistory } from "@doffin/core";
import type { NoticeDetail } from "../services/notice-detail";
import { factList, note } from "./components";
import { type Html, html } from "./html";
import type { Speaker } from "./i18n";

/** The notice page's sections (buyers, lots, results, timeline), each from the detail as the API returns it. */

export const money = (s: Speaker, m: Money | null | undefined): string =>
  m ? s.money(m.amount, m.currency) : "";

const orgLink = (name: string, orgNumber: string | null): Html =>
  orgNumber
    ? html`<a href="/organizations/${orgNumber}">${name || orgNumber}</a> <span class="muted">(${orgNumber})</span>`
    : html`${name}`;

export function buyersSection(s: Speaker, n: NoticeDetail): Html {
  const fromXml = n.parties.filter((p) => p.role === "buyer");
  const buyers = n.buyers.length > 0 ? n.buyers : fromXml;
  return html`<section id="buyers" aria-labelledby="buyers-h"><h2 id="buyers-h">${s.t.buyers}</h2>
<ul>${buyers.map((b) => html`<li>${orgLink(b.name, b.orgNumber)}</li>`)}</ul>
</section>`;
}

export function lotsSection(s: Speaker, n: NoticeDetail): Html {
  const missing = n.unavailable.includes("eformsLots");
  const eforms = n.eformsLots.map(
    (l) => html`<li class="lot" data-lot="${l.id}"><h3>${l.id}${l.title ? html` · ${l.title}` : ""}</h3>
${l.description ? html`<p class="description">${l.description}</p>` : ""}
${factList([
  [s.t.facet.contract_nature ?? "", l.contractNature],
  [s.t.cpv, l.mainCpv ? `${l.mainCpv} ${facetLabel("cpv", l.mainCpv, s.lang)}` : null],
  [s.t.valueKind.estimated ?? "", money(s, l.estimatedValue)],
  [s.t.valueKind.frameworkMaximum ?? "", money(s, l.frameworkMaximumValue)],
  [s.t.deadline, l.submissionDeadline ? s.dateTime(l.submissionDeadline) : null],
])}
</li>`,
  );
  // Without XML the web client's lots (heading and winners) are all there is.
  const web = n.lots.map(
    (l) => html`<li class="lot"><h3>${l.heading ?? "–"}</h3>
${l.description ? html`<p class="description">${l.description}</p>` : ""}
${l.winners.length ? html`<p>${s.t.winners}: ${l.winners.map((w, i) => html`${i ? ", " : ""}${orgLink(w.name, w.orgNumber)}`)}</p>` : ""}
</li>`,
  );
  const items = eforms.length > 0 ? eforms : web;
  return html`<section id="lots" aria-labelledby="lots-h"><h2 id="lots-h">${s.t.lots}</h2>
${items.length ? html`<ol class="lots">${items}</ol>` : html`<p>${s.t.noLots}</p>`}
${missing ? note(s.t.contractDataMissing) : ""}
</section>`;
}

const VALUE_KINDS = ["estimated", "frameworkMaximum", "awarded"] as const;

export function resultsSection(s: Speaker, n: NoticeDetail): Html {
  const winners = n.parties.filter((p) => p.role === "winner");
  const names = winners.length > 0 ? [] : n.awardedNames;
  const lots = n.results?.lots ?? [];
  return html`<section id="results" aria-labelledby="results-h"><h2 id="results-h">${s.t.results}</h2>
<h3>${s.t.values}</h3>
<dl class="values">${VALUE_KINDS.map(
    (kind) =>
      html`<div data-kind="${kind}"><dt>${s.t.valueKind[kind]}</dt><dd>${money(s, n.values[kind]) || s.t.valueUnknown}</dd></div>`,
  )}</dl>
<h3>${s.t.winners}</h3>
${
  winners.length + names.length === 0
    ? html`<p>${s.t.noResultsYet}</p>`
    : html`<ul class="winners">${winners.map(
        (w) =>
          html`<li>${orgLink(w.name, w.orgNumber)}${w.lotIds.length ? html` <span class="muted">${w.lotIds.join(", ")}</span>` : ""}</li>`,
      )}${names.map((name) => html`<li>${name}</li>`)}</ul>`
}
${
  lots.length
    ? html`<table class="lot-results"><thead><tr><th>${s.t.lots}</th><th>${s.t.status}</th><th>${s.t.winners}</th><th class="num">${s.t.value}</th></tr></thead><tbody>${lots.map(
        (r) =>
          html`<tr><td>${r.lotId ?? r.id}</td><td>${r.outcome}</td><td>${r.winners.map((w) => w.name).join(", ")}</td><td class="num">${r.tenders
            .map((t) => money(s, t.value))
            .filter(Boolean)
            .join(", ")}</td></tr>`,
      )}</tbody></table>`
    : ""
}
</section>`;
}

const shown = (v: unknown): string => {
  if (v === null || v === undefined) return "–";
  if (typeof v === "string") return v.length > 160 ? `${v.slice(0, 157)}…` : v;
  const text = JSON.stringify(v);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
};

function eventItem(s: Speaker, e: ChangeEvent): Html {
  return html`<li class="event" data-kind="${e.kind}"><strong>${s.t.changeKind[e.kind] ?? e.kind}</strong>
<time datetime="${e.detectedAt}">${s.dateTime(e.detectedAt)}</time>
${e.changes.length ? html`<ul>${e.changes.map((c) => html`<li class="change">${c.field}: ${shown(c.before)} → ${shown(c.after)}</li>`)}</ul>` : ""}
</li>`;
}

/** What the tracker told us: its history, "not tracked" (404), or nothing (down). */
export type TimelineSource =
  | { kind: "history"; history: NoticeHistory }
  | { kind: "untracked" }
  | { kind: "unavailable" };

export function timelineSection(
  s: Speaker,
  n: NoticeDetail,
  source: TimelineSource,
  changes: Html | "" = "",
): Html {
  const events = source.kind === "history" ? [...source.history.events].reverse() : [];
  return html`<section id="timeline" aria-labelledby="timeline-h"><h2 id="timeline-h">${s.t.timeline}</h2>
${source.kind === "unavailable" ? note(s.t.timelineUnavailable) : ""}
${events.length ? html`<ol class="events">${events.map((e) => eventItem(s, e))}</ol>` : source.kind === "unavailable" ? "" : html`<p>${s.t.timelineEmpty}</p>`}
${
  n.timeline.length > 1
    ? html`<h3>${s.t.noticeVersions}</h3><ol class="versions">${n.timeline.map(
        (v) =>
          html`<li>${v.selected ? html`<strong>${v.id}</strong>` : html`<a href="/notices/${v.id}">${v.id}</a>`} ${v.publishedOn ? s.date(v.publishedOn) : ""} <span class="muted">${v.allTypes.map((t) => facetLabel("type", t, s.lang)).join(", ")}</span></li>`,
      )}</ol>`
    : ""
}
${changes}
</section>`;
}
