/** Realistic Norwegian values for generated ads: places, occupations with titles, employers. */

/** County → municipalities (NAV's upper-case spelling, 2024 counties) with a postcode per municipality. */
export const PLACES: Record<string, [municipality: string, postcode: string][]> = {
  OSLO: [["OSLO", "0150"]],
  AKERSHUS: [
    ["ASKER", "1384"],
    ["BÆRUM", "1338"],
    ["LILLESTRØM", "2000"],
    ["ÅS", "1430"],
    ["ULLENSAKER", "2050"],
  ],
  VESTLAND: [
    ["BERGEN", "5003"],
    ["VOSS", "5700"],
    ["STORD", "5411"],
    ["SUNNFJORD", "6800"],
  ],
  ROGALAND: [
    ["STAVANGER", "4006"],
    ["SANDNES", "4306"],
    ["HAUGESUND", "5528"],
    ["KARMØY", "4250"],
  ],
  TRØNDELAG: [
    ["TRONDHEIM", "7010"],
    ["STEINKJER", "7713"],
    ["LEKA", "7994"],
    ["STJØRDAL", "7500"],
  ],
  INNLANDET: [
    ["HAMAR", "2317"],
    ["LILLEHAMMER", "2609"],
    ["GJØVIK", "2815"],
    ["ØYSTRE SLIDRE", "2953"],
  ],
  AGDER: [
    ["KRISTIANSAND", "4611"],
    ["ARENDAL", "4836"],
    ["GRIMSTAD", "4876"],
  ],
  NORDLAND: [
    ["BODØ", "8006"],
    ["NARVIK", "8514"],
    ["RANA", "8622"],
  ],
  TROMS: [
    ["TROMSØ", "9008"],
    ["HARSTAD", "9405"],
  ],
  FINNMARK: [
    ["ALTA", "9510"],
    ["HAMMERFEST", "9600"],
  ],
  "MØRE OG ROMSDAL": [
    ["ÅLESUND", "6002"],
    ["MOLDE", "6413"],
    ["KRISTIANSUND", "6509"],
  ],
  VESTFOLD: [
    ["TØNSBERG", "3111"],
    ["SANDEFJORD", "3210"],
    ["LARVIK", "3256"],
  ],
  TELEMARK: [
    ["SKIEN", "3724"],
    ["PORSGRUNN", "3921"],
  ],
  BUSKERUD: [
    ["DRAMMEN", "3015"],
    ["KONGSBERG", "3616"],
  ],
  ØSTFOLD: [
    ["FREDRIKSTAD", "1606"],
    ["SARPSBORG", "1706"],
    ["MOSS", "1530"],
  ],
};

/** NAV occupation categories (level1 → level2) with job titles and a STYRK08 code. */
export const OCCUPATIONS: { level1: string; level2: string; titles: string[]; styrk: [string, string] }[] = [
  {
    level1: "Helse og sosial",
    level2: "Sykepleiere",
    titles: ["Sykepleier", "Spesialsykepleier", "Intensivsykepleier"],
    styrk: ["2223", "Sykepleiere"],
  },
  {
    level1: "Helse og sosial",
    level2: "Helsefagarbeidere",
    titles: ["Helsefagarbeider", "Assistent i hjemmetjenesten"],
    styrk: ["5321", "Helsefagarbeidere"],
  },
  {
    level1: "Utdanning",
    level2: "Grunnskolelærere",
    titles: ["Lærer 1.–7. trinn", "Kontaktlærer ungdomsskole"],
    styrk: ["2341", "Grunnskolelærere"],
  },
  {
    level1: "Utdanning",
    level2: "Barnehage",
    titles: ["Pedagogisk leder", "Barnehagelærer", "Barne- og ungdomsarbeider"],
    styrk: ["2342", "Førskolelærere"],
  },
  {
    level1: "IT",
    level2: "Utvikling",
    titles: ["Systemutvikler", "Frontendutvikler", "Backendutvikler Java"],
    styrk: ["2512", "Programvareutviklere"],
  },
  {
    level1: "IT",
    level2: "Drift og support",
    titles: ["IT-konsulent", "Driftstekniker", "Brukerstøtte"],
    styrk: ["3512", "Brukerstøtte IKT"],
  },
  {
    level1: "Bygg og anlegg",
    level2: "Håndverkere",
    titles: ["Tømrer", "Elektriker", "Rørlegger"],
    styrk: ["7115", "Tømrere og snekkere"],
  },
  {
    level1: "Reiseliv og mat",
    level2: "Hotell og resepsjon",
    titles: ["Resepsjonist", "Hotellmedarbeider"],
    styrk: ["4224", "Resepsjonister"],
  },
  {
    level1: "Reiseliv og mat",
    level2: "Kokker",
    titles: ["Kokk", "Kjøkkenassistent"],
    styrk: ["5120", "Kokker"],
  },
  {
    level1: "Transport og lager",
    level2: "Lager",
    titles: ["Lagermedarbeider", "Truckfører"],
    styrk: ["4321", "Lagermedarbeidere"],
  },
  {
    level1: "Transport og lager",
    level2: "Sjåfører",
    titles: ["Bussjåfør", "Yrkessjåfør klasse CE"],
    styrk: ["8331", "Bussjåfører"],
  },
  {
    level1: "Kontor og økonomi",
    level2: "Økonomi og regnskap",
    titles: ["Regnskapsfører", "Controller", "Økonomikonsulent"],
    styrk: ["3313", "Regnskapsmedarbeidere"],
  },
  {
    level1: "Butikk og salg",
    level2: "Butikk",
    titles: ["Butikkmedarbeider", "Butikksjef", "Selger"],
    styrk: ["5223", "Butikkmedarbeidere"],
  },
];

/** Employers with plausible 9-digit organisation numbers; `public` drives the sector. */
export const EMPLOYERS: { name: string; orgnr: string; public: boolean }[] = [
  { name: "Oslo kommune", orgnr: "974778742", public: true },
  { name: "Bergen kommune", orgnr: "964338531", public: true },
  { name: "Trondheim kommune", orgnr: "942110464", public: true },
  { name: "Helse Bergen HF", orgnr: "983974724", public: true },
  { name: "Oslo universitetssykehus HF", orgnr: "993467049", public: true },
  { name: "Statens vegvesen", orgnr: "971032081", public: true },
  { name: "Asker kommune", orgnr: "944382038", public: true },
  { name: "Fjordkraft Drift AS", orgnr: "912345670", public: false },
  { name: "Nordlys Bygg AS", orgnr: "923456781", public: false },
  { name: "Bølgen Hotell AS", orgnr: "934567892", public: false },
  { name: "Kodeverket Consulting AS", orgnr: "945678903", public: false },
  { name: "Lager & Logistikk Norge AS", orgnr: "956789014", public: false },
  { name: "Handelshuset Vest AS", orgnr: "967890125", public: false },
  { name: "Fjellstølen AS", orgnr: "978901236", public: false },
];

export const ENGAGEMENT_TYPES = [
  "Fast",
  "Fast",
  "Fast",
  "Vikariat",
  "Engasjement",
  "Sesong",
  "Prosjekt",
  "Lærling",
  "Annet",
];
export const EXTENTS = ["Heltid", "Heltid", "Heltid", "Deltid", "Heltid_og_Deltid"];
export const REMOTES = ["Hjemmekontor ikke mulig", "Hybridkontor", "Hjemmekontor", null];
export const EDUCATIONS = ["Ingen krav", "Videregående", "Fagbrev", "Bachelor", "Master", null];
export const LANGUAGES = [["Norsk"], ["Norsk", "Engelsk"], ["Engelsk"], ["Skandinavisk"]];
export const INTROS = [
  "Vi søker en engasjert",
  "Har du lyst til å jobbe som",
  "Bli med på laget som",
  "Nå har vi ledig stilling som",
];
