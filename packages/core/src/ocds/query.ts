import { z } from "zod";
import { once, SinceParam, unknownParams } from "../tracking/query";

/**
 * The query contract of `GET /ocds/releases` and `GET /ocds/records`: the DG OCDS Records API's
 * filters (`item` is `cpv` here), freely combinable, plus keyset paging. Plain zod, so the tracker
 * (through `@doffin/contracts/ocds`, which documents it), the MCP tools and the CLI (flags, help, local
 * validation) all use this one object. Whether a value exists in the stored releases is the tracker's
 * check (with suggestions from `/ocds/metadata`); this object checks the shape of each value.
 * Indentation (`pretty`) is not a parameter of this contract: every Worker takes it off the URL first.
 */

/** OCDS 1.1 release tags (the `releaseTag` codelist). */
export const OCDS_RELEASE_TAGS = [
  "planning",
  "planningUpdate",
  "tender",
  "tenderAmendment",
  "tenderUpdate",
  "tenderCancellation",
  "award",
  "awardUpdate",
  "awardCancellation",
  "contract",
  "contractUpdate",
  "contractAmendment",
  "implementation",
  "implementationUpdate",
  "contractTermination",
  "compiled",
] as const;

/** @example OcdsReleaseTag.parse("tenderAmendment") */
export const OcdsReleaseTag = z.enum(OCDS_RELEASE_TAGS, { message: "not an OCDS release tag" });

const Flag = once(z.enum(["true", "false"], { message: "use true or false" }))
  .transform((v) => v === "true")
  .optional();

/** A calendar date or timestamp, normalized to an ISO UTC instant (a date is 00:00 in Oslo). */
const Instant = once(SinceParam);

const Country = once(
  z
    .string()
    .regex(/^[A-Za-z]{2}$/, "an ISO 3166-1 alpha-2 code (NO, SE)")
    .transform((v) => v.toUpperCase()),
);

/**
 * The filter fields, in the order the CLI lists them; each has a description (REST docs, CLI help).
 * @example OcdsFilterFields.shape.year.safeParse("26").success // false: "a year has 4 digits"
 */
export const OcdsFilterFields = z.object({
  buyer: once(z.string().trim().min(2).max(200))
    .optional()
    .describe("Buyer organisation number (9 digits) or name (case and diacritics ignored)."),
  supplier: once(z.string().trim().min(2).max(200))
    .optional()
    .describe("Supplier organisation number (9 digits) or name."),
  year: once(z.string().regex(/^\d{4}$/, "a year has 4 digits"))
    .optional()
    .describe("Year of the release date."),
  cpv: once(
    z
      .string()
      .trim()
      .transform((v) => v.replace(/\*$/, "").replace(/-\d$/, ""))
      .pipe(z.string().regex(/^\d{2,8}$/, "a CPV code or prefix: 2–8 digits (72, 722*, 72212000-4)")),
  )
    .optional()
    .describe("CPV code or prefix of an item (DG's `item`): 72, 722*, 72212000."),
  contract_type: once(z.enum(["goods", "works", "services"], { message: "use goods, works or services" }))
    .optional()
    .describe("Main procurement category of the tender or a lot."),
  award_criteria: once(z.enum(["price", "cost", "quality"], { message: "use price, cost or quality" }))
    .optional()
    .describe("Type of an award criterion of a lot."),
  buyer_country: Country.optional().describe("Buyer's country, ISO 3166-1 alpha-2 (NO)."),
  supplier_country: Country.optional().describe("A supplier's country, ISO 3166-1 alpha-2 (SE)."),
  tag: once(OcdsReleaseTag).optional().describe("Release tag (records: any of its releases)."),
  ocid: once(z.string().min(1).max(300)).optional().describe("One contracting process (its ocid)."),
  date_from: Instant.optional().describe("Release date at or after (timestamp, or a date = 00:00 Oslo)."),
  date_to: Instant.optional().describe("Release date before."),
  updated_since: Instant.optional().describe(
    "Written (or rewritten) by the gateway at or after: what an incremental crawl starts from.",
  ),
});

const PAGING = {
  page_size: once(z.coerce.number().int().min(1).max(1000)).default(100).describe("1–1000, default 100."),
  cursor: once(z.string().min(1).max(512))
    .optional()
    .describe("From `links.next`; keep the other parameters."),
};

const EMBED = { embed: Flag.describe("false: releases as linked releases (url, date, tag).") };

/** The filter names (`buyer` … `updated_since`). */
export const OCDS_FILTER_PARAMS = Object.keys(
  OcdsFilterFields.shape,
) as (keyof typeof OcdsFilterFields.shape)[];
export const OCDS_RELEASE_PARAMS = [...OCDS_FILTER_PARAMS, ...Object.keys(PAGING)];
export const OCDS_RECORD_PARAMS = [...OCDS_RELEASE_PARAMS, ...Object.keys(EMBED)];

/** Query of `GET /ocds/releases`. @example OcdsReleasesQuery.parse({ buyer: "974760673", year: "2026" }) */
export const OcdsReleasesQuery = z.strictObject(
  { ...OcdsFilterFields.shape, ...PAGING },
  { error: unknownParams(OCDS_RELEASE_PARAMS) },
);
export type OcdsReleasesQuery = z.output<typeof OcdsReleasesQuery>;

/**
 * Query of `GET /ocds/records`; `embed=false` lists release URIs instead of embedding releases.
 * @example OcdsRecordsQuery.parse({ supplier: "884039312", embed: "false" }).embed // false
 */
export const OcdsRecordsQuery = z.strictObject(
  { ...OcdsFilterFields.shape, ...PAGING, ...EMBED },
  { error: unknownParams(OCDS_RECORD_PARAMS) },
);
export type OcdsRecordsQuery = z.output<typeof OcdsRecordsQuery>;

/** Query of the OCDS routes that take none (one release or record, metadata, the bulk list). */
export const OcdsNoQuery = z.strictObject({}, { error: unknownParams([]) });
