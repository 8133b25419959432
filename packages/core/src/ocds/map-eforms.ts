import type { EformsNotice } from "../eforms/model";
import { compact, type Loose } from "./compact";
import { FORM_TYPE_TAGS, LANGUAGE_639_1 } from "./eforms-tables";
import { addNoticeParties, PartyBook } from "./map-parties";
import { mapResults } from "./map-results";
import { mapTender } from "./map-tender";
import { isPinOnly, type OcidContext, ocidFor } from "./ocid";
import type { OcdsRelease } from "./types";

/** A notice the OCDS mapping cannot turn into a release (no dispatch date, no notice id). */
export class OcdsMappingError extends Error {
  override readonly name = "OcdsMappingError";
}

/** `<uuid>-01` (BT-758) → the release id of the changed notice, which is its bare notice id. */
const changedReleaseId = (changed: string | null): string | undefined =>
  changed
    ? changed.replace(/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-\d{2}$/i, "$1")
    : undefined;

/**
 * A change notice (`efac:Changes`) as one amendment with the notice's id: sections `LOT-…` → `relatedLots`,
 * BT-140 → rationale classification, BT-141 → description. Amendments merge by id, so a record keeps one per
 * change notice.
 */
const amendmentOf = (notice: EformsNotice, releaseId: string, date: string): Loose => {
  const c = notice.changes;
  if (!c) return undefined;
  return {
    id: releaseId,
    date,
    description: c.description ?? undefined,
    rationaleClassifications: c.reasonCode
      ? [{ scheme: "eu-change-corrig-justification", id: c.reasonCode }]
      : undefined,
    relatedLots: c.sections.filter((s) => s.startsWith("LOT-")),
    releaseID: releaseId,
    amendsReleaseID: changedReleaseId(c.changedNoticeId),
  };
};

/**
 * Maps one parsed eForms notice to its OCDS 1.1 release(s), following the OCDS-for-eForms profile: one release
 * per notice; one per part for a PIN-only notice; none for a `bri` (or unknown) form type, which the profile
 * discards. Throws {@link OcdsMappingError} when the notice lacks what every release requires.
 *
 * @example
 * const [release] = mapEformsNotice(parseEformsNotice(xml), { prefix: "ocds-abc123" });
 * release.tag; // ["tender"]; release.tender.lots[0].id === "LOT-0001"
 */
export const mapEformsNotice = (notice: EformsNotice, context: OcidContext = {}): OcdsRelease[] => {
  const form = notice.formType ? FORM_TYPE_TAGS[notice.formType] : undefined;
  if (!form) return [];
  const id = notice.noticeId ?? notice.doffinId;
  if (!id) throw new OcdsMappingError("the notice has no identifier (BT-701)");
  const date = notice.dispatchedAt;
  if (!date) throw new OcdsMappingError(`notice ${id} has no dispatch date (BT-05)`);
  const parts = isPinOnly(notice) ? notice.lots.filter((l) => l.kind === "part") : [];
  const one = (part?: (typeof parts)[number]): OcdsRelease => {
    const book = new PartyBook();
    const buyer = addNoticeParties(notice, book);
    const results = part ? { awards: [], contracts: [], bids: {} } : mapResults(notice, book);
    // The profile sets no cancelled status; a change notice whose reason is `cancel` does mean the procedure
    // is cancelled, and a record whose compiled state stayed "active" would mislead (gateway choice).
    const status = notice.changes?.reasonCode === "cancel" ? "cancelled" : form.tenderStatus;
    const releaseId = part ? `${id}-${part.id}` : id;
    const tender = mapTender(notice, status, part) as Record<string, Loose>;
    const amendment = amendmentOf(notice, releaseId, date);
    const resultSections = notice.changes?.sections.filter((s) => s.startsWith("RES-")) ?? [];
    const awards = results.awards.map((a) =>
      amendment && resultSections.includes(String((a as Record<string, Loose>).id))
        ? { ...(a as object), amendments: [amendment] }
        : a,
    );
    return compact({
      ocid: ocidFor(notice, context, part?.id),
      id: releaseId,
      date,
      tag: form.tags,
      initiationType: "tender",
      language: notice.language ? LANGUAGE_639_1[notice.language] : undefined,
      title: (part?.title ?? notice.procedure.title) || undefined,
      buyer,
      parties: book.parties(),
      tender: { ...tender, amendments: amendment && !resultSections.length ? [amendment] : undefined },
      awards,
      contracts: results.contracts,
      bids: results.bids,
    }) as OcdsRelease;
  };
  return parts.length ? parts.map(one) : [one()];
};
