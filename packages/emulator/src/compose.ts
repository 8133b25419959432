/** Headings and descriptions in Norwegian, with the quirks real notices have (« », paragraph breaks, a raw tab). */
import { CPV, LOCATIONS } from "./codelists";
import type { ConcreteType } from "./model";
import type { Rng } from "./prng";
import { AGREEMENT_KINDS, HEADING_TEMPLATES, type Theme, WORKS_TEMPLATES } from "./text-bank";

/** A place word for a heading: the town in "Bergen kommune", else the county's short name. */
export const placeName = (county: string, buyerName: string): string => {
  const town = /^(.+?) (kommune|lokalstyre)/.exec(buyerName)?.[1];
  if (town && !town.includes(" ")) return town;
  const name = LOCATIONS.get(county)?.name ?? "Norge";
  return name.split("/")[0] ?? name;
};

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");

const lowerFirst = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

export const composeHeading = (
  rng: Rng,
  type: ConcreteType,
  division: string,
  cpv: string,
  buyerName: string,
  place: string,
  year: string,
  theme?: Theme,
): string => {
  const label = (CPV.get(cpv)?.nameNb ?? "Varer og tjenester").trim().replace(/\.$/, "");
  const template = theme
    ? rng.pick(theme.headings)
    : division === "45" && rng.chance(0.5)
      ? rng.pick(WORKS_TEMPLATES)
      : rng.pick(HEADING_TEMPLATES);
  const values = { label, lc: lowerFirst(label), buyerShort: buyerName, buyer: buyerName, place, year };
  const core = fill(template, values);
  if (type === "ANNOUNCEMENT_OF_INTENT" && rng.chance(0.7)) return `Intensjonskunngjøring: ${core}`;
  if (type === "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT" && rng.chance(0.4))
    return `Kontraktstildeling - ${core}`;
  if (type === "ADVISORY_NOTICE" && rng.chance(0.4)) return `Markedsdialog: ${core}`;
  if (type === "DYNAMIC_PURCHASING_SCHEME") return `Dynamisk innkjøpsordning - ${core}`;
  if (type === "QUALIFICATION_SCHEME") return `Kvalifikasjonsordning - ${core}`;
  return core;
};

export const composeDescription = (rng: Rng, heading: string, buyerName: string, place: string): string => {
  const kind = rng.pick(AGREEMENT_KINDS);
  const sentences = [
    `${buyerName} skal inngå ${kind} for ${lowerFirst(heading)}.`,
    `Avtalen gjelder i ${rng.int(1, 4)} år med opsjon på forlengelse i inntil ${rng.int(1, 2)} år.`,
    `Oppdraget skal i hovedsak utføres i ${place}.`,
  ];
  if (rng.chance(0.5)) sentences.push("Se konkurransegrunnlaget for nærmere beskrivelse av leveransen.");
  if (rng.chance(0.1))
    sentences.push("Konkurransen gjennomføres som «åpen anbudskonkurranse» etter FOA del III.");
  if (rng.chance(0.04)) sentences.push("Kontaktperson:\tInnkjøpsavdelingen");
  const separator = rng.chance(0.3) ? "\n\n" : " ";
  return sentences.join(separator);
};
