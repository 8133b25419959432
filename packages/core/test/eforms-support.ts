import { readdirSync, readFileSync } from "node:fs";
import { type EformsNotice, parseEformsNotice } from "../src/index";
import { FIXTURES_DIR } from "./client-support";

/** Shared by the eForms tests: the real Doffin eForms XML downloads and a parsed-and-validated reader. */
export const eformsFixtureIds = (): string[] =>
  readdirSync(new URL("public-api/download/", FIXTURES_DIR))
    .filter((name) => name.endsWith(".xml"))
    .sort()
    .map((name) => name.replace(/\.xml$/, ""));

export const readEformsXml = (doffinId: string): string =>
  readFileSync(new URL(`public-api/download/${doffinId}.xml`, FIXTURES_DIR), "utf8");

/** Parses a fixture with its Doffin id, as a caller that downloaded it by that id would. */
export const loadEformsNotice = (doffinId: string): EformsNotice =>
  parseEformsNotice(readEformsXml(doffinId), { doffinId });
