import { facetLabel, NoticeHistory, OCDS_PLACEHOLDER_PREFIX } from "@doffin/core";
import { getNoticeDetail, type NoticeDetail } from "../services/notice-detail";
import { callSibling } from "../services/siblings";
import { factList } from "./components";
import { deadlineBadge } from "./deadline";
import { html } from "./html";
import { changeFacts, eformSection, partiesSection, sourcesNote } from "./notice-extras";
import {
  buyersSection,
  lotsSection,
  money,
  resultsSection,
  type TimelineSource,
  timelineSection,
} from "./notice-sections";
import { guarded, notFoundPage, type PageContext, sendPage } from "./page-context";

/**
 * `/notices/{id}`: every normalized field of GET /v1/notices/{id} (the same service call), the tracker's
 * change history through the service binding (missing → the page without it, and a note), and the OCDS
 * record link when the tracker has that record.
 */

async function timelineOf(p: PageContext, id: string): Promise<TimelineSource> {
  try {
    const res = await callSibling(p.call, "TRACKER", `/v1/notices/${id}/history`);
    if (res.status === 404) return { kind: "untracked" };
    const history = res.status === 200 ? NoticeHistory.safeParse(res.body) : null;
    return history?.success ? { kind: "history", history: history.data } : { kind: "unavailable" };
  } catch {
    return { kind: "unavailable" };
  }
}

/**
 * The ocid the tracker files the notice's process under (core's rule: prefix + procedure id, else the
 * notice's own id), if it has that record. The tracker uses the placeholder prefix until one is registered.
 */
async function ocdsRecordOf(p: PageContext, n: NoticeDetail): Promise<string | null> {
  const candidates = [
    ...new Set([n.procedureId, n.id].filter(Boolean).map((x) => `${OCDS_PLACEHOLDER_PREFIX}-${x}`)),
  ];
  for (const ocid of candidates) {
    try {
      const res = await callSibling(p.call, "TRACKER", `/ocds/records/${encodeURIComponent(ocid)}`);
      if (res.status === 200 && typeof res.body === "object" && res.body && "records" in res.body)
        return ocid;
    } catch {
      return null;
    }
  }
  return null;
}

export function noticePage(p: PageContext, id: string): Promise<Response> {
  const { s } = p;
  if (!/^\d{4}-\d{6}$/.test(id)) return notFoundPage(p, "(2026-107918)");
  return guarded(p, id, async () => {
    const { result, value: n } = await getNoticeDetail(p.call, id);
    const [timeline, ocid] = await Promise.all([timelineOf(p, id), ocdsRecordOf(p, n)]);
    const cpv = n.cpv.direct.length ? n.cpv.direct : (n.cpvCodes ?? []);
    const facts = factList([
      [s.t.noticeId, n.id],
      [s.t.procedureId, n.procedureId],
      [s.t.eFormId, n.eFormId],
      [
        s.t.type,
        n.allTypes.map((t) => facetLabel("type", t, s.lang)).join(", ") || facetLabel("type", n.type, s.lang),
      ],
      [s.t.status, n.status ? facetLabel("status", n.status, s.lang) : null],
      [s.t.published, n.publishedOn ? s.date(n.publishedOn) : null],
      [s.t.issuedAt, n.issuedAt ? s.dateTime(n.issuedAt) : null],
      [
        s.t.deadline,
        n.deadline ? html`${s.dateTime(n.deadline)} ${deadlineBadge(s, p.now, n.deadline)}` : null,
      ],
      [s.t.valueKind.estimated ?? "", money(s, n.estimatedValue)],
      [
        s.t.cpv,
        cpv.length
          ? html`<ul>${cpv.map((c) => html`<li>${c} ${facetLabel("cpv", c, s.lang)}</li>`)}</ul>`
          : null,
      ],
      [
        s.t.locations,
        (n.placeOfPerformance.length
          ? n.placeOfPerformance
          : n.locations.map((l) => facetLabel("location", l, s.lang))
        ).join(", "),
      ],
      [s.t.receivedTenders, n.receivedTenders === null ? null : s.number(n.receivedTenders)],
      [s.t.mainActivity, n.mainActivity],
      [
        s.t.strategicLabels,
        n.strategicLabels.map((l) => facetLabel("strategic_label", l, s.lang)).join(", "),
      ],
      [s.t.sentToTed, n.sentToTed === null ? null : n.sentToTed ? s.t.yes : s.t.no],
      [s.t.tedId, n.tedId],
    ]);
    const content = html`<article class="notice">
<h1>${n.heading}</h1>
<p class="meta">${deadlineBadge(s, p.now, n.deadline)} <span>${facetLabel("type", n.type, s.lang)}</span></p>
${n.description ? html`<p class="description">${n.description}</p>` : ""}
<section id="facts" aria-labelledby="facts-h"><h2 id="facts-h">${s.t.facts}</h2>${facts}</section>
<section id="links" aria-labelledby="links-h"><h2 id="links-h">${s.t.links}</h2><ul>
<li><a class="doffin-link" href="${n.url}" rel="external">${s.t.doffinLink}</a></li>
${n.competitionDocsUrl ? html`<li><a class="documents-link" href="${n.competitionDocsUrl}" rel="external">${s.t.documentsLink}</a></li>` : ""}
${n.regulationUrl ? html`<li><a class="regulation-link" href="${n.regulationUrl}" rel="external">${s.t.regulationLink}</a></li>` : ""}
${ocid ? html`<li><a class="ocds-link" href="/ocds/records/${encodeURIComponent(ocid)}">${s.t.ocdsLink}</a></li>` : ""}
<li><a class="api-link" href="/v1/notices/${n.id}">JSON</a></li>
</ul></section>
${buyersSection(s, n)}
${lotsSection(s, n)}
${resultsSection(s, n)}
${partiesSection(s, n)}
${timelineSection(s, n, timeline, changeFacts(s, n))}
${eformSection(s, n)}
${sourcesNote(s, n)}
</article>`;
    return sendPage(p, { title: n.heading, content, source: result });
  });
}
