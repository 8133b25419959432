import {
  compileRelease,
  extendCompiledRelease,
  extendVersionedRelease,
  sortReleases,
  versionRelease,
} from "./merge";
import type { MergeRules } from "./merge-rules";
import { EFORMS_MERGE_RULES } from "./merge-rules.generated";
import type { JsonObject, OcdsRecord, OcdsRelease } from "./types";

/**
 * The one extension a package of our releases declares: the OCDS-for-eForms profile, which bundles every
 * extension the profile uses (so consumers and validators fetch one file instead of 42).
 */
export const OCDS_EFORMS_EXTENSIONS = [
  "https://standard.open-contracting.org/profiles/eforms/latest/en/extension.json",
];

/** Package metadata: where the package lives, who publishes it, when. */
export type OcdsPackageMeta = {
  uri: string;
  publishedDate: string;
  publisher?: { name: string; uri?: string };
  license?: string;
  publicationPolicy?: string;
};

const DEFAULT_PUBLISHER = { name: "Doffin gateway (data: DFØ/Doffin)" };
const DEFAULT_LICENSE = "https://creativecommons.org/licenses/by/4.0/";

const packageHead = (meta: OcdsPackageMeta): JsonObject => ({
  uri: meta.uri,
  version: "1.1",
  extensions: OCDS_EFORMS_EXTENSIONS,
  publisher: meta.publisher ?? DEFAULT_PUBLISHER,
  publishedDate: meta.publishedDate,
  license: meta.license ?? DEFAULT_LICENSE,
  ...(meta.publicationPolicy ? { publicationPolicy: meta.publicationPolicy } : {}),
});

/**
 * An OCDS 1.1 release package around releases (any ocids).
 *
 * @example
 * releasePackage(releases, { uri: "https://gw.example/ocds/releases/x.json", publishedDate: now });
 */
export const releasePackage = (releases: OcdsRelease[], meta: OcdsPackageMeta): JsonObject => ({
  ...packageHead(meta),
  releases,
});

/**
 * The record of one ocid: every release (embedded, in date order), the compiled and the versioned release.
 * Throws `OcdsMergeError` for releases without a date and when the releases name more than one ocid.
 *
 * @example
 * const record = buildRecord(releasesOfOneOcid);
 * record.compiledRelease.tag; // ["compiled"]
 */
export const buildRecord = (releases: OcdsRelease[], rules: MergeRules = EFORMS_MERGE_RULES): OcdsRecord => {
  const sorted = sortReleases(releases);
  const ocids = new Set(sorted.map((r) => r.ocid));
  if (ocids.size !== 1) throw new RangeError(`a record holds the releases of one ocid, got ${ocids.size}`);
  return {
    ocid: sorted[0]?.ocid ?? "",
    releases: sorted,
    compiledRelease: compileRelease(sorted, rules),
    versionedRelease: versionRelease(sorted, rules),
  };
};

/**
 * Adds one release to a record without re-merging its earlier releases (the tracker's path when a notice
 * arrives): compiled and versioned release are extended in place of a full merge. A release older than the
 * record's newest falls back to {@link buildRecord} over all releases, so the result is always the full merge's.
 *
 * @example
 * record = extendRecord(record, mapEformsNotice(notice)[0]);
 */
export const extendRecord = (
  record: OcdsRecord,
  release: OcdsRelease,
  rules: MergeRules = EFORMS_MERGE_RULES,
): OcdsRecord => {
  if (release.ocid !== record.ocid)
    throw new RangeError(`release ocid ${release.ocid} is not the record's ${record.ocid}`);
  const latest = record.releases[record.releases.length - 1]?.date;
  const releases = [...record.releases, release];
  if (latest === undefined || typeof release.date !== "string" || release.date < latest)
    return buildRecord(releases, rules);
  return {
    ocid: record.ocid,
    releases,
    compiledRelease: extendCompiledRelease(record.compiledRelease, release, rules),
    versionedRelease: extendVersionedRelease(record.versionedRelease, latest, release, rules),
  };
};

/** Groups releases by ocid into records (ocids in first-seen order). */
export const buildRecords = (
  releases: OcdsRelease[],
  rules: MergeRules = EFORMS_MERGE_RULES,
): OcdsRecord[] => {
  const byOcid = new Map<string, OcdsRelease[]>();
  for (const r of releases) byOcid.set(r.ocid, [...(byOcid.get(r.ocid) ?? []), r]);
  return [...byOcid.values()].map((group) => buildRecord(group, rules));
};

/**
 * An OCDS 1.1 record package.
 *
 * @example
 * recordPackage(buildRecords(releases), { uri, publishedDate });
 */
export const recordPackage = (records: OcdsRecord[], meta: OcdsPackageMeta): JsonObject => ({
  ...packageHead(meta),
  records: records as unknown as JsonObject[],
});
