import Ajv, { type ErrorObject } from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { Json, JsonObject } from "../src/index";
import { readOcdsJson } from "./ocds-support";

/** The OCDS schemas' annotation keywords: registered so Ajv stays strict about everything else. */
const OCDS_KEYWORDS = [
  "codelist",
  "openCodelist",
  "omitWhenMerged",
  "wholeListMerge",
  "versionId",
  "deprecated",
  "deprecatedVersion",
];

const SCHEMA_FILES = [
  "schema/release-schema.json",
  "schema/versioned-release-validation-schema.json",
  "schema/release-package-schema.json",
  "schema/record-package-schema.json",
  "eforms-profile/patched/release-schema.json",
  "eforms-profile/patched/release-package-schema.json",
];

export const SCHEMA_IDS = {
  release: "https://standard.open-contracting.org/schema/1__1__5/release-schema.json",
  releasePackage: "https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json",
  recordPackage: "https://standard.open-contracting.org/schema/1__1__5/record-package-schema.json",
  versioned: "https://standard.open-contracting.org/schema/1__1__5/versioned-release-validation-schema.json",
  profileRelease:
    "https://standard.open-contracting.org/profiles/eforms/schema/1__0__0__rc__1/release-schema.json",
  profileReleasePackage:
    "https://standard.open-contracting.org/profiles/eforms/schema/1__0__0__rc__1/release-package-schema.json",
} as const;
export type SchemaName = keyof typeof SCHEMA_IDS;

/**
 * Draft-04 Ajv with every OCDS schema registered under its own `id`, so the packages' remote `$ref`s resolve to
 * the local copies and nothing is fetched. Union types (`["string","null"]`) are how OCDS writes optional fields.
 */
export const createOcdsValidator = () => {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
  addFormats(ajv);
  for (const keyword of OCDS_KEYWORDS) ajv.addKeyword({ keyword });
  for (const file of SCHEMA_FILES) ajv.addSchema(readOcdsJson(file));
  const compiled = new Map<SchemaName, ReturnType<typeof ajv.compile>>();
  return (name: SchemaName, data: Json | JsonObject): ErrorObject[] => {
    let validate = compiled.get(name);
    if (!validate) {
      const found = ajv.getSchema(SCHEMA_IDS[name]);
      if (!found) throw new Error(`schema ${name} not registered`);
      validate = found;
      compiled.set(name, validate);
    }
    return validate(data) ? [] : [...(validate.errors ?? [])];
  };
};
