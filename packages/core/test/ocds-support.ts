import { readdirSync, readFileSync } from "node:fs";
import type { Json, JsonObject } from "../src/index";

/** Shared by the OCDS tests: the repo's `fixtures/ocds/` copy (schemas, profile, merge conformance cases). */
export const OCDS_FIXTURES = new URL("../../../fixtures/ocds/", import.meta.url);

export const readOcdsJson = <T = JsonObject>(path: string): T =>
  JSON.parse(readFileSync(new URL(path, OCDS_FIXTURES), "utf8")) as T;

export const listOcdsFiles = (folder: string): string[] =>
  readdirSync(new URL(folder, OCDS_FIXTURES))
    .filter((n) => n.endsWith(".json"))
    .sort();

export const asJson = (value: unknown): Json => value as Json;
