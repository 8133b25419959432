/** Plain JSON, the only shape OCDS documents take. */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export type JsonObject = { [key: string]: Json };

/**
 * An OCDS release (or compiled release) as a JSON object. The mapper fills a typed subset; the merge
 * routine treats every release as plain JSON so that fields it does not know are merged by the default
 * rules, as the OCDS merge specification requires.
 */
export type OcdsRelease = JsonObject & { ocid: string; id: string; date: string; tag: string[] };

/** A record (OCDS 1.1 record package `records[]` entry) with embedded releases. */
export type OcdsRecord = {
  ocid: string;
  releases: OcdsRelease[];
  compiledRelease: JsonObject;
  versionedRelease: JsonObject;
};

export const isJsonObject = (value: Json | undefined): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);
