/** Seeded generator of realistic Norwegian job ads. */
import type { Ad } from "./model";
import {
  EDUCATIONS,
  EMPLOYERS,
  ENGAGEMENT_TYPES,
  EXTENTS,
  INTROS,
  LANGUAGES,
  OCCUPATIONS,
  PLACES,
  REMOTES,
} from "./pools";
import type { Random } from "./random";

const DAY = 86_400_000;
const COUNTIES = Object.keys(PLACES);

/** Date part (YYYY-MM-DD) of an epoch in Oslo — close enough for due dates (UTC+1/+2). */
const osloDate = (ms: number): string => new Date(ms + 2 * 3_600_000).toISOString().slice(0, 10);

export type GenerateOptions = {
  /** Share of ads from FINN (search only, never in the feed). */
  finnShare: number;
};

/**
 * One ad published at `published` (epoch ms), with everything drawn from the pools.
 *
 * @example generateAd(seededRandom(1), Date.now(), { finnShare: 0.1 }).employer.orgnr // "974778742"
 */
export const generateAd = (
  rng: Random,
  published: number,
  options: GenerateOptions,
  overrides: Partial<Ad> = {},
): Ad => {
  const occ = rng.oneOf(OCCUPATIONS);
  const title = rng.oneOf(occ.titles);
  const employer = rng.oneOf(EMPLOYERS);
  const county = rng.oneOf(COUNTIES);
  const places = PLACES[county] ?? [];
  const [municipal, postalCode] = rng.oneOf(places);
  const expires = published + (14 + rng.below(45)) * DAY;
  const due = rng.maybe(0.2) ? rng.oneOf(["Snarest", "Løpende"]) : osloDate(expires);
  const uuid = rng.uuid();
  const source = rng.maybe(options.finnShare)
    ? "FINN"
    : rng.maybe(0.7)
      ? "Stillingsregistrering"
      : "XML_STILLING";
  const headline = rng.maybe(0.5)
    ? `${rng.oneOf(INTROS)} ${title.toLowerCase()}`
    : `${title} – ${employer.name}`;
  return {
    uuid,
    title: headline,
    jobtitle: title,
    businessName: employer.name,
    employer: {
      name: employer.name,
      orgnr: rng.maybe(0.85) ? employer.orgnr : null,
      description: `<p>${employer.name} er en ${employer.public ? "offentlig virksomhet" : "bedrift"} i ${municipal.toLowerCase()}.</p>`,
      homepage: rng.maybe(0.6) ? `https://www.${employer.orgnr}.example.no` : null,
    },
    locations: [
      {
        country: "NORGE",
        address: rng.maybe(0.5) ? `Storgata ${1 + rng.below(90)}` : null,
        city: municipal,
        postalCode,
        county,
        municipal,
      },
    ],
    occupation: { level1: occ.level1, level2: occ.level2 },
    category: { code: occ.styrk[0], name: occ.styrk[1] },
    sector: employer.public ? "Offentlig" : "Privat",
    extent: rng.oneOf(EXTENTS),
    engagementtype: rng.oneOf(ENGAGEMENT_TYPES),
    remote: rng.oneOf(REMOTES),
    education: rng.oneOf(EDUCATIONS),
    workLanguage: rng.oneOf(LANGUAGES),
    published,
    expires,
    updated: published,
    applicationDue: due,
    description: `<p>${headline}.</p><ul><li>Arbeidssted: ${municipal}</li><li>${rng.oneOf(EXTENTS)}</li></ul><p>Søk via lenken.</p>`,
    source,
    status: "ACTIVE",
    privacy: rng.maybe(0.03) ? "INTERNAL_NOT_SHOWN" : "SHOW_ALL",
    positioncount: rng.maybe(0.85) ? 1 : 1 + rng.below(5),
    starttime: rng.maybe(0.5) ? "Etter avtale" : osloDate(expires + 30 * DAY),
    applicationUrl: rng.maybe(0.5) ? `https://jobb.example.no/sok/${uuid.slice(0, 8)}` : "",
    ...overrides,
  };
};
