/**
 * The OCDS-for-eForms mapping tables this mapper needs, as code (`fixtures/ocds/eforms-mapping/mapping-tables/`,
 * european-union-support @ 3eff54c3; `test/ocds-tables.test.ts` checks them against the CSVs so drift fails).
 */

/** BT-03 form type → release tags and `tender.status` (`form-type.csv`); `bri` is absent: such notices are discarded. */
export const FORM_TYPE_TAGS: Readonly<Record<string, { tags: string[]; tenderStatus: string | null }>> = {
  consultation: { tags: ["planning"], tenderStatus: "planning" },
  planning: { tags: ["planning"], tenderStatus: "planned" },
  competition: { tags: ["tender"], tenderStatus: "active" },
  "dir-awa-pre": { tags: ["award", "contract"], tenderStatus: "complete" },
  result: { tags: ["award", "contract"], tenderStatus: "complete" },
  "cont-modif": { tags: ["awardUpdate", "contractUpdate"], tenderStatus: null },
  completion: { tags: ["contractUpdate"], tenderStatus: null },
};

/** BT-105 → `tender.procurementMethod` (`procurement-procedure-type.csv`); `oth-single`/`oth-mult` map to nothing. */
export const PROCEDURE_METHOD: Readonly<Record<string, string>> = {
  open: "open",
  "comp-dial": "selective",
  "comp-tend": "selective",
  innovation: "selective",
  "neg-w-call": "selective",
  restricted: "selective",
  "neg-wo-call": "limited",
  "exp-int-rail": "open",
};

/** BT-760 → `bids.statistics[].measure` (`received-submission-type.csv`); `t-no-verif` maps to nothing. */
export const SUBMISSION_MEASURE: Readonly<Record<string, string>> = {
  "part-req": "requests",
  "t-esubm": "electronicBids",
  "t-med": "mediumBids",
  "t-micro": "microBids",
  "t-no-eea": "foreignBidsFromNonEU",
  "t-oth-eea": "foreignBidsFromEU",
  "t-small": "smallBids",
  "t-sme": "smeBids",
  "t-verif-inad": "disqualifiedBids",
  "t-verif-inad-low": "tendersAbnormallyLow",
  tenders: "bids",
};

/** BT-765 → `techniques.frameworkAgreement.method` (`framework-agreement-method.csv`). */
export const FRAMEWORK_METHOD: Readonly<Record<string, string>> = {
  "fa-mix": "withAndWithoutReopeningCompetition",
  "fa-w-rc": "withReopeningCompetition",
  "fa-wo-rc": "withoutReopeningCompetition",
};

/** BT-766 → `techniques.dynamicPurchasingSystem.type` (`dps-usage.csv`). */
export const DPS_TYPE: Readonly<Record<string, string>> = { "dps-list": "closed", "dps-nlist": "open" };

/** BT-23 → `mainProcurementCategory` (the profile's only rename: supplies → goods). */
export const CONTRACT_NATURE_CATEGORY: Readonly<Record<string, string>> = {
  supplies: "goods",
  works: "works",
  services: "services",
};

/** BT-36 units → days, the profile's conversion (operations.md "Convert a duration to days"). */
export const DURATION_DAYS: Readonly<Record<string, number>> = {
  DAY: 1,
  WEEK: 7,
  MONTH: 30,
  QUARTER: 91,
  YEAR_HALF: 182,
  YEAR: 365,
};

/**
 * eForms language (ISO 639-2/B, upper case) → ISO 639-1 for `release.language`. Doffin writes `NOR` (Norwegian),
 * `NOB`/`NNO` (Bokmål/Nynorsk) and `ENG`; the rest are the languages its notices have been seen with.
 */
export const LANGUAGE_639_1: Readonly<Record<string, string>> = {
  NOR: "no",
  NOB: "nb",
  NNO: "nn",
  ENG: "en",
  SWE: "sv",
  DAN: "da",
  FIN: "fi",
  DEU: "de",
  FRA: "fr",
};

/** ISO 3166-1 alpha-3 (as eForms writes countries) → alpha-2 (`address.country`); unknown codes keep only `countryName`. */
export const COUNTRY_ALPHA2: Readonly<Record<string, string>> = {
  NOR: "NO",
  SWE: "SE",
  DNK: "DK",
  FIN: "FI",
  ISL: "IS",
  DEU: "DE",
  GBR: "GB",
  NLD: "NL",
  BEL: "BE",
  FRA: "FR",
  POL: "PL",
  EST: "EE",
  LTU: "LT",
  LVA: "LV",
  ESP: "ES",
  ITA: "IT",
  IRL: "IE",
  AUT: "AT",
  CHE: "CH",
  USA: "US",
};
