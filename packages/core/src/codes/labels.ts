/**
 * Human labels for facet values (`{ id, label, count }` in search responses), in Norwegian and English.
 */
import { z } from "zod";
import type { ContractNature, NoticeStatus, NoticeType } from "../domain/vocabulary";
import { getCpv } from "./cpv";
import { getLocation } from "./locations";
import type { CodeLanguage } from "./types";

type Labels = { nb: string; en: string };

/** Norwegian names from doffin-upstream.md §3.2; roll-ups use the names doffin.no shows for them. */
export const NOTICE_TYPE_LABELS: Record<NoticeType, Labels> = {
  PLANNING: { nb: "Planlegging", en: "Planning" },
  ADVISORY_NOTICE: { nb: "Veiledende kunngjøring", en: "Advisory notice" },
  PRE_ANNOUNCEMENT: { nb: "Forhåndskunngjøring", en: "Pre-announcement" },
  NOTICE_ON_BUYER_PROFILE: { nb: "Kunngjøring på kjøperprofil", en: "Notice on buyer profile" },
  COMPETITION: { nb: "Konkurranse", en: "Competition" },
  ANNOUNCEMENT_OF_COMPETITION: { nb: "Konkurransekunngjøring", en: "Announcement of competition" },
  DYNAMIC_PURCHASING_SCHEME: { nb: "Dynamisk innkjøpsordning", en: "Dynamic purchasing scheme" },
  QUALIFICATION_SCHEME: { nb: "Kvalifikasjonsordning", en: "Qualification scheme" },
  RESULT: { nb: "Resultat", en: "Result" },
  ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT: {
    nb: "Tildelingskunngjøring",
    en: "Announcement of conclusion of contract",
  },
  ANNOUNCEMENT_OF_INTENT: { nb: "Intensjonskunngjøring", en: "Announcement of intent" },
  CANCELLED_OR_MISSING_CONCLUSION_OF_CONTRACT: {
    nb: "Avlyst/manglende kontraktinngåelse",
    en: "Cancelled or missing conclusion of contract",
  },
  CHANGE_OF_CONCLUSION_OF_CONTRACT: { nb: "Endring av kontrakt", en: "Change of conclusion of contract" },
};

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, Labels> = {
  ACTIVE: { nb: "Aktiv", en: "Active" },
  EXPIRED: { nb: "Utløpt", en: "Expired" },
  AWARDED: { nb: "Tildelt", en: "Awarded" },
  CANCELLED: { nb: "Avlyst", en: "Cancelled" },
};

/** The eForm's "Kontraktens art" values (doffin-upstream.md §3.4). */
export const CONTRACT_NATURE_LABELS: Record<ContractNature, Labels> = {
  WORKS: { nb: "Bygge- og anleggsarbeid", en: "Works" },
  SUPPLIES: { nb: "Varer", en: "Supplies" },
  SERVICES: { nb: "Tjenester", en: "Services" },
};

/**
 * Only ENVIRONMENT_PROCUREMENT has been observed; the innovation and social label codes are unknown
 * (doffin-upstream.md §3.7), so other codes get a label made from the code itself.
 */
export const STRATEGIC_LABEL_LABELS: Record<string, Labels> = {
  ENVIRONMENT_PROCUREMENT: { nb: "Miljøhensyn", en: "Environmental considerations" },
};

export const FACET_NAMES = [
  "type",
  "status",
  "contract_nature",
  "location",
  "cpv",
  "strategic_label",
] as const;
export const FacetName = z.enum(FACET_NAMES);
export type FacetName = z.infer<typeof FacetName>;

const fromTable = (table: Record<string, Labels>, id: string, lang: CodeLanguage): string | undefined =>
  Object.hasOwn(table, id) ? table[id]?.[lang] : undefined;

/** "INNOVATION_PROCUREMENT" → "Innovation procurement": readable, and honest that it is the code. */
const humanize = (id: string): string => {
  const text = id.toLowerCase().replace(/_+/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/**
 * The display label of a facet value. Unknown values fall back to the id itself (strategic labels to a
 * readable form of it), so a new upstream value never breaks a response.
 *
 * @example facetLabel("type", "ANNOUNCEMENT_OF_COMPETITION") === "Konkurransekunngjøring"
 * @example facetLabel("location", "NO0A2", "en") === "Vestland"
 * @example facetLabel("cpv", "72000000", "en") === "IT services: consulting, software development, Internet and support"
 */
export const facetLabel = (facet: FacetName, id: string, lang: CodeLanguage = "nb"): string => {
  switch (facet) {
    case "type":
      return fromTable(NOTICE_TYPE_LABELS, id, lang) ?? id;
    case "status":
      return fromTable(NOTICE_STATUS_LABELS, id, lang) ?? id;
    case "contract_nature":
      return fromTable(CONTRACT_NATURE_LABELS, id, lang) ?? id;
    case "strategic_label":
      return fromTable(STRATEGIC_LABEL_LABELS, id, lang) ?? humanize(id);
    case "location": {
      const location = getLocation(id);
      return location ? (lang === "en" ? location.nameEn : location.nameNb) : id;
    }
    case "cpv": {
      const cpv = getCpv(id);
      return cpv ? (lang === "en" ? cpv.nameEn : cpv.nameNb) : id;
    }
  }
};
