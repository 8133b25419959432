import type { OcdsRelease } from "@doffin/core";
import { buildRecord } from "@doffin/core";
import { releasesOfOcids } from "../read";
import { CSV_SHEETS } from "./csv";
import { type BulkFormat, encodeReleases, gzipStream, type ReleaseInput } from "./encode";
import { putStream, type Stored } from "./sink";

/**
 * Bulk files in R2 (`OCDS` bucket `doffin-ocds`, prefix `ocds/bulk/`), written by the cron:
 * - per UTC day D of `release.date`, by D+1: `daily/D/releases.json.gz` (release package),
 *   `releases.ndjson.gz`, `compiled.ndjson.gz` (the compiled release of every ocid with a release that
 *   day, merged over all its releases), and `{releases,awards,parties,lots}.csv.gz`;
 * - `full/releases.ndjson.gz`: every stored release, rewritten once a day.
 * Reads page through D1 by `seq` (500 rows a query) and stream each row out: memory stays flat.
 */
export const BULK_PREFIX = "ocds/bulk/";
const PAGE = 500;

/** The stored release texts, as stored (encodeReleases parses them only for CSV). */
async function* releasesWhere(db: D1Database, where: string, args: unknown[]): AsyncGenerator<string> {
  let after = 0;
  for (;;) {
    const { results } = await db
      .prepare(`SELECT seq, release FROM ocds_releases WHERE seq > ? ${where} ORDER BY seq LIMIT ?`)
      .bind(after, ...args, PAGE)
      .all<{ seq: number; release: string }>();
    for (const r of results) yield r.release;
    const last = results.at(-1);
    if (!last || results.length < PAGE) return;
    after = last.seq;
  }
}

async function* compiledOfDay(db: D1Database, day: string): AsyncGenerator<OcdsRelease> {
  let after = "";
  for (;;) {
    const { results } = await db
      .prepare("SELECT DISTINCT ocid FROM ocds_releases WHERE day = ? AND ocid > ? ORDER BY ocid LIMIT 90")
      .bind(day, after)
      .all<{ ocid: string }>();
    const ocids = results.map((r) => r.ocid);
    const byOcid = await releasesOfOcids(db, ocids);
    for (const ocid of ocids) {
      const rs = byOcid.get(ocid);
      if (rs?.length) yield buildRecord(rs).compiledRelease as OcdsRelease;
    }
    if (ocids.length < 90) return;
    after = ocids.at(-1) ?? after;
  }
}

const put = (
  bucket: R2Bucket,
  key: string,
  chunks: AsyncIterable<string>,
  custom: Record<string, string>,
  type: string,
) => putStream(bucket, `${BULK_PREFIX}${key}`, gzipStream(chunks), { contentType: type, custom });

const PACKAGE_TYPE = "application/gzip";

/** Writes the day's seven files. `publicBase`: the origin the package `uri` names. */
export async function exportDay(
  db: D1Database,
  bucket: R2Bucket,
  day: string,
  now: string,
  publicBase: string,
): Promise<Stored[]> {
  const custom = { day, generatedAt: now };
  const ofDay = () => releasesWhere(db, "AND day = ?", [day]);
  const base = `daily/${day}/`;
  const files: [string, () => AsyncIterable<ReleaseInput>, BulkFormat][] = [
    [
      "releases.json.gz",
      ofDay,
      {
        kind: "package",
        meta: { uri: `${publicBase}/ocds/bulk/${base}releases.json.gz`, publishedDate: now },
      },
    ],
    ["releases.ndjson.gz", ofDay, { kind: "ndjson" }],
    ["compiled.ndjson.gz", () => compiledOfDay(db, day), { kind: "ndjson" }],
    ...CSV_SHEETS.map((sheet): [string, () => AsyncIterable<ReleaseInput>, BulkFormat] => [
      `${sheet}.csv.gz`,
      ofDay,
      { kind: "csv", sheet },
    ]),
  ];
  const out: Stored[] = [];
  // The package file last: its presence says the day is complete.
  for (const [name, src, format] of [...files.slice(1), files[0] as (typeof files)[number]])
    out.push(await put(bucket, `${base}${name}`, encodeReleases(src(), format), custom, PACKAGE_TYPE));
  return out;
}

export async function exportFull(db: D1Database, bucket: R2Bucket, now: string): Promise<Stored> {
  return put(
    bucket,
    "full/releases.ndjson.gz",
    encodeReleases(releasesWhere(db, "", []), { kind: "ndjson" }),
    {
      generatedAt: now,
    },
    PACKAGE_TYPE,
  );
}

export type BulkRun = { days: string[]; full: boolean };

const markDone = (db: D1Database, day: string, at: string) =>
  db
    .prepare(
      "INSERT INTO ocds_bulk_days (day, generated_at) VALUES (?, ?) ON CONFLICT (day) DO UPDATE SET generated_at = excluded.generated_at",
    )
    .bind(day, at)
    .run();

/**
 * The cron's part: every day before today (UTC) whose releases changed after its files were written
 * (or that has none yet), oldest first, at most `maxDays` a tick; then the full file once a day.
 */
export async function runOcdsBulk(
  db: D1Database,
  bucket: R2Bucket,
  now: Date,
  publicBase = "",
  maxDays = 10,
): Promise<BulkRun> {
  const iso = now.toISOString();
  const today = iso.slice(0, 10);
  const { results } = await db
    .prepare(
      `SELECT r.day FROM (SELECT day, MAX(stored_at) AS last FROM ocds_releases WHERE day < ? GROUP BY day) r
       LEFT JOIN ocds_bulk_days b ON b.day = r.day
       WHERE b.generated_at IS NULL OR b.generated_at < r.last ORDER BY r.day LIMIT ?`,
    )
    .bind(today, maxDays)
    .all<{ day: string }>();
  const days: string[] = [];
  for (const { day } of results) {
    await exportDay(db, bucket, day, iso, publicBase);
    await markDone(db, day, iso);
    days.push(day);
  }
  const fullAt = await db
    .prepare(
      "SELECT generated_at AS t, (SELECT COUNT(*) FROM ocds_releases) AS n FROM (SELECT 1) LEFT JOIN ocds_bulk_days ON day = ''",
    )
    .first<{ t: string | null; n: number }>();
  const full = (fullAt?.n ?? 0) > 0 && (!fullAt?.t || fullAt.t.slice(0, 10) < today);
  if (full) {
    await exportFull(db, bucket, iso);
    await markDone(db, "", iso);
  }
  return { days, full };
}
