import type { EformSection } from "@doffin/core";
import type { NoticeDetail } from "../services/notice-detail";
import { factList } from "./components";
import { type Html, html } from "./html";
import type { Speaker } from "./i18n";

/**
 * The rest of what GET /v1/notices/{id} returns, so the page leaves no field out: other parties
 * (tenderers, review bodies), the change notice's reason, Doffin's change-notice chain, the eForm
 * section tree as Doffin shows it, and where each part came from.
 */

const partyList = (items: NoticeDetail["parties"]) =>
  html`<ul>${items.map(
    (p) =>
      html`<li>${p.orgNumber ? html`<a href="/organizations/${p.orgNumber}">${p.name || p.orgNumber}</a>` : p.name}${p.lotIds.length ? html` <span class="muted">${p.lotIds.join(", ")}</span>` : ""}</li>`,
  )}</ul>`;

export function partiesSection(s: Speaker, n: NoticeDetail): Html | "" {
  const tenderers = n.parties.filter((p) => p.role === "tenderer");
  const review = n.parties.filter((p) => p.role === "review_body");
  if (tenderers.length + review.length === 0) return "";
  return html`<section id="parties" aria-labelledby="parties-h"><h2 id="parties-h">${s.t.otherParties}</h2>
${tenderers.length ? html`<h3>${s.t.tenderers}</h3>${partyList(tenderers)}` : ""}
${review.length ? html`<h3>${s.t.reviewBodies}</h3>${partyList(review)}` : ""}
</section>`;
}

/** The eForms change notice (BT-140/141/758) and Doffin's chain of change notices. */
export function changeFacts(s: Speaker, n: NoticeDetail): Html | "" {
  const rows = factList([
    [
      s.t.changeReason,
      n.change ? [n.change.reasonCode, n.change.description].filter(Boolean).join(": ") : null,
    ],
    [s.t.changedNotice, n.change?.changedNoticeId],
    [s.t.changedSections, n.change?.sections.join(", ")],
  ]);
  const chain = n.changeNotices;
  if (!n.change && chain.length === 0) return "";
  return html`<h3>${s.t.changeNotices}</h3>${n.change ? rows : ""}${
    chain.length
      ? html`<ol class="change-notices">${chain.map(
          (c) =>
            html`<li>${c.selected ? html`<strong>${c.id}</strong>` : html`<a href="/notices/${c.id}">${c.id}</a>`} ${c.issuedAt ? s.dateTime(c.issuedAt) : ""}${c.eFormId ? html` <span class="muted">eForm ${c.eFormId}</span>` : ""}</li>`,
        )}</ol>`
      : ""
  }`;
}

const MAX_DEPTH = 8;

function sectionTree(nodes: readonly EformSection[], depth: number): Html | "" {
  if (nodes.length === 0 || depth > MAX_DEPTH) return "";
  return html`<ul>${nodes.map(
    (node) =>
      html`<li>${node.label ? html`<span class="label">${node.label}</span>` : ""}${node.label && node.value ? ": " : ""}${node.value ?? ""}${sectionTree(node.children, depth + 1)}</li>`,
  )}</ul>`;
}

/** The whole eForm as Doffin's web client shows it, folded away (it is long). */
export function eformSection(s: Speaker, n: NoticeDetail): Html | "" {
  if (n.sections.length === 0) return "";
  return html`<section id="eform" aria-labelledby="eform-h"><h2 id="eform-h">${s.t.eform}</h2>
<details><summary>${s.t.showEform}</summary><div class="eform-tree">${sectionTree(n.sections, 0)}</div></details>
</section>`;
}

/** Where each part came from and when (the detail's `dataSources`), and why contract data is missing. */
export function sourcesNote(s: Speaker, n: NoticeDetail): Html {
  return html`<p class="muted sources">${s.t.sources}: ${n.dataSources.map(
    (d, i) => html`${i ? "; " : ""}${d.source} (${s.dateTime(d.fetchedAt)})`,
  )}${n.unavailableReason ? html`. ${s.t.unavailableReason[n.unavailableReason] ?? n.unavailableReason}` : ""}</p>`;
}
