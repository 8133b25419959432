import { isJsonObject, type Json, type JsonObject } from "./types";

/**
 * What the OCDS merge routine does at a schema path (property names joined with `/`, array levels not
 * counted): drop the field (`omitWhenMerged`) or replace the whole array (`wholeListMerge`). Paths not
 * listed merge by default: objects field by field, arrays of objects by `id`.
 */
export type MergeRule = "omit" | "whole";
export type MergeRules = Readonly<Record<string, MergeRule>>;

const typesOf = (schema: JsonObject): string[] => {
  const type = schema.type;
  if (typeof type === "string") return [type];
  return Array.isArray(type) ? type.filter((t): t is string => typeof t === "string") : [];
};

/**
 * Derives the merge rules from a JSON Schema (draft-04, local `#/definitions/…` refs), following the OCDS
 * 1.1 merging page: `omitWhenMerged` wins over everything, `wholeListMerge` over nested rules, arrays of
 * non-objects and arrays of objects without an `id` property are merged as a whole.
 *
 * @example
 * const rules = deriveMergeRules(releaseSchema);
 * rules["tag"]; // "omit"
 * rules["tender/items/additionalClassifications"]; // undefined → identifier merge
 *
 * `atomicObjects` also treats objects the schema gives no `properties` as one value (the OCDS 1.1.5
 * versioned-release schema versions `Organization.details` that way).
 */
export const deriveMergeRules = (
  schema: JsonObject,
  options: { atomicObjects?: boolean } = {},
): Record<string, MergeRule> => {
  const definitions = isJsonObject(schema.definitions) ? schema.definitions : {};
  const resolve = (node: JsonObject, seen: Set<string>): JsonObject => {
    const ref = node.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/definitions/")) return node;
    const name = ref.slice("#/definitions/".length);
    const target = definitions[name];
    // A cyclic ref would recurse forever; the OCDS schemas have none, and a cycle merges by default.
    if (!isJsonObject(target) || seen.has(name)) return {};
    seen.add(name);
    return resolve(target, seen);
  };
  const rules: Record<string, MergeRule> = {};
  const walk = (properties: JsonObject, prefix: string, seen: Set<string>): void => {
    for (const [key, raw] of Object.entries(properties)) {
      if (!isJsonObject(raw)) continue;
      const local = new Set(seen);
      const value = resolve(raw, local);
      const path = prefix ? `${prefix}/${key}` : key;
      const types = typesOf(value);
      if (value.omitWhenMerged === true || raw.omitWhenMerged === true) rules[path] = "omit";
      else if (types.includes("array") && (value.wholeListMerge === true || raw.wholeListMerge === true))
        rules[path] = "whole";
      else if (types.includes("object") && isJsonObject(value.properties))
        walk(value.properties, path, local);
      else if (options.atomicObjects && types.includes("object")) rules[path] = "whole";
      else if (types.includes("array") && isJsonObject(value.items)) {
        const items = resolve(value.items, local);
        const itemTypes = typesOf(items);
        if (itemTypes.some((t) => t !== "object")) rules[path] = "whole";
        else if (itemTypes.includes("object") && isJsonObject(items.properties)) {
          if (!("id" in items.properties)) rules[path] = "whole";
          else walk(items.properties, path, local);
        }
      }
    }
  };
  if (isJsonObject(schema.properties)) walk(schema.properties, "", new Set());
  return rules;
};

/** Deep equality of JSON values (object key order ignored). */
export const jsonEqual = (a: Json | undefined, b: Json | undefined): boolean => {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => k in b && jsonEqual(a[k], b[k]));
};

/**
 * The rules we merge eForms releases with: the profile's patched schema, except that an object OCDS 1.1.5
 * declares without properties (`parties[].details`, which the profile fills with `scale`, `classifications`,
 * `url`) stays one value. Otherwise our versioned releases would version its fields one by one and fail the
 * 1.1.5 record-package schema, which versions `details` as a whole.
 *
 * @example
 * computeEformsMergeRules(patchedSchema, releaseSchema115)["parties/details"]; // "whole"
 */
export const computeEformsMergeRules = (
  profileSchema: JsonObject,
  baseSchema: JsonObject,
): Record<string, MergeRule> => {
  const rules = deriveMergeRules(profileSchema);
  for (const [path, rule] of Object.entries(deriveMergeRules(baseSchema, { atomicObjects: true }))) {
    if (rule === "whole" && !(path in rules)) rules[path] = rule;
  }
  // A rule below a whole-value object can never apply; dropping it keeps the generated table honest.
  const wholes = Object.keys(rules).filter((p) => rules[p] === "whole");
  for (const path of Object.keys(rules)) if (wholes.some((w) => path.startsWith(`${w}/`))) delete rules[path];
  return rules;
};
