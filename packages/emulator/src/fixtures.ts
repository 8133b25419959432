/**
 * Master records for the real captured notices (fixtures/doffin), so their ids resolve on every route
 * and their shapes round-trip: with the clock at the capture date, the emulator serves each captured hit
 * and the captured detail back unchanged. Fields a capture does not show are filled deterministically.
 */
import awardHit from "../../../fixtures/doffin/public-api/hits/contract-award-notice.json" with {
  type: "json",
};
import competitionHit from "../../../fixtures/doffin/public-api/hits/contract-notice.json" with {
  type: "json",
};
import intentHit from "../../../fixtures/doffin/public-api/hits/intention-notice.json" with { type: "json" };
import advisoryHit from "../../../fixtures/doffin/public-api/hits/prior-information-notice.json" with {
  type: "json",
};
import page from "../../../fixtures/doffin/public-api/search-response-page.json" with { type: "json" };
import detail from "../../../fixtures/doffin/webclient/notice-detail-2026-107918.abridged.json" with {
  type: "json",
};
import webHit from "../../../fixtures/doffin/webclient/search-hit-2026-107921.json" with { type: "json" };
import captured from "./captured-xml-notices.json" with { type: "json" };
import { cpvAncestors, locationName } from "./codelists";
import type {
  ConcreteType,
  EformNode,
  MasterNotice,
  Money,
  NoticeType,
  Org,
  ReceivedTenders,
  Status,
} from "./model";
import { ROLL_UP } from "./model";
import { natureOf } from "./pools";
import { createRng, hash32 } from "./prng";

type PublicHitJson = {
  id: string;
  buyer: Org[];
  heading: string;
  description: string;
  locationId: string[];
  estimatedValue: Money | null;
  type: string;
  allTypes: string[];
  status: string | null;
  issueDate: string;
  deadline: string | null;
  publicationDate: string;
  receivedTenders: number | null;
  allReceivedTenders: ReceivedTenders[] | null;
  cpvCodes: string[];
  lots: { heading: string; description: string; winner: Org[] }[];
};

/** Ids of the 14 captured eForms XML bodies (served verbatim by `public.download`). */
export const FIXTURE_XML_IDS = ["2025-112709", "2026-107778", ...captured.map((c) => c.id)] as const;

const defaults = (
  id: string,
  cpvCodes: string[],
): Omit<
  MasterNotice,
  | "id"
  | "heading"
  | "description"
  | "buyers"
  | "locationIds"
  | "placeOfPerformance"
  | "estimatedValue"
  | "type"
  | "allTypes"
  | "issueDate"
  | "publicationDate"
  | "deadline"
  | "lots"
> => {
  const rng = createRng(hash32(id));
  const codes = new Set(cpvCodes);
  // The captures do not say which codes were chosen directly: take the ones that are nobody's ancestor.
  const ancestors = new Set(cpvCodes.flatMap((c) => [...cpvAncestors(c)]));
  const direct = [...codes].filter((c) => !ancestors.has(c));
  return {
    eFormId: rng.uuid(),
    procedureId: rng.uuid(),
    fixedStatus: null,
    receivedTenders: null,
    allReceivedTenders: null,
    cpvCodes,
    cpvDirect: direct.length > 0 ? direct : cpvCodes,
    contractNature: natureOf((cpvCodes[0] ?? "79000000").slice(0, 2)),
    strategicLabels: [],
    sentToTed: false,
    tedId: null,
    competitionDocsUrl: null,
    regulationUrl: "https://lovdata.no/dokument/SF/forskrift/2016-08-12-974?q=foa",
    mainActivity: "gen-pub",
    procedureType: "Åpen",
    correctsId: null,
    changeReason: null,
    withdrawn: false,
    fixture: true,
  };
};

const fixedFrom = (status: string | null): Status | null =>
  status === "AWARDED" || status === "CANCELLED" ? status : null;

const fromPublicHit = (hit: PublicHitJson): MasterNotice => ({
  ...defaults(hit.id, hit.cpvCodes),
  id: hit.id,
  heading: hit.heading,
  description: hit.description,
  buyers: hit.buyer,
  locationIds: hit.locationId,
  placeOfPerformance: hit.locationId.map(locationName),
  estimatedValue: hit.estimatedValue,
  type: hit.type as ConcreteType,
  allTypes: hit.allTypes as NoticeType[],
  fixedStatus: fixedFrom(hit.status),
  issueDate: hit.issueDate,
  publicationDate: hit.publicationDate,
  deadline: hit.deadline,
  receivedTenders: hit.receivedTenders,
  allReceivedTenders: hit.allReceivedTenders,
  lots: hit.lots,
});

const buyerFromDetail = (b: { id: string; name: string }): Org => ({
  id: createRng(hash32(b.id)).hex(32),
  organizationId: b.id,
  name: b.name,
});

const fromDetail = (): MasterNotice[] => {
  const d = detail;
  const lot = { heading: d.heading, description: d.description, winner: [] };
  const current: MasterNotice = {
    ...defaults(d.id, d.allCpvCodes),
    id: d.id,
    eFormId: d.eFormId,
    procedureId: d.procedureId,
    heading: d.heading,
    description: d.description,
    buyers: d.buyer.map(buyerFromDetail),
    locationIds: d.locationId,
    placeOfPerformance: d.placeOfPerformance,
    estimatedValue: d.core.estimatedValue,
    type: d.noticeType as ConcreteType,
    allTypes: d.allTypes as NoticeType[],
    issueDate: d.issueDate,
    publicationDate: d.publicationDate,
    deadline: d.deadline,
    cpvCodes: d.allCpvCodes,
    cpvDirect: d.directCpvCodes,
    contractNature: "WORKS",
    strategicLabels: d.procurementStrategicLabels,
    sentToTed: d.sentToTed,
    tedId: d.tedId,
    competitionDocsUrl: d.competitionDocsUrl,
    regulationUrl: d.regulationUrl,
    mainActivity: d.core.mainActivity,
    lots: [lot],
    correctsId: "2026-105551",
    changeReason: "Korreksjon kjøper",
    eformOverride: d.eform as EformNode[],
  };
  // The first version, known only from the capture's changeNotices/procurementTimeline entries.
  const first: MasterNotice = {
    ...current,
    id: "2026-105551",
    eFormId: "19d3977a-1263-4702-92c9-789cf249efc4",
    issueDate: "2026-03-19T18:11:02Z",
    publicationDate: "2026-03-23",
    deadline: "2026-05-14T10:00:00Z",
    correctsId: null,
    changeReason: null,
  };
  delete first.eformOverride;
  return [first, current];
};

const fromWebHit = (): MasterNotice => ({
  ...defaults(webHit.id, ["71354500", ...cpvAncestors("71354500")]),
  id: webHit.id,
  heading: webHit.heading,
  description: webHit.description,
  buyers: webHit.buyer,
  locationIds: webHit.locationId,
  placeOfPerformance: webHit.placeOfPerformance,
  estimatedValue: webHit.estimatedValue,
  type: webHit.type as ConcreteType,
  allTypes: webHit.allTypes as NoticeType[],
  issueDate: webHit.issueDate,
  publicationDate: webHit.publicationDate,
  deadline: webHit.deadline,
  sentToTed: webHit.sentToTed,
  strategicLabels: webHit.procurementStrategicLabels,
  lots: [{ heading: webHit.heading, description: webHit.description, winner: [] }],
});

/** The two notices whose raw eForms XML is captured; fields read off the XML by hand. */
const fromXml = (): MasterNotice[] => {
  const sandnesCpv = [
    "72000000",
    "72200000",
    "72220000",
    "72222000",
    "72222100",
    "72223000",
    "72224000",
    "72225000",
    "72226000",
    "72227000",
    "72240000",
    "72243000",
    "72250000",
    "72260000",
    "72262000",
    "72263000",
    "72300000",
    "72313000",
    "72314000",
    "72316000",
    "72400000",
    "72800000",
    "72900000",
  ];
  const tippingCpv = ["72000000", "72212000", "72210000", "72200000"];
  const heading1 = "Dynamisk innkjøpsordning for bistand, rådgivning og prosjektledelse";
  const desc1 =
    "Sandnes kommune, heretter benevnt Oppdragsgiver, innbyr med dette til begrenset anbudskonkurranse for etablering av dynamisk innkjøpsordning (DPS-ordning) for rådgivning, bistand og/eller prosjektledelse innen digitalisering og IT.";
  const heading2 = "Mobilutviklingspartner";
  const desc2 = "Norsk Tipping skal inngå avtale med en mobilutviklingspartner.";
  const rng = createRng(hash32("xml-fixtures"));
  return [
    {
      ...defaults("2025-112709", sandnesCpv),
      id: "2025-112709",
      eFormId: "a1c5b7af-3058-4cf8-915b-dd4d567b74e4",
      procedureId: "53f57476-0532-42a2-9639-ddc515a05d26",
      heading: heading1,
      description: desc1,
      buyers: [{ id: rng.hex(32), organizationId: "964965226", name: "Sandnes kommune" }],
      locationIds: ["NO0A1"],
      placeOfPerformance: [locationName("NO0A1")],
      estimatedValue: { currencyCode: "NOK", amount: 20_000_000 },
      type: "DYNAMIC_PURCHASING_SCHEME",
      allTypes: ["DYNAMIC_PURCHASING_SCHEME", "COMPETITION"],
      issueDate: "2025-09-04T08:19:10Z",
      publicationDate: "2025-09-04",
      deadline: "2030-01-01T11:00:00Z",
      procedureType: "Begrenset",
      contractNature: "SERVICES",
      sentToTed: true,
      lots: [{ heading: heading1, description: desc1, winner: [] }],
    },
    {
      ...defaults("2026-107778", tippingCpv),
      id: "2026-107778",
      eFormId: "db26c9ed-0b0c-433f-a4ac-da964b0569ef",
      procedureId: "c2a8673f-aea5-47d9-b25a-881a76d6a0ea",
      heading: heading2,
      description: desc2,
      buyers: [{ id: rng.hex(32), organizationId: "925836613", name: "Norsk Tipping" }],
      locationIds: ["NO020"],
      placeOfPerformance: [locationName("NO020")],
      estimatedValue: { currencyCode: "NOK", amount: 300_000_000 },
      type: "ANNOUNCEMENT_OF_COMPETITION",
      allTypes: ["ANNOUNCEMENT_OF_COMPETITION", "COMPETITION"],
      issueDate: "2026-04-29T05:32:05Z",
      publicationDate: "2026-04-29",
      deadline: "2026-06-11T22:00:00Z",
      contractNature: "SERVICES",
      sentToTed: true,
      competitionDocsUrl: "https://app.artifik.no/procurements/4471",
      lots: [{ heading: heading2, description: desc2, winner: [] }],
    },
  ];
};

type CapturedXml = (typeof captured)[number];

/**
 * The twelve further captured XML notices (2022–2024): `captured-xml-notices.json` holds what each XML
 * says (ids, heading, buyers, CPV, places, estimate, dates, lots, winners, tenders received), read off
 * the files once; the records give them a search hit and a detail consistent with the XML served.
 */
const fromCapturedXml = (c: CapturedXml): MasterNotice => {
  const rng = createRng(hash32(`captured-${c.id}`));
  const org = (o: { name: string; organizationId: string | null }): Org => ({ id: rng.hex(32), ...o });
  const cpvCodes = [...new Set(c.cpvDirect.flatMap((code) => [code, ...cpvAncestors(code)]))];
  const type = c.type as ConcreteType;
  const winners = c.lots[0]?.winner.map(org) ?? [];
  const base = defaults(c.id, cpvCodes);
  return {
    ...base,
    id: c.id,
    eFormId: c.eFormId,
    // Notices of the old national forms (PIN/buyer profile) carry no BT-04: keep the generated UUID.
    procedureId: c.procedureId ?? base.procedureId,
    heading: c.heading,
    description: c.description,
    buyers: c.buyers.map(org),
    locationIds: c.locationIds,
    placeOfPerformance: c.locationIds.map(locationName),
    estimatedValue: c.estimatedValue,
    type,
    allTypes: [type, ROLL_UP[type]],
    issueDate: c.issueDate,
    publicationDate: c.publicationDate,
    deadline: c.deadline,
    receivedTenders: c.receivedTenders,
    cpvDirect: c.cpvDirect,
    contractNature: c.nature === "works" ? "WORKS" : c.nature === "supplies" ? "SUPPLIES" : "SERVICES",
    sentToTed: c.sentToTed,
    lots: c.lots.map((l) => ({ heading: l.heading, description: l.description, winner: winners })),
  };
};

/** Every fixture notice, one record per id. */
export const fixtureNotices = (): MasterNotice[] => {
  const hits = [
    ...(page.hits as PublicHitJson[]),
    competitionHit,
    awardHit,
    intentHit,
    advisoryHit,
  ] as PublicHitJson[];
  const byId = new Map<string, MasterNotice>();
  for (const hit of hits) byId.set(hit.id, fromPublicHit(hit));
  for (const n of [...fromDetail(), fromWebHit(), ...fromXml(), ...captured.map(fromCapturedXml)]) {
    byId.set(n.id, n);
  }
  return [...byId.values()];
};

export const FIXTURE_IDS: ReadonlySet<string> = new Set(fixtureNotices().map((n) => n.id));
