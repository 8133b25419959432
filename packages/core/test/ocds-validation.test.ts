import { describe, expect, it } from "vitest";
import {
  buildRecords,
  type JsonObject,
  mapEformsNotice,
  type OcdsRelease,
  recordPackage,
  releasePackage,
} from "../src/index";
import { eformsFixtureIds, loadEformsNotice } from "./eforms-support";
import { createOcdsValidator, type SchemaName } from "./ocds-validator";

const META = { uri: "http://127.0.0.1:8787/ocds/test.json", publishedDate: "2026-12-01T00:00:00Z" };
const validate = createOcdsValidator();
const errorsOf = (name: SchemaName, data: JsonObject) =>
  validate(name, data).map((e) => `${name} ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);

const releases: OcdsRelease[] = eformsFixtureIds().flatMap((id) => mapEformsNotice(loadEformsNotice(id)));
const records = buildRecords(releases);

describe("OCDS releases and records from the real eForms fixtures are schema-valid", () => {
  it("maps every fixture to at least one release", () => {
    console.log(
      `ocds validation: ${eformsFixtureIds().length} XML fixtures → ${releases.length} releases → ${records.length} records`,
    );
    expect(releases.length).toBeGreaterThanOrEqual(eformsFixtureIds().length);
  });

  it("each release validates against OCDS 1.1.5 and the eForms profile's patched release schema", () => {
    const errors = releases.flatMap((r) => [...errorsOf("release", r), ...errorsOf("profileRelease", r)]);
    expect(errors).toEqual([]);
  });

  it("the release package validates against the 1.1.5 and the profile's release-package schemas", () => {
    const pkg = releasePackage(releases, META);
    expect([...errorsOf("releasePackage", pkg), ...errorsOf("profileReleasePackage", pkg)]).toEqual([]);
  });

  it("the record package validates (compiled + versioned), and each compiled release meets the profile schema", () => {
    const pkg = recordPackage(records, META);
    const errors = [
      ...errorsOf("recordPackage", pkg),
      ...records.flatMap((r) => [
        ...errorsOf("profileRelease", r.compiledRelease),
        ...errorsOf("versioned", r.versionedRelease),
      ]),
    ];
    console.log(
      `ocds validation: ${releases.length} releases and ${records.length} records checked, ${errors.length} errors`,
    );
    expect(errors).toEqual([]);
  });
});

describe("the validation can fail", () => {
  it("rejects a release with an unknown tag, a bad currency and no initiationType", () => {
    const [first] = releases;
    if (!first) throw new Error("no release");
    const { initiationType: _omit, ...rest } = structuredClone(first);
    const broken = {
      ...rest,
      tag: ["notATag"],
      tender: { id: "x", value: { amount: 1, currency: "KRONER" } },
    };
    const errors = [...errorsOf("release", broken), ...errorsOf("profileRelease", broken)];
    expect(errors.some((e) => e.includes("/tag/0"))).toBe(true);
    expect(errors.some((e) => e.includes("/tender/value/currency"))).toBe(true);
    expect(errors.some((e) => e.includes("initiationType"))).toBe(true);
  });

  it("rejects a record package whose versioned release is a compiled one", () => {
    const [record] = records;
    if (!record) throw new Error("no record");
    const pkg = recordPackage([{ ...record, versionedRelease: record.compiledRelease }], META);
    expect(errorsOf("recordPackage", pkg).length).toBeGreaterThan(0);
  });
});
