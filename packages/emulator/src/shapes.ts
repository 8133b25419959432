/**
 * The three upstream shapes derived from one master record, key-for-key as the real captures
 * (fixtures/doffin): the web client hit, the web client detail and the Public API hit.
 */
import { cpvAncestors } from "./codelists";
import type { Corpus, Entry } from "./corpus";
import { buildEform } from "./eform";
import { truthIn } from "./eforms/truth";

/** The keys both search hits share, in the order both surfaces serve them. */
const hitHead = (corpus: Corpus, e: Entry) => {
  const n = e.n;
  return {
    id: n.id,
    buyer: n.buyers.map((b) => ({ id: b.id, organizationId: b.organizationId, name: b.name })),
    heading: n.heading,
    description: n.description,
    locationId: n.locationIds,
    estimatedValue: n.estimatedValue,
    type: n.type,
    allTypes: n.allTypes,
    status: corpus.status(e),
    issueDate: n.issueDate,
    deadline: n.deadline,
  };
};

export const webclientHit = (corpus: Corpus, e: Entry) => ({
  ...hitHead(corpus, e),
  sentToTed: e.n.sentToTed,
  publicationDate: e.n.publicationDate,
  placeOfPerformance: e.n.placeOfPerformance,
  procurementStrategicLabels: e.n.strategicLabels,
});

/** Exactly the 18 keys of doffin-upstream.md §1.5. */
export const publicHit = (corpus: Corpus, e: Entry) => ({
  ...hitHead(corpus, e),
  publicationDate: e.n.publicationDate,
  receivedTenders: e.n.receivedTenders,
  allReceivedTenders: e.n.allReceivedTenders,
  cpvCodes: e.n.cpvCodes,
  limitedDataFlag: null,
  doffinClassicUrl: null,
  lots: e.n.lots.map((l) => ({
    heading: l.heading,
    description: l.description,
    winner: l.winner.map((w) => ({ id: w.id, organizationId: w.organizationId, name: w.name })),
  })),
});

/** `{uuid}-{version}` of the superseded notice, as `changeNotices[].changedNoticeId` shows it. */
const changedId = (corpus: Corpus, correctsId: string | null): string | null =>
  correctsId ? `${corpus.record(correctsId)?.n.eFormId ?? correctsId}-01` : null;

/** Direct codes first, then every ancestor not chosen directly (`parentCpvCodes`). */
export const cpvSplit = (direct: string[]): { all: string[]; parents: string[] } => {
  const chosen = new Set(direct);
  const parents: string[] = [];
  for (const code of direct) {
    for (const a of cpvAncestors(code)) {
      if (!chosen.has(a) && !parents.includes(a)) parents.push(a);
    }
  }
  // The capture lists parents in ascending code order (45212000, 45212200, 45212220, 45214000).
  parents.sort();
  return { all: [...direct, ...parents], parents };
};

export const webclientDetail = (corpus: Corpus, e: Entry) => {
  const n = e.n;
  const status = corpus.status(e);
  const { all, parents } = cpvSplit(n.cpvDirect);
  const chain = corpus.chain(n.id);
  const awardedNames = [...new Set(n.lots.flatMap((l) => l.winner.map((w) => w.name)))];
  return {
    id: n.id,
    eFormId: n.eFormId,
    procedureId: n.procedureId,
    heading: n.heading,
    description: n.description,
    // The detail's buyer `id` is the org number; there is no organizationId key (unlike search hits).
    buyer: n.buyers.map((b) => ({ id: b.organizationId, name: b.name })),
    locationId: n.locationIds,
    placeOfPerformance: n.placeOfPerformance,
    issueDate: n.issueDate,
    deadline: n.deadline,
    qualificationDeadline: null,
    noticeType: n.type,
    allTypes: n.allTypes,
    allCpvCodes: all,
    directCpvCodes: n.cpvDirect,
    parentCpvCodes: parents,
    noticeStatus: status,
    allReceivedTenders: n.allReceivedTenders,
    preferredPublicationDateTed: null,
    plannedDateTed: null,
    competitionDocsUrl: n.competitionDocsUrl,
    sentToTed: n.sentToTed,
    regulationUrl: n.regulationUrl,
    core: { estimatedValue: n.estimatedValue, mainActivity: n.mainActivity },
    eform: n.eformOverride ?? buildEform(n, truthIn(corpus, n)),
    awardedNames,
    changeNotices:
      chain.length > 1
        ? chain.map((c) => ({
            id: c.n.id,
            changedNoticeId: changedId(corpus, c.n.correctsId),
            issueDate: c.n.issueDate,
            selectedNotice: c.n.id === n.id,
            eformId: c.n.eFormId,
          }))
        : [],
    limitedDataFlag: false,
    publicationDate: n.publicationDate,
    tedId: n.tedId,
    procurementTimeline: corpus.procedure(n.procedureId).map((p) => ({
      id: p.n.id,
      allType: p.n.allTypes,
      publicationDate: p.n.publicationDate,
      selectedNotice: p.n.id === n.id,
    })),
    procurementStrategicLabels: n.strategicLabels,
  };
};
