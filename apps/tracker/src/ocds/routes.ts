import {
  type OcdsRecordsQuery,
  ocdsMetadataRoute,
  ocdsRecordRoute,
  ocdsRecordsRoute,
  ocdsReleaseRoute,
  ocdsReleasesRoute,
} from "@doffin/contracts/ocds";
import { type OcdsRecord, type OcdsRelease, recordPackage, releasePackage } from "@doffin/core";
import { ApiError, validationHook } from "@doffin/http";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { decodeCursor, encodeCursor, queryKey } from "../cursor";
import type { AppEnv } from "../env";
import { resolveFilters } from "./filters";
import { ocdsMetadata } from "./metadata";
import { lastStoredAt, oneRecord, oneRelease, recordPage, releasePage } from "./read";
import { newest, ocdsJson, splicedPackage } from "./respond";

/**
 * `/ocds/*`: the OCDS 1.1 publication from the releases the tracker stores (see ./store.ts). Package
 * `publishedDate` is the newest write the package shows, so an unchanged page has an unchanged body
 * (and ETag); `uri` is the request's URL.
 */

const PAGE_ONLY = new Set(["cursor", "page_size"]);

/** The cursor is tied to every filter (not to page size; indentation never reaches the handler). */
const filterKey = (q: Record<string, unknown>) =>
  queryKey(
    Object.fromEntries(
      Object.entries(q)
        .filter(([k]) => !PAGE_ONLY.has(k))
        .map(([k, v]) => [k, v === undefined ? undefined : String(v)]),
    ),
  );

async function position(c: Context<AppEnv>, q: Record<string, unknown>, cursor: string | undefined) {
  const key = await filterKey(q);
  const secret = c.get("config").cursorSecret;
  const afterSeq = cursor ? (await decodeCursor(cursor, key, secret)).seq : 0;
  const next = async (seq: number) => {
    const url = new URL(c.req.url);
    url.searchParams.set("cursor", await encodeCursor({ seq, detectedAt: "" }, key, secret));
    return url.toString();
  };
  return { afterSeq, next };
}

/** A record with linked releases instead of embedded ones (`embed=false`). */
const linked = (c: Context<AppEnv>, record: OcdsRecord): OcdsRecord => {
  const base = new URL("/ocds/releases/", c.req.url);
  return {
    ...record,
    releases: record.releases.map(
      (r) =>
        ({
          url: new URL(encodeURIComponent(r.id), base).toString(),
          date: r.date,
          tag: r.tag,
        }) as unknown as OcdsRelease,
    ),
  };
};

const meta = (c: Context<AppEnv>, published: string | null) => ({
  uri: c.req.url,
  publishedDate: published ?? new Date(0).toISOString(),
});

export const ocdsApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(ocdsReleasesRoute, async (c) => {
    const q = c.req.valid("query");
    const db = c.env.DB;
    const filters = await resolveFilters(db, q);
    const { afterSeq, next } = await position(c, q, q.cursor);
    const rows = await releasePage(db, filters, afterSeq, q.page_size);
    const page = rows.slice(0, q.page_size);
    const last = page.at(-1);
    const published = newest(page.map((r) => r.storedAt)) ?? (await lastStoredAt(db));
    const head = {
      ...releasePackage([], meta(c, published)),
      ...(rows.length > q.page_size && last ? { links: { next: await next(last.seq) } } : {}),
    };
    const body = splicedPackage(
      head,
      page.map((r) => r.json),
    );
    return ocdsJson(c, body, { lastModified: published }) as never;
  })
  .openapi(ocdsRecordsRoute, async (c) => {
    const q: OcdsRecordsQuery = c.req.valid("query");
    const db = c.env.DB;
    const filters = await resolveFilters(db, q);
    const { afterSeq, next } = await position(c, q, q.cursor);
    const rows = await recordPage(db, filters, afterSeq, q.page_size);
    const page = rows.slice(0, q.page_size);
    // The keyset is the last row read, even when a record read there had nothing left to serve.
    const last = rows.length > q.page_size ? rows[q.page_size - 1] : undefined;
    const published = newest(page.map((r) => r.updatedAt)) ?? (await lastStoredAt(db));
    const records = page.map((r) => (q.embed === false ? linked(c, r.record) : r.record));
    const body = {
      ...recordPackage(records, meta(c, published)),
      ...(last ? { links: { next: await next(last.seq) } } : {}),
    };
    return ocdsJson(c, body, { lastModified: published }) as never;
  })
  .openapi(ocdsReleaseRoute, async (c) => {
    const { id } = c.req.valid("param");
    const row = await oneRelease(c.env.DB, id);
    if (!row) throw new ApiError("not_found", `No release ${id} is stored.`);
    const body = releasePackage([row.release], meta(c, row.storedAt));
    return ocdsJson(c, body, { lastModified: row.storedAt }) as never;
  })
  .openapi(ocdsRecordRoute, async (c) => {
    const { ocid } = c.req.valid("param");
    const row = await oneRecord(c.env.DB, ocid);
    if (!row) throw new ApiError("not_found", `No record ${ocid} is stored.`);
    const body = recordPackage([row.record], meta(c, row.updatedAt));
    return ocdsJson(c, body, { lastModified: row.updatedAt }) as never;
  })
  .openapi(ocdsMetadataRoute, async (c) => {
    const body = await ocdsMetadata(c.env.DB);
    return ocdsJson(c, body, { lastModified: body.lastUpdated }) as never;
  });
