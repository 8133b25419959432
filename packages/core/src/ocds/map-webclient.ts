import type { Notice, NoticeSummary, Organization } from "../domain/notice";
import { ROLL_UP_OF } from "../domain/vocabulary";
import { compact, type Loose } from "./compact";
import { OcdsMappingError } from "./map-eforms";
import { moneyOf } from "./map-tender";
import { OCDS_PLACEHOLDER_PREFIX } from "./ocid";
import type { OcdsRelease } from "./types";

/** Roll-up type → tags and `tender.status`, the same table the eForms mapping reads by form type. */
const ROLL_UP_TAGS: Record<string, { tags: string[]; tenderStatus: string }> = {
  PLANNING: { tags: ["planning"], tenderStatus: "planned" },
  COMPETITION: { tags: ["tender"], tenderStatus: "active" },
  RESULT: { tags: ["award", "contract"], tenderStatus: "complete" },
};

/** Doffin's competition status → `tender.status` (only competition notices carry one). */
const STATUS: Record<string, string> = {
  ACTIVE: "active",
  EXPIRED: "active",
  AWARDED: "complete",
  CANCELLED: "cancelled",
};

const rollUp = (type: string): string =>
  type in ROLL_UP_TAGS ? type : (ROLL_UP_OF[type as keyof typeof ROLL_UP_OF] ?? "");

/** A web-client organisation as a party: `NO-BRC` identifier when it has an organisation number. */
const partyId = (org: Organization, role: string, i: number): string =>
  org.orgNumber ? `NO-BRC-${org.orgNumber}` : `${role}-${i + 1}`;

/**
 * The smaller release of a notice Doffin serves only through its web client (no eForms XML): what the
 * normalized `Notice`/`NoticeSummary` knows, field by field (see packages/core/README.md "OCDS").
 * `id` is the Doffin id; `ocid` uses the procedure id when the detail names one. Throws
 * {@link OcdsMappingError} when the notice has neither an issue instant nor a publication date.
 *
 * @example
 * mapWebClientNotice(notice).tag; // ["tender"] for an ANNOUNCEMENT_OF_COMPETITION
 */
export const mapWebClientNotice = (
  notice: Notice | NoticeSummary,
  prefix = OCDS_PLACEHOLDER_PREFIX,
): OcdsRelease => {
  const date = notice.issuedAt ?? (notice.publishedOn ? `${notice.publishedOn}T00:00:00Z` : null);
  if (!date) throw new OcdsMappingError(`notice ${notice.id} has no issue or publication date`);
  const form = ROLL_UP_TAGS[rollUp(String(notice.type))];
  const procedureId = "procedureId" in notice ? notice.procedureId : null;
  const cpv = "cpv" in notice ? notice.cpv.direct : (notice.cpvCodes ?? []);
  const parties = new Map<string, Loose>();
  const ref = (org: Organization, role: string, i: number): Loose => {
    const id = partyId(org, role, i);
    const known = parties.get(id) as { roles: string[] } | undefined;
    if (known) known.roles.push(role);
    else
      parties.set(id, {
        id,
        name: org.name || undefined,
        identifier: org.orgNumber
          ? { scheme: "NO-BRC", id: org.orgNumber, legalName: org.name || undefined }
          : undefined,
        roles: [role],
      });
    return { id, name: org.name || undefined };
  };
  const buyers = notice.buyers.map((b, i) => ref(b, "buyer", i));
  const awards = notice.lots.map((lot, i) => ({
    id: `lot-${i + 1}`,
    title: lot.heading ?? undefined,
    description: lot.description ?? undefined,
    status: lot.winners.length ? "active" : undefined,
    suppliers: lot.winners.map((w, j) => ref(w, "supplier", j)),
  }));
  return compact({
    ocid: `${prefix}-${procedureId ?? notice.id}`,
    id: notice.id,
    date,
    tag: form?.tags ?? ["tender"],
    initiationType: "tender",
    title: notice.heading || undefined,
    buyer: buyers[0],
    parties: [...parties.values()],
    tender: {
      id: procedureId ?? notice.id,
      title: notice.heading || undefined,
      description: notice.description || undefined,
      status: (notice.status ? STATUS[String(notice.status)] : undefined) ?? form?.tenderStatus,
      value: moneyOf(notice.estimatedValue),
      tenderPeriod: { endDate: notice.deadline ?? undefined },
      items: cpv.length
        ? [
            {
              id: "PROCEDURE",
              classification: { scheme: "CPV", id: cpv[0] },
              additionalClassifications: cpv.slice(1).map((id) => ({ scheme: "CPV", id })),
            },
          ]
        : undefined,
      deliveryAddresses: notice.locations.filter((l) => !l.startsWith("anyw")).map((region) => ({ region })),
    },
    bids:
      notice.receivedTenders !== null
        ? { statistics: [{ id: "bids", measure: "bids", value: notice.receivedTenders }] }
        : undefined,
    awards,
    links: [{ rel: "canonical", href: notice.url }],
  }) as OcdsRelease;
};
