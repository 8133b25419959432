import type { JobDetail } from "@doffin/core";
import { bodyOf } from "../services/body";
import { getJobDetail } from "../services/jobs";
import { factList } from "./components";
import { deadlineBadge } from "./deadline";
import { html, raw } from "./html";
import { guarded, notFoundPage, type PageContext, sendPage } from "./page-context";

/**
 * `/jobs/{uuid}`: one NAV ad from the jobs service (GET /v1/jobs/{uuid}'s call). Its description is
 * core's sanitized HTML (an allow-list without styles, scripts or handlers), so it is embedded as is.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function jobPage(p: PageContext, uuid: string): Promise<Response> {
  const { s } = p;
  if (!UUID.test(uuid)) return notFoundPage(p);
  return guarded(p, s.t.jobsTitle, async () => {
    const result = await getJobDetail(p.call, uuid);
    const j = bodyOf<JobDetail>(result.entry);
    const place = j.locations
      .map((l) => [l.city ?? l.municipality, l.county].filter(Boolean).join(", "))
      .filter(Boolean)
      .join("; ");
    const content = html`<article class="job">
<h1>${j.title}</h1>
<p class="meta">${deadlineBadge(s, p.now, j.expires)} <span>${j.employer.name}</span></p>
${factList([
  [
    s.t.employer,
    j.employer.orgNumber
      ? html`<a href="/organizations/${j.employer.orgNumber}">${j.employer.name}</a>`
      : j.employer.name,
  ],
  [s.t.locations, place],
  [s.t.jobFacet.occupation ?? "", j.occupations.map((o) => o.level2 ?? o.level1).join(", ")],
  [s.t.jobFacet.sector ?? "", j.sector],
  [s.t.jobFacet.extent ?? "", j.extent],
  [s.t.jobFacet.engagement_type ?? "", j.engagementType],
  [s.t.positions, j.positionCount === null ? null : s.number(j.positionCount)],
  [s.t.published, j.published ? s.date(j.published) : null],
  [s.t.applicationDue, j.applicationDueDate ? s.date(j.applicationDueDate) : j.applicationDue],
])}
<p><a class="nav-link" href="${j.link}" rel="external">${s.t.navLink}</a></p>
<section id="description" aria-labelledby="description-h"><h2 id="description-h">${s.t.description}</h2>
<div class="description">${raw(j.descriptionHtml)}</div>
</section>
<section id="similar" aria-labelledby="similar-h"><h2 id="similar-h">${s.t.similar}</h2>
${
  j.similarJobs.length
    ? html`<ul>${j.similarJobs.map((o) => html`<li><a href="/jobs/${o.uuid}">${o.title}</a> <span class="muted">${o.employer.name}</span></li>`)}</ul>`
    : html`<p>${s.t.noSimilar}</p>`
}
</section>
</article>`;
    return sendPage(p, { title: j.title, content, source: result });
  });
}
