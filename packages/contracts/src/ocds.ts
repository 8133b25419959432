import { OcdsNoQuery, OcdsRecordsQuery, OcdsReleasesQuery } from "@doffin/core";
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

// The query contract lives in core (CLI, MCP tools and this Worker share it); re-exported for the routes.
export {
  OCDS_FILTER_PARAMS,
  OCDS_RECORD_PARAMS,
  OCDS_RELEASE_PARAMS,
  OCDS_RELEASE_TAGS,
  OcdsFilterFields,
  OcdsNoQuery,
  OcdsRecordsQuery,
  OcdsReleasesQuery,
  OcdsReleaseTag,
} from "@doffin/core";

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
  request: { params: z.object({ id: z.string().min(1).max(300) }), query: OcdsNoQuery },
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
  request: { params: z.object({ ocid: z.string().min(1).max(300) }), query: OcdsNoQuery },
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
  request: { query: OcdsNoQuery },
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
  request: { query: OcdsNoQuery },
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
