import { describe, expect, it } from "vitest";
import {
  compileRelease,
  deriveMergeRules,
  extendCompiledRelease,
  extendVersionedRelease,
  type Json,
  OcdsMergeError,
  type OcdsRelease,
  sortReleases,
  versionRelease,
} from "../src/index";
import { listOcdsFiles, readOcdsJson } from "./ocds-support";

const suites = [
  { folder: "merge-conformance/1.1/", schema: "merge-conformance/release-schema-1__1__4.json" },
  { folder: "merge-conformance/schema/", schema: "merge-conformance/schema.json" },
];
// Outputs of the reference's optional duplicate-id strategies: not our rule (see README "Duplicate ids").
const alternativeOutputs = /-(append|by-position)\.json$/;

const cases = suites.flatMap(({ folder, schema }) => {
  const files = listOcdsFiles(folder);
  const rules = deriveMergeRules(readOcdsJson(schema));
  return files
    .filter((f) => !/-(compiled|versioned)\.json$/.test(f) && !alternativeOutputs.test(f))
    .map((f) => {
      const base = f.replace(/\.json$/, "");
      return {
        name: `${folder}${base}`,
        rules,
        input: readOcdsJson<Json[]>(`${folder}${f}`),
        compiled: files.includes(`${base}-compiled.json`)
          ? readOcdsJson(`${folder}${base}-compiled.json`)
          : undefined,
        versioned: files.includes(`${base}-versioned.json`)
          ? readOcdsJson(`${folder}${base}-versioned.json`)
          : undefined,
      };
    });
});

describe("OCDS merge routine — conformance with the reference fixtures", () => {
  it("has every case with an expected file", () => {
    const withExpected = cases.filter((c) => c.compiled || c.versioned);
    console.log(
      `merge conformance: ${cases.length} inputs, ${cases.filter((c) => c.compiled).length} compiled + ${cases.filter((c) => c.versioned).length} versioned expectations`,
    );
    // 14 cases in 1.1/ and 11 in schema/ carry an expected file; a case dropped by the filter would fail here.
    expect(withExpected.length).toBe(25);
  });

  /** Runs a check and asserts it left the input releases as they were. */
  const withoutMutation = (input: Json[], check: () => void) => {
    const before = structuredClone(input);
    check();
    expect(input).toStrictEqual(before);
  };

  for (const c of cases) {
    const { compiled, versioned } = c;
    if (compiled) {
      it(`compiles ${c.name}`, () =>
        withoutMutation(c.input, () => expect(compileRelease(c.input, c.rules)).toStrictEqual(compiled)));
      it(`extends incrementally to the same compiled release: ${c.name}`, () =>
        withoutMutation(c.input, () => {
          const [first, ...rest] = sortReleases(c.input);
          let result = compileRelease([first as OcdsRelease], c.rules);
          for (const release of rest) result = extendCompiledRelease(result, release, c.rules);
          expect(result).toStrictEqual(compiled);
        }));
    }
    if (versioned) {
      it(`versions ${c.name}`, () =>
        withoutMutation(c.input, () => expect(versionRelease(c.input, c.rules)).toStrictEqual(versioned)));
      it(`extends incrementally to the same versioned release: ${c.name}`, () =>
        withoutMutation(c.input, () => {
          const sorted = sortReleases(c.input);
          let result = versionRelease(sorted.slice(0, 1), c.rules);
          for (const [i, release] of sorted.slice(1).entries())
            result = extendVersionedRelease(result, (sorted[i] as OcdsRelease).date, release, c.rules);
          expect(result).toStrictEqual(versioned);
        }));
    }
  }
});

describe("OCDS merge routine — duplicate ids and objects without id (our rule)", () => {
  const rules = deriveMergeRules(readOcdsJson("merge-conformance/schema.json"));
  const input = readOcdsJson<Json[]>("merge-conformance/schema/identifier-merge-duplicate-id.json");

  it("merges duplicate ids in one release into one object, later fields winning, not append or by position", () => {
    const compiled = compileRelease(input, rules);
    expect(compiled).toStrictEqual(
      readOcdsJson("merge-conformance/schema/identifier-merge-duplicate-id-compiled.json"),
    );
    expect(compiled).not.toStrictEqual(
      readOcdsJson("merge-conformance/schema/identifier-merge-duplicate-id-append.json"),
    );
    expect(compiled).not.toStrictEqual(
      readOcdsJson("merge-conformance/schema/identifier-merge-duplicate-id-by-position.json"),
    );
  });

  it("never matches objects without id: merging a release twice appends them again", () => {
    const noId = readOcdsJson<Json[]>("merge-conformance/schema/identifier-merge-no-id.json");
    expect(compileRelease([...noId, ...noId], rules)).toStrictEqual(
      readOcdsJson("merge-conformance/schema/identifier-merge-no-id-append.json"),
    );
  });
});

describe("OCDS merge routine — bad input", () => {
  const rules = deriveMergeRules(readOcdsJson("merge-conformance/schema.json"));
  it("rejects a release without a string date, a non-object release and an empty list", () => {
    expect(() => compileRelease([{ ocid: "x", id: "1" }], rules)).toThrow(OcdsMergeError);
    expect(() => compileRelease([{ ocid: "x", id: "1", date: null }], rules)).toThrow(/string "date"/);
    expect(() => versionRelease(["not a release"], rules)).toThrow(OcdsMergeError);
    expect(() => compileRelease([], rules)).toThrow(OcdsMergeError);
  });
  it("refuses to extend with a release older than the compiled release", () => {
    const compiled = compileRelease([{ ocid: "x", id: "2", date: "2020-02-01T00:00:00Z" }], rules);
    expect(() =>
      extendCompiledRelease(compiled, { ocid: "x", id: "1", date: "2020-01-01T00:00:00Z" }, rules),
    ).toThrow(/older/);
  });
});
