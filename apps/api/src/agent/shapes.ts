import { Notice, type NoticeSummary } from "@doffin/core";

/**
 * Reshaping of the REST answers into what each tool family returns. Pure functions over the public
 * domain model, so they are easy to test and the REST routes stay the only source of data.
 */

export type Detail = "summary" | "full";

export const NOTICE_FIELDS = Notice.keyof().options;
export const SUMMARY_FIELDS = NOTICE_FIELDS.filter(
  (f) =>
    ![
      "procedureId",
      "eFormId",
      "cpv",
      "competitionDocsUrl",
      "awardedNames",
      "changeNotices",
      "timeline",
      "tedId",
      "regulationUrl",
      "mainActivity",
      "sections",
    ].includes(f),
);

const SHORT_TEXT = 280;
const shorten = (s: string | null | undefined, n = SHORT_TEXT): string | null =>
  s == null ? null : s.length > n ? `${s.slice(0, n)}…` : s;

/** The compact view of a search hit: enough to decide whether to open it. */
export function summarizeHit(n: NoticeSummary): Record<string, unknown> {
  return {
    id: n.id,
    heading: n.heading,
    description: shorten(n.description),
    type: n.type,
    status: n.status,
    buyers: n.buyers.map((b) => b.name),
    locations: n.locations,
    publishedOn: n.publishedOn,
    deadline: n.deadline,
    estimatedValue: n.estimatedValue,
    url: n.url,
  };
}

/** The compact view of a full notice: the summary plus CPV codes and the competition documents link. */
export function summarizeNotice(n: Notice): Record<string, unknown> {
  return {
    ...summarizeHit(n),
    description: shorten(n.description, 1500),
    cpvCodes: n.cpv.direct,
    competitionDocsUrl: n.competitionDocsUrl,
    awardedNames: n.awardedNames,
    lots: n.lots.slice(0, 10).map((l) => ({ heading: l.heading, winners: l.winners.map((w) => w.name) })),
  };
}

/**
 * A search hit in the shape of Doffin's web-client search API, which Parse.bot's `search_tenders`
 * passes through (`buyer[]`, `locationId[]`, `issueDate`, `publicationDate`, ...).
 */
export function toDoffinHit(n: NoticeSummary): Record<string, unknown> {
  return {
    id: n.id,
    buyer: n.buyers.map((b) => ({
      id: b.orgNumber ?? b.rawOrganizationId,
      organizationId: b.rawOrganizationId,
      name: b.name,
    })),
    heading: n.heading,
    description: n.description,
    locationId: n.locations,
    estimatedValue: n.estimatedValue
      ? { currencyCode: n.estimatedValue.currency, amount: n.estimatedValue.amount }
      : null,
    type: n.type,
    allTypes: n.allTypes,
    status: n.status,
    issueDate: n.issuedAt,
    deadline: n.deadline,
    sentToTed: n.sentToTed,
    publicationDate: n.publishedOn,
    placeOfPerformance: n.placeOfPerformance,
    procurementStrategicLabels: n.strategicLabels,
  };
}

export const DOFFIN_HIT_FIELDS = [
  "buyer",
  "heading",
  "description",
  "locationId",
  "estimatedValue",
  "type",
  "allTypes",
  "status",
  "issueDate",
  "deadline",
  "sentToTed",
  "publicationDate",
  "placeOfPerformance",
  "procurementStrategicLabels",
] as const;

export function summarizeDoffinHit(n: NoticeSummary): Record<string, unknown> {
  const hit = toDoffinHit(n);
  return {
    id: hit.id,
    heading: hit.heading,
    description: shorten(n.description),
    type: hit.type,
    status: hit.status,
    buyer: n.buyers.map((b) => ({ name: b.name })),
    locationId: hit.locationId,
    publicationDate: hit.publicationDate,
    deadline: hit.deadline,
    estimatedValue: hit.estimatedValue,
  };
}

/** One row of a flattened code list (CPV or location), hierarchy kept through `parent` and `depth`. */
export type CodeRow = { id: string; label: string | null; parent: string | null; depth: number } & Record<
  string,
  unknown
>;

const LIST_KEYS = ["items", "codes", "nodes", "tree", "children", "data", "results"];

function listOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === "object")
    for (const k of LIST_KEYS) {
      const v = (body as Record<string, unknown>)[k];
      if (Array.isArray(v)) return v;
    }
  return [];
}

function labelOf(node: Record<string, unknown>): string | null {
  for (const k of ["label", "nameNb", "name", "title", "labelNo", "nameEn", "labelEn"]) {
    const v = node[k];
    if (typeof v === "string") return v;
    if (v && typeof v === "object") {
      const lang = v as Record<string, unknown>;
      const s = lang.no ?? lang.nb ?? lang.en;
      if (typeof s === "string") return s;
    }
  }
  return null;
}

/**
 * Flattens whatever tree or list the code-list route answers with (nodes with `id`/`code`, a label and
 * optional `children`) into rows in depth-first order. Extra scalar facts (e.g. `legacy`) are kept.
 */
export function flattenCodes(body: unknown): CodeRow[] {
  const out: CodeRow[] = [];
  const walk = (nodes: unknown[], parent: string | null, depth: number) => {
    for (const raw of nodes) {
      if (!raw || typeof raw !== "object") continue;
      const node = raw as Record<string, unknown>;
      const id = node.id ?? node.code;
      if (typeof id !== "string") continue;
      const extra: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node))
        if (
          !["id", "code", "children", "label", "name", "title", "nameNb", "nameEn"].includes(k) &&
          (v === null || typeof v !== "object" || Array.isArray(v))
        )
          extra[k] = v;
      if (typeof node.nameEn === "string") extra.labelEn = node.nameEn;
      const explicitParent = node.parent ?? node.parentId;
      out.push({
        ...extra,
        id,
        label: labelOf(node),
        parent: typeof explicitParent === "string" ? explicitParent : parent,
        depth: typeof node.depth === "number" ? node.depth : depth,
      });
      const children = node.children;
      if (Array.isArray(children)) walk(children, id, depth + 1);
    }
  };
  walk(listOf(body), null, 0);
  return out;
}
