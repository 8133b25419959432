import { once, SinceParam, unknownParams } from "@doffin/core";
import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "./errors";

/**
 * Route contracts of the OCDS 1.1 publication (`/ocds/*`). The tracker serves them from the releases it
 * stores next to each notice's contract data; the API forwards `/ocds/*` to it through its `TRACKER`
 * binding and documents the same objects. Filters follow the DG OCDS Records API (`item` is `cpv` here)
 * and are freely combinable; a value no stored release has is a 400 with suggestions from `/ocds/metadata`.
 */

export const OCDS_TAG = "OCDS";

const notConnected = {
  upstream_unavailable: "upstream_unavailable: the change tracker is not connected or not available.",
} as const;

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
export const OcdsReleaseTag = z.enum(OCDS_RELEASE_TAGS, { message: "not an OCDS release tag" });

const Flag = once(z.enum(["true", "false"], { message: "use true or false" }))
  .transform((v) => v === "true")
  .optional();

/** A calendar date or timestamp, normalized to an ISO UTC instant (a date is 00:00 in Oslo). */
const Instant = once(SinceParam);

const FILTERS = {
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
  buyer_country: once(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/, "an ISO 3166-1 alpha-2 code (NO, SE)")
      .transform((v) => v.toUpperCase()),
  ).optional(),
  supplier_country: once(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/, "an ISO 3166-1 alpha-2 code (NO, SE)")
      .transform((v) => v.toUpperCase()),
  ).optional(),
  tag: once(OcdsReleaseTag).optional().describe("Release tag (records: any of its releases)."),
  ocid: once(z.string().min(1).max(300)).optional(),
  date_from: Instant.optional().describe("Release date at or after (timestamp, or a date = 00:00 Oslo)."),
  date_to: Instant.optional().describe("Release date before."),
  updated_since: Instant.optional().describe(
    "Written (or rewritten) by the gateway at or after: what an incremental crawl starts from.",
  ),
};

const PAGING = {
  page_size: once(z.coerce.number().int().min(1).max(1000)).default(100).describe("1–1000, default 100."),
  cursor: once(z.string().min(1).max(512))
    .optional()
    .describe("From `links.next`; keep the other parameters."),
  pretty: Flag.describe("true: indented JSON."),
};

export const OCDS_RELEASE_PARAMS = [...Object.keys(FILTERS), ...Object.keys(PAGING)];
export const OCDS_RECORD_PARAMS = [...OCDS_RELEASE_PARAMS, "embed"];

/** Query of `GET /ocds/releases`. @example OcdsReleasesQuery.parse({ buyer: "974760673", year: "2026" }) */
export const OcdsReleasesQuery = z.strictObject(
  { ...FILTERS, ...PAGING },
  { error: unknownParams(OCDS_RELEASE_PARAMS) },
);
export type OcdsReleasesQuery = z.output<typeof OcdsReleasesQuery>;

/** Query of `GET /ocds/records`; `embed=false` lists release URIs instead of embedding releases. */
export const OcdsRecordsQuery = z.strictObject(
  { ...FILTERS, ...PAGING, embed: Flag.describe("false: releases as linked releases (url, date, tag).") },
  { error: unknownParams(OCDS_RECORD_PARAMS) },
);
export type OcdsRecordsQuery = z.output<typeof OcdsRecordsQuery>;

export const OcdsPrettyQuery = z.strictObject(
  { pretty: PAGING.pretty },
  { error: unknownParams(["pretty"]) },
);

/** The JSON of a release or record is the OCDS schema's, not restated here. */
const OcdsObject = z.record(z.string(), z.unknown());

const PackageHead = {
  uri: z.string(),
  version: z.literal("1.1"),
  extensions: z.array(z.string()),
  publisher: z.object({ name: z.string(), uri: z.string().optional() }),
  publishedDate: z.string(),
  license: z.string(),
  publicationPolicy: z.string().optional(),
  links: z.object({ next: z.string().optional() }).optional(),
};

export const OcdsReleasePackage = z.object({ ...PackageHead, releases: z.array(OcdsObject) });
export const OcdsRecordPackage = z.object({ ...PackageHead, records: z.array(OcdsObject) });

const Count = z.object({ value: z.string(), count: z.number().int() });
const OrgCount = z.object({ orgNumber: z.string().nullable(), name: z.string(), count: z.number().int() });

/** `GET /ocds/metadata`: every valid filter value with the number of releases that have it. */
export const OcdsMetadata = z.object({
  releases: z.number().int(),
  records: z.number().int(),
  lastUpdated: z.string().nullable(),
  years: z.array(Count),
  buyers: z.array(OrgCount),
  suppliers: z.array(OrgCount),
  tags: z.array(Count),
  cpvDivisions: z.array(Count),
  contractTypes: z.array(Count),
  awardCriteria: z.array(Count),
  buyerCountries: z.array(Count),
  supplierCountries: z.array(Count),
});
export type OcdsMetadata = z.infer<typeof OcdsMetadata>;

const cacheHeaders = z.object({ ETag: z.string(), "Last-Modified": z.string().optional() });
const errors = (extra: "not_found"[] = []) =>
  errorResponses(["invalid_request", ...extra, "upstream_unavailable"], {
    invalid_request:
      "invalid_request: unknown parameter, bad or unknown filter value (with suggestions), cursor.",
    ...notConnected,
  });

export const ocdsReleasesRoute = createRoute({
  method: "get",
  path: "/ocds/releases",
  tags: [OCDS_TAG],
  summary: "OCDS release package: releases in the order the gateway wrote them",
  description:
    "Follow `links.next` to the end: pages never skip or repeat a release while the tracker writes (keyset on the write order). Start an incremental crawl with `updated_since`.",
  request: { query: OcdsReleasesQuery },
  responses: {
    200: {
      description: "One page.",
      headers: cacheHeaders,
      content: { "application/json": { schema: OcdsReleasePackage } },
    },
    304: { description: "Not modified." },
    ...errors(),
  },
});

export const ocdsRecordsRoute = createRoute({
  method: "get",
  path: "/ocds/records",
  tags: [OCDS_TAG],
  summary: "OCDS record package: one record per ocid with all its releases, compiled and versioned",
  description:
    "A record matches when its releases, together, match every filter. Ordered by last update; `embed=false` lists linked releases.",
  request: { query: OcdsRecordsQuery },
  responses: {
    200: {
      description: "One page.",
      headers: cacheHeaders,
      content: { "application/json": { schema: OcdsRecordPackage } },
    },
    304: { description: "Not modified." },
    ...errors(),
  },
});

export const ocdsReleaseRoute = createRoute({
  method: "get",
  path: "/ocds/releases/{id}",
  tags: [OCDS_TAG],
  summary: "One release, in a release package",
  request: { params: z.object({ id: z.string().min(1).max(300) }), query: OcdsPrettyQuery },
  responses: {
    200: { description: "The release.", content: { "application/json": { schema: OcdsReleasePackage } } },
    304: { description: "Not modified." },
    ...errors(["not_found"]),
  },
});

export const ocdsRecordRoute = createRoute({
  method: "get",
  path: "/ocds/records/{ocid}",
  tags: [OCDS_TAG],
  summary: "One record (all its releases), in a record package",
  request: { params: z.object({ ocid: z.string().min(1).max(300) }), query: OcdsPrettyQuery },
  responses: {
    200: { description: "The record.", content: { "application/json": { schema: OcdsRecordPackage } } },
    304: { description: "Not modified." },
    ...errors(["not_found"]),
  },
});

export const ocdsMetadataRoute = createRoute({
  method: "get",
  path: "/ocds/metadata",
  tags: [OCDS_TAG],
  summary: "Valid values of every OCDS filter, with release counts",
  request: { query: OcdsPrettyQuery },
  responses: {
    200: { description: "The values.", content: { "application/json": { schema: OcdsMetadata } } },
    304: { description: "Not modified." },
    ...errors(),
  },
});

export const OcdsBulkFile = z.object({
  /** `daily/2026-11-30/releases.json.gz`, `full/releases.ndjson.gz`. */
  name: z.string(),
  url: z.string(),
  /** The UTC day of `release.date` the file holds; null for the full history. */
  day: z.string().nullable(),
  format: z.enum(["release-package", "ndjson", "compiled-ndjson", "csv"]),
  /** Gzip-compressed bytes and their SHA-256 (hex). */
  size: z.number().int(),
  sha256: z.string(),
  generatedAt: z.string(),
});
export const OcdsBulkList = z.object({ files: z.array(OcdsBulkFile) });
export type OcdsBulkList = z.infer<typeof OcdsBulkList>;

export const ocdsBulkRoute = createRoute({
  method: "get",
  path: "/ocds/bulk",
  tags: [OCDS_TAG],
  summary:
    "Bulk files: per-day release packages, NDJSON (releases, compiled releases), CSV sheets, full history",
  description:
    "Written by the cron by D+1 (UTC days of `release.date`), gzip-compressed; each with its size and SHA-256. Newest day first.",
  request: { query: OcdsPrettyQuery },
  responses: {
    200: { description: "The files.", content: { "application/json": { schema: OcdsBulkList } } },
    304: { description: "Not modified." },
    ...errors(),
  },
});

const BulkName = z.string().regex(/^[a-z]+\.(json|ndjson|csv)\.gz$/, "a bulk file name (releases.json.gz …)");
const gzip = {
  description: "The gzip file.",
  content: { "application/gzip": { schema: z.string().openapi({ format: "binary" }) } },
};

export const ocdsBulkDayFileRoute = createRoute({
  method: "get",
  path: "/ocds/bulk/daily/{day}/{file}",
  tags: [OCDS_TAG],
  summary: "One bulk file of one day",
  request: {
    params: z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day YYYY-MM-DD"), file: BulkName }),
  },
  responses: { 200: gzip, ...errors(["not_found"]) },
});

export const ocdsBulkFullFileRoute = createRoute({
  method: "get",
  path: "/ocds/bulk/full/{file}",
  tags: [OCDS_TAG],
  summary: "The full-history bulk file",
  request: { params: z.object({ file: BulkName }) },
  responses: { 200: gzip, ...errors(["not_found"]) },
});

/** Every `/ocds/*` route, for OpenAPI documents. */
export const ocdsRoutes = [
  ocdsReleasesRoute,
  ocdsReleaseRoute,
  ocdsRecordsRoute,
  ocdsRecordRoute,
  ocdsMetadataRoute,
  ocdsBulkRoute,
  ocdsBulkDayFileRoute,
  ocdsBulkFullFileRoute,
] as const;
