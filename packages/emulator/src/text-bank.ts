/** Norwegian vocabulary the generator composes notices from (plausible, not real, procurements). */

/** Buyers: name + the county (NUTS 2024) they sit in; `null` = national body (anywhere). */
export const BUYER_SEEDS: ReadonlyArray<readonly [string, string | null]> = [
  ["Oslo kommune", "NO081"],
  ["Oslo kommune v/ Oslobygg KF", "NO081"],
  ["Bergen kommune", "NO0A2"],
  ["Trondheim kommune", "NO060"],
  ["Stavanger kommune", "NO0A1"],
  ["Sandnes kommune", "NO0A1"],
  ["Kristiansand kommune", "NO092"],
  ["Tromsø kommune", "NO072"],
  ["Bodø kommune", "NO071"],
  ["Alta kommune", "NO073"],
  ["Hammerfest kommune", "NO073"],
  ["Drammen kommune", "NO085"],
  ["Fredrikstad kommune", "NO083"],
  ["Sarpsborg kommune", "NO083"],
  ["Bærum kommune", "NO084"],
  ["Asker kommune", "NO084"],
  ["Lillestrøm kommune", "NO084"],
  ["Hamar kommune", "NO020"],
  ["Lillehammer kommune", "NO020"],
  ["Gjøvik kommune", "NO020"],
  ["Tønsberg kommune", "NO093"],
  ["Sandefjord kommune", "NO093"],
  ["Skien kommune", "NO094"],
  ["Porsgrunn kommune", "NO094"],
  ["Ålesund kommune", "NO0A3"],
  ["Molde kommune", "NO0A3"],
  ["Herøy kommune", "NO0A3"],
  ["Volda kommune", "NO0A3"],
  ["Haugesund kommune", "NO0A1"],
  ["Førde kommune", "NO0A2"],
  ["Arendal kommune", "NO092"],
  ["Narvik kommune", "NO071"],
  ["Steinkjer kommune", "NO060"],
  ["Longyearbyen lokalstyre", "NO0B2"],
  ["Vestland fylkeskommune", "NO0A2"],
  ["Rogaland fylkeskommune", "NO0A1"],
  ["Trøndelag fylkeskommune", "NO060"],
  ["Innlandet fylkeskommune", "NO020"],
  ["Akershus fylkeskommune", "NO084"],
  ["Nordland fylkeskommune", "NO071"],
  ["Agder fylkeskommune", "NO092"],
  ["Sykehuset Innlandet HF", "NO020"],
  ["Helse Bergen HF", "NO0A2"],
  ["St. Olavs hospital HF", "NO060"],
  ["Universitetssykehuset Nord-Norge HF", "NO072"],
  ["Oslo universitetssykehus HF", "NO081"],
  ["Universitetet i Bergen", "NO0A2"],
  ["Norges teknisk-naturvitenskapelige universitet NTNU", "NO060"],
  ["Universitetet i Oslo", "NO081"],
  ["Statens vegvesen", null],
  ["Statsbygg", null],
  ["Bane NOR SF", null],
  ["Nye Veier AS", null],
  ["Forsvarsmateriell", null],
  ["Arbeids- og velferdsetaten (NAV)", null],
  ["Digitaliseringsdirektoratet", null],
  ["SYKEHUSINNKJØP HF", null],
  ["Statsforvalterens fellestjenester", null],
  ["Politiets fellestjenester", null],
  ["Kystverket", null],
  ["Norsk Tipping AS", "NO020"],
  ["Avinor AS", null],
  ["Integrerings- og mangfoldsdirektoratet (IMDi)", null],
  ["Direktoratet for forvaltning og økonomistyring (DFØ)", null],
];

export const COMPANY_PREFIXES = [
  "Nord",
  "Vest",
  "Fjord",
  "Polar",
  "Aker",
  "Viking",
  "Norsk",
  "Nordic",
  "Trønder",
  "Bergen",
  "Midt-Norsk",
  "Sørlandets",
  "Vestfold",
  "Innlandet",
  "Arktisk",
  "Kyst",
] as const;
export const COMPANY_STEMS = [
  "Bygg",
  "Data",
  "Consult",
  "Service",
  "Entreprenør",
  "Transport",
  "IT",
  "Renhold",
  "Elektro",
  "Miljø",
  "Rør",
  "Maskin",
  "Medisinsk",
  "Arkitekter",
  "Anlegg",
  "Catering",
] as const;
export const FOREIGN_COMPANIES = [
  "Medanets OY",
  "Siemens Healthineers AB",
  "Dell Technologies Ireland Ltd",
  "Atea A/S",
  "Tietoevry Oyj",
  "Skanska Sverige AB",
] as const;

export const HEADING_TEMPLATES = [
  "Rammeavtale - {label}",
  "Anskaffelse av {lc}",
  "{label} til {buyerShort}",
  "Rammeavtale for {lc} {year}",
  "{label} - {place}",
  "Kjøp av {lc}",
  "Konkurranse: {lc}",
] as const;
export const WORKS_TEMPLATES = [
  "Totalentreprise {place} skole",
  "Rehabilitering av {place} sykehjem",
  "Nytt vann- og avløpsanlegg {place}",
  "Utvidelse av {place} barnehage",
  "Rammeavtale - byggearbeider {place}",
  "Gang- og sykkelvei {place}",
] as const;

export const AGREEMENT_KINDS = ["rammeavtale", "kontrakt", "avtale", "rammeavtaler"] as const;
export const PROCEDURE_TYPES = [
  "Åpen",
  "Åpen",
  "Åpen",
  "Begrenset",
  "Konkurranse med forhandling",
  "Konkurransepreget dialog",
] as const;
export const DOCS_HOSTS = [
  "https://app.artifik.no/procurements/",
  "https://permalink.mercell.com/",
  "https://eu.eu-supply.com/ctm/Supplier/PublicPurchase/",
  "https://tendsign.no/doc.aspx?MeFormsNoticeId=",
  "https://kgv.doffin.no/ctm/Supplier/Documents/Folder/",
] as const;
export const MAIN_ACTIVITIES = [
  "gen-pub",
  "gen-pub",
  "health",
  "education",
  "defence",
  "rail",
  "water",
] as const;
export const CHANGE_REASONS = ["Korreksjon kjøper", "Ny informasjon", "Endring av frist"] as const;
export const FOREIGN_LOCATIONS = ["FI1D9", "SE110", "DK011"] as const;

/**
 * Everyday procurements people search for (and our READMEs use): each theme's headings contain its
 * word as a whole word, with CPV codes and a buyer kind that fit. `{buyer}` is the buyer's name,
 * `{place}` its town or county, `{year}` the publication year.
 */
export type Theme = {
  word: string;
  cpv: readonly string[];
  /** Which buyers publish this: county councils, municipalities, either ("local"), or anyone. */
  buyer: "county" | "municipality" | "local" | "any";
  headings: readonly string[];
};

export const THEMES: readonly Theme[] = [
  {
    word: "skoleskyss",
    cpv: ["60130000", "60112000"],
    buyer: "county",
    headings: [
      "Skoleskyss for {buyer}",
      "Rammeavtale om skoleskyss i {place} {year}",
      "Skoleskyss og tilrettelagt transport, {place}",
    ],
  },
  {
    word: "brannbil",
    cpv: ["34144210"],
    buyer: "municipality",
    headings: [
      "Kjøp av brannbil til {place} brannvesen",
      "Ny brannbil til {place} brann og redning",
      "Anskaffelse av brannbil med utstyr",
    ],
  },
  {
    word: "renhold",
    cpv: ["90911200", "90919200", "90910000"],
    buyer: "any",
    headings: [
      "Renhold av {place} kommunes bygg",
      "Rammeavtale for renhold - {buyer}",
      "Renhold og vinduspuss, {place}",
    ],
  },
  {
    word: "programvare",
    cpv: ["48000000", "48900000", "72260000"],
    buyer: "any",
    headings: [
      "Programvare for saksbehandling til {buyer}",
      "Kjøp av programvare og lisenser {year}",
      "Rammeavtale for programvare og vedlikehold",
    ],
  },
  {
    word: "skole",
    cpv: ["45214200", "45214210"],
    buyer: "municipality",
    headings: [
      "Ny {place} skole - totalentreprise",
      "Rehabilitering av {place} skole",
      "Utvidelse av skole i {place}",
    ],
  },
  {
    word: "IT",
    cpv: ["72000000", "72250000", "72253000", "72222300"],
    buyer: "any",
    headings: [
      "IT-driftstjenester til {buyer}",
      "Rammeavtale for IT-konsulenttjenester",
      "Kjøp av IT-utstyr til {place}",
    ],
  },
  {
    word: "rammeavtale",
    cpv: ["45330000", "50700000"],
    buyer: "any",
    headings: ["Rammeavtale for rørleggertjenester i {place}", "Rammeavtale om håndverkertjenester {year}"],
  },
  {
    word: "bygg",
    cpv: ["45453000", "50700000"],
    buyer: "any",
    headings: [
      "Vedlikehold av kommunale bygg i {place}",
      "Drift av bygg og eiendom - {buyer}",
      "Energitiltak i offentlige bygg, {place}",
    ],
  },
  {
    word: "vei",
    cpv: ["45233141", "90620000"],
    buyer: "local",
    headings: [
      "Drift og vedlikehold av vei i {place}",
      "Brøyting og strøing av vei, {place}",
      "Ny vei til {place} sentrum",
    ],
  },
  {
    word: "konsulent",
    cpv: ["79400000", "79410000", "72224000"],
    buyer: "any",
    headings: [
      "Innleie av konsulent til prosjektledelse, {buyer}",
      "Rammeavtale for konsulent- og rådgivningstjenester",
      "Konsulent for anskaffelsesstøtte {year}",
    ],
  },
];
