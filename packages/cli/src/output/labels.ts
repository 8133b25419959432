import { type CodeLanguage, facetLabel, NOTICE_STATUS_LABELS, NOTICE_TYPE_LABELS } from "@doffin/core";
import { usageError } from "../errors";

/** Display language of labels: `--lang`, else `LANG` (nb/nn/no → nb), else English. */
export type Lang = CodeLanguage;

export function langOf(option: string | undefined, env: string | undefined = process.env.LANG): Lang {
  if (option !== undefined) {
    const v = option.trim().toLowerCase();
    if (v === "nb" || v === "en") return v;
    throw usageError(`--lang must be nb or en, got "${option}"`);
  }
  return /^(nb|nn|no)([_.-]|$)/i.test(env ?? "") ? "nb" : "en";
}

type Labels = { nb: string; en: string };

/**
 * Short forms of core's notice-type labels for table columns ("Announcement of conclusion of contract"
 * takes a third of an 80-column terminal). Types whose core label is already short use it as is.
 */
const SHORT_TYPE_LABELS: Record<string, Labels> = {
  ADVISORY_NOTICE: { nb: "Veiledende", en: "Advisory" },
  PRE_ANNOUNCEMENT: { nb: "Forhåndskunngj.", en: "Pre-announcement" },
  NOTICE_ON_BUYER_PROFILE: { nb: "Kjøperprofil", en: "Buyer profile" },
  ANNOUNCEMENT_OF_COMPETITION: { nb: "Konkurranse", en: "Competition" },
  DYNAMIC_PURCHASING_SCHEME: { nb: "Dyn. innkjøp", en: "Dynamic purch." },
  QUALIFICATION_SCHEME: { nb: "Kvalifikasjon", en: "Qualification" },
  ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT: { nb: "Tildeling", en: "Award" },
  ANNOUNCEMENT_OF_INTENT: { nb: "Intensjon", en: "Intent" },
  CANCELLED_OR_MISSING_CONCLUSION_OF_CONTRACT: { nb: "Ingen kontrakt", en: "No contract" },
  CHANGE_OF_CONCLUSION_OF_CONTRACT: { nb: "Kontraktsendring", en: "Contract change" },
};

const fromTable = (table: Record<string, Labels>, id: string, lang: Lang): string | undefined =>
  Object.hasOwn(table, id) ? table[id]?.[lang] : undefined;

/** A notice type for a table cell ("Award"); unknown types stay as their code. */
export const shortTypeLabel = (type: string, lang: Lang): string =>
  fromTable(SHORT_TYPE_LABELS, type, lang) ?? fromTable(NOTICE_TYPE_LABELS, type, lang) ?? type;

/** A notice type in full, as doffin.no names it ("Announcement of conclusion of contract"). */
export const typeLabel = (type: string, lang: Lang): string =>
  fromTable(NOTICE_TYPE_LABELS, type, lang) ?? type;

/** A status ("Active"); null (types without a status) is empty. */
export const statusLabel = (status: string | null, lang: Lang): string =>
  status === null ? "" : (fromTable(NOTICE_STATUS_LABELS, status, lang) ?? status);

/** "72200000 Programming services…" — a CPV code with its label, or the code alone when unknown. */
export const cpvWithLabel = (code: string, lang: Lang): string => {
  const label = facetLabel("cpv", code, lang);
  return label === code ? code : `${code} ${label}`;
};

/** "Oslo (NO081)" — a location name with its code, or the code alone when unknown. */
export const locationWithName = (code: string, lang: Lang): string => {
  const name = facetLabel("location", code, lang);
  return name === code ? code : `${name} (${code})`;
};

/** The change feed's kinds, said the way a person would. */
const CHANGE_KIND_LABELS: Record<string, Labels> = {
  created: { nb: "Ny", en: "New" },
  deadline_changed: { nb: "Frist endret", en: "Deadline moved" },
  status_changed: { nb: "Status endret", en: "Status changed" },
  value_changed: { nb: "Verdi endret", en: "Value changed" },
  text_changed: { nb: "Tekst endret", en: "Text changed" },
  awarded: { nb: "Tildelt", en: "Awarded" },
  cancelled: { nb: "Avlyst", en: "Cancelled" },
  corrected: { nb: "Rettet", en: "Corrected" },
  withdrawn: { nb: "Trukket", en: "Withdrawn" },
  updated: { nb: "Oppdatert", en: "Updated" },
};

/** A change kind for people; a kind this CLI does not know yet stays as sent. */
export const changeKindLabel = (kind: string, lang: Lang): string =>
  fromTable(CHANGE_KIND_LABELS, kind, lang) ?? kind;
