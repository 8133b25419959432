import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  computeEformsMergeRules,
  DPS_TYPE,
  EFORMS_MERGE_RULES,
  FORM_TYPE_TAGS,
  FRAMEWORK_METHOD,
  PROCEDURE_METHOD,
  SUBMISSION_MEASURE,
} from "../src/index";
import { OCDS_FIXTURES, readOcdsJson } from "./ocds-support";

/** Rows of a mapping-table CSV as [eForms code, OCDS column 3, column 4], quotes and `'…'` markers removed. */
const csvRows = (name: string): string[][] =>
  readFileSync(new URL(`eforms-mapping/mapping-tables/${name}`, OCDS_FIXTURES), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [];
      return cells.map((c) => c.replace(/,$/, "").replace(/^"|"$/g, ""));
    });
const codes = (cell: string | undefined): string[] =>
  (cell ?? "")
    .split(",")
    .map((s) => s.trim().replace(/^'|'$/g, ""))
    .filter(Boolean);

describe("the mapping tables in code match the profile's CSVs", () => {
  it("form type → tags and tender.status", () => {
    const fromCsv = Object.fromEntries(
      csvRows("form-type.csv").map(([code, , tags, status]) => [
        code,
        { tags: codes(tags), tenderStatus: codes(status)[0] ?? null },
      ]),
    );
    expect(FORM_TYPE_TAGS).toEqual(fromCsv);
  });

  it.each([
    ["procurement-procedure-type.csv", PROCEDURE_METHOD],
    ["received-submission-type.csv", SUBMISSION_MEASURE],
    ["framework-agreement-method.csv", FRAMEWORK_METHOD],
    ["dps-usage.csv", DPS_TYPE],
  ])("%s", (file, table) => {
    const fromCsv = Object.fromEntries(
      csvRows(file)
        .map(([code, , ocds]) => [code, codes(ocds)[0]])
        .filter(([, ocds]) => ocds),
    );
    expect(table).toEqual(fromCsv);
  });
});

describe("the generated merge rules are the schema's", () => {
  it("equal the rules computed from the profile and 1.1.5 schemas (regenerate with build:ocds-rules)", () => {
    const rules = computeEformsMergeRules(
      readOcdsJson("eforms-profile/patched/release-schema.json"),
      readOcdsJson("schema/release-schema.json"),
    );
    expect(EFORMS_MERGE_RULES).toEqual(rules);
    expect(EFORMS_MERGE_RULES).toMatchObject({
      tag: "omit",
      id: "omit",
      date: "omit",
      "parties/roles": "whole",
    });
    expect(EFORMS_MERGE_RULES["tender/lots"]).toBeUndefined();
  });
});
