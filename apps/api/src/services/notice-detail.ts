import { CONTRACT_XML_FIELDS } from "@doffin/contracts/tracker";
import {
  ContractParty,
  ContractValues,
  contractParties,
  contractValues,
  EformsChanges,
  EformsLot,
  type EformsNotice,
  EformsResults,
  Notice,
  parseEformsNotice,
} from "@doffin/core";
import { z } from "zod";
import { type CacheResult, etagOf } from "../cache";
import { bodyOf } from "./body";
import type { ServiceCall } from "./container";
import { getEformsXml } from "./eforms-xml";
import { getNotice } from "./notice";

/**
 * `GET /v1/notices/{id}`: the cached web-client notice plus the contract data read from its eForms XML
 * (R2, else the Public API download). The notice's own `lots` (the web client's heading / winners) stay
 * as they were, so the eForms lots are `eformsLots`. Without XML the answer says which fields it could
 * not fill and why, instead of nulls that would read as "none".
 */

/**
 * Fields only the eForms XML carries; listed in `unavailable` when there is none. The tracker's list
 * (`CONTRACT_XML_FIELDS`) with its `lots` under the detail's name for them.
 */
export const DETAIL_XML_FIELDS = CONTRACT_XML_FIELDS.map((f) => (f === "lots" ? "eformsLots" : f)) as [
  "eformsLots",
  ...Exclude<(typeof CONTRACT_XML_FIELDS)[number], "lots">[],
];

export const DETAIL_UNAVAILABLE_REASONS = [
  /** No XML stored by the tracker and no Public API key here to download it. */
  "no_public_api_key",
  /** Doffin has no XML for this notice. */
  "not_found",
  /** The download failed just now (upstream error, timeout, unusable document); try again later. */
  "download_failed",
  /** The XML is not a readable eForms notice. */
  "parse_error",
] as const;

export const DataSource = z.object({
  source: z.enum(["webclient", "public-api", "eforms-xml"]),
  fetchedAt: z.string(),
});

export const NoticeDetail = Notice.extend({
  eformsLots: z
    .array(EformsLot)
    .describe("eForms lots (BT-137 …); [] and listed in `unavailable` without XML."),
  results: EformsResults.nullable(),
  parties: z.array(ContractParty),
  values: ContractValues.describe("Kept apart, never added: estimate, framework maximum, awarded."),
  change: EformsChanges.nullable(),
  dataSources: z.array(DataSource).describe("Where each part came from and when it was fetched."),
  unavailable: z
    .array(z.enum(DETAIL_XML_FIELDS))
    .describe("Fields this answer could not fill (null/[] there means unknown, not none)."),
  unavailableReason: z.enum(DETAIL_UNAVAILABLE_REASONS).nullable(),
});
export type NoticeDetail = z.infer<typeof NoticeDetail>;

export const DETAIL_FIELDS = Object.keys(NoticeDetail.shape);

/** Parsed models by XML ETag: parsing costs milliseconds, the XML of a hot notice rarely changes. */
const parsedByEtag = new Map<string, EformsNotice>();
const PARSED_MAX = 64;

function parsed(etag: string, xml: string, id: string): EformsNotice {
  const hit = parsedByEtag.get(etag);
  if (hit) return hit;
  const model = parseEformsNotice(xml, { doffinId: id });
  if (parsedByEtag.size >= PARSED_MAX) parsedByEtag.delete(parsedByEtag.keys().next().value as string);
  parsedByEtag.set(etag, model);
  return model;
}

type Contract = Pick<
  NoticeDetail,
  "eformsLots" | "results" | "parties" | "values" | "change" | "unavailable" | "unavailableReason"
> & { xmlSource: NoticeDetail["dataSources"] };

function withoutXml(notice: Notice, reason: NoticeDetail["unavailableReason"]): Contract {
  return {
    eformsLots: [],
    results: null,
    parties: notice.buyers.map((b) => ({ role: "buyer", name: b.name, orgNumber: b.orgNumber, lotIds: [] })),
    values: { estimated: notice.estimatedValue, frameworkMaximum: null, awarded: null },
    change: null,
    unavailable: [...DETAIL_XML_FIELDS],
    unavailableReason: reason,
    xmlSource: [],
  };
}

async function contractOf(call: ServiceCall, notice: Notice): Promise<Contract> {
  let xml: Awaited<ReturnType<typeof getEformsXml>>;
  try {
    xml = await getEformsXml(call, notice.id);
  } catch (err) {
    // The detail still answers with what the web client knows; the XML route reports the error itself.
    console.warn(JSON.stringify({ msg: "eforms xml unavailable", id: notice.id, error: String(err) }));
    return withoutXml(notice, "download_failed");
  }
  if (xml.from === "none") return withoutXml(notice, xml.reason);
  let model: EformsNotice;
  try {
    model = parsed(xml.etag, xml.xml, notice.id);
  } catch (err) {
    console.warn(JSON.stringify({ msg: "eforms xml unreadable", id: notice.id, error: String(err) }));
    return {
      ...withoutXml(notice, "parse_error"),
      xmlSource: [{ source: "eforms-xml", fetchedAt: xml.fetchedAt }],
    };
  }
  return {
    eformsLots: model.lots,
    results: model.results,
    parties: contractParties(model),
    values: contractValues(model),
    change: model.changes,
    unavailable: [],
    unavailableReason: null,
    xmlSource: [{ source: "eforms-xml", fetchedAt: xml.fetchedAt }],
  };
}

/** The detail answer: the notice's cache result (its Cache-Status and age) and the composed body. */
export type DetailAnswer = { result: CacheResult; value: NoticeDetail };

/**
 * One notice with its contract data.
 * @throws what `getNotice` throws (invalid id, unknown notice, upstream errors).
 * @example (await getNoticeDetail(call, "2026-107918")).value.values.awarded
 */
export async function getNoticeDetail(call: ServiceCall, id: string): Promise<DetailAnswer> {
  const result = await getNotice(call, id);
  const notice = bodyOf<Notice>(result.entry);
  const { xmlSource, ...contract } = await contractOf(call, notice);
  const value: NoticeDetail = {
    ...notice,
    ...contract,
    dataSources: [
      {
        source: call.services.config.UPSTREAM_KIND === "public-api" ? "public-api" : "webclient",
        fetchedAt: new Date(result.entry.storedAt).toISOString(),
      },
      ...xmlSource,
    ],
  };
  return { result, value };
}

/** A body and its strong ETag (a projection is its own representation, so its own tag). */
export async function tagged(value: unknown): Promise<{ body: string; etag: string }> {
  const body = JSON.stringify(value);
  return { body, etag: await etagOf(body) };
}
