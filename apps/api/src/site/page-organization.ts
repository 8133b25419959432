import { OrganizationProfile } from "@doffin/contracts/organizations";
import { facetLabel } from "@doffin/core";
import { ApiError } from "@doffin/http";
import { callSibling } from "../services/siblings";
import { factList, note } from "./components";
import { html } from "./html";
import { money } from "./notice-sections";
import { guarded, notFoundPage, type PageContext, sendPage } from "./page-context";

/**
 * `/organizations/{orgNumber}`: the tracker's profile (GET /v1/organizations/{orgNumber} through the
 * service binding): notices by year as buyer, awards won as supplier. Unknown numbers are a 404 page;
 * a tracker that is down is the 503 page, never a 500.
 */

export function organizationPage(p: PageContext, orgNumber: string): Promise<Response> {
  const { s } = p;
  if (!/^\d{9}$/.test(orgNumber)) return notFoundPage(p, `(${s.t.orgNumber} 974760673)`);
  return guarded(p, s.t.orgNumber, async () => {
    const res = await callSibling(p.call, "TRACKER", `/v1/organizations/${orgNumber}`);
    if (res.status === 404 || res.status === 400) return notFoundPage(p);
    const parsed = res.status === 200 ? OrganizationProfile.safeParse(res.body) : null;
    if (!parsed?.success) throw new ApiError("upstream_unavailable", s.t.orgUnavailable);
    const o = parsed.data;
    const years = o.asBuyer.byYear;
    const awards = o.asSupplier.awards;
    const content = html`<h1>${o.name}</h1>
${factList([
  [s.t.orgNumber, o.orgNumber],
  [s.t.otherNames, o.otherNames.join(", ")],
])}
<section id="as-buyer" aria-labelledby="as-buyer-h"><h2 id="as-buyer-h">${s.t.asBuyer}</h2>
<p>${s.t.noticesPublished}: <strong>${s.number(o.asBuyer.noticesPublished)}</strong></p>
${
  years.length
    ? html`<table class="by-year"><caption>${s.t.byYear}</caption><thead><tr><th>${s.t.year}</th><th class="num">${s.t.total}</th><th>${s.t.type}</th></tr></thead><tbody>${years.map(
        (y) =>
          html`<tr><td>${y.year}</td><td class="num">${s.number(y.total)}</td><td>${y.byType.map((t) => `${facetLabel("type", t.type, s.lang)}: ${s.number(t.count)}`).join(", ")}</td></tr>`,
      )}</tbody></table>`
    : ""
}
${note(s.t.topCpvNote)}
</section>
<section id="as-supplier" aria-labelledby="as-supplier-h"><h2 id="as-supplier-h">${s.t.asSupplier}</h2>
<p>${s.t.awardsWon}: <strong>${s.number(o.asSupplier.awardsWon)}</strong></p>
${
  awards.length
    ? html`<table class="awards"><thead><tr><th>${s.t.award}</th><th>${s.t.buyer}</th><th class="num">${s.t.value}</th><th>${s.t.date}</th></tr></thead><tbody>${awards.map(
        (a) =>
          html`<tr><td><a href="/notices/${a.noticeId}">${a.noticeId}</a>${a.lotTitle ? html` · ${a.lotTitle}` : ""}</td><td>${a.buyer ? (a.buyer.orgNumber ? html`<a href="/organizations/${a.buyer.orgNumber}">${a.buyer.name}</a>` : a.buyer.name) : "–"}</td><td class="num" data-kind="awarded">${money(s, a.value) || s.t.valueUnknown}</td><td>${a.date ? s.date(a.date) : "–"}</td></tr>`,
      )}</tbody></table>`
    : ""
}
</section>`;
    return sendPage(p, { title: o.name, content });
  });
}
