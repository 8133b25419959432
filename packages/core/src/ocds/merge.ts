import { jsonEqual, type MergeRules } from "./merge-rules";
import { isJsonObject, type Json, type JsonObject, type OcdsRelease } from "./types";

/** A release the merge routine cannot order or read (no `date`, not an object); the caller's input is at fault. */
export class OcdsMergeError extends Error {
  override readonly name = "OcdsMergeError";
}

/** One step of a flattened path: an object property, or an array item identified by its `id`. */
type Step = { key: string } | { item: string; id: Json | undefined };
type Leaf = { steps: Step[]; value: Json };
type Flat = Map<string, Leaf>;

const SEP = "\u0001";
// Objects without an `id` (and non-objects) in an identifier-merged array never match anything else.
let uniqueCounter = 0;

/**
 * Flattens one release into `path → leaf`. Array items are keyed by their `id` (typed, so `1` and `"1"`
 * differ), which is what makes identifier merge fall out of a plain map update. Within one array, a later
 * object with the same `id` lands on the same paths: its fields overwrite the earlier one's (our duplicate-id
 * rule, the reference's default). Empty objects and arrays carry no leaf, so they change nothing.
 */
const flatten = (
  node: JsonObject | Json[],
  rules: MergeRules,
  out: Flat,
  steps: Step[],
  pathKey: string,
  rulePath: string,
): void => {
  const entries: [Step, string, string, Json][] = Array.isArray(node)
    ? node.map((value) => {
        const id = isJsonObject(value) && "id" in value ? value.id : undefined;
        const item = id === undefined ? `u${uniqueCounter++}` : `${typeof id}:${JSON.stringify(id)}`;
        return [{ item, id }, `${pathKey}${SEP}#${item}`, rulePath, value];
      })
    : Object.entries(node).map(([key, value]) => [
        { key },
        `${pathKey}${SEP}${key}`,
        rulePath ? `${rulePath}/${key}` : key,
        value,
      ]);
  for (const [step, key, childRule, value] of entries) {
    const rule = rules[childRule];
    if (rule === "omit") continue;
    const path = [...steps, step];
    if (rule === "whole" || typeof value !== "object" || value === null) out.set(key, { steps: path, value });
    else if (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0)
      flatten(value, rules, out, path, key, childRule);
  }
};

/**
 * Rebuilds an object from leaves in map order (so array items keep the order they first appeared in).
 * `keepNull` is for versioned releases, whose leaves are histories; in a compiled release a `null` leaf
 * removes the field, and an object left empty by that is dropped like an empty object in a release.
 */
const unflatten = (flat: Iterable<Leaf>, keepNull: boolean): JsonObject => {
  const root: JsonObject = {};
  const items = new Map<string, JsonObject>();
  for (const { steps, value } of flat) {
    if (value === null && !keepNull) continue;
    let node: JsonObject | Json[] = root;
    let itemPath = "";
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i] as Step;
      const last = i === steps.length - 1;
      if ("item" in step) {
        itemPath += `${SEP}#${step.item}`;
        let child = items.get(itemPath);
        if (!child) {
          child = {};
          (node as Json[]).push(child);
          items.set(itemPath, child);
        }
        node = child;
        continue;
      }
      itemPath += `${SEP}${step.key}`;
      const obj = node as JsonObject;
      if (last) {
        obj[step.key] = value;
        break;
      }
      const next = steps[i + 1] as Step;
      const existing = obj[step.key];
      if (typeof existing === "object" && existing !== null) node = existing;
      else {
        const created: JsonObject | Json[] = "item" in next ? [] : {};
        obj[step.key] = created;
        node = created;
      }
    }
  }
  return root;
};

const clone = <T extends Json>(value: T): T => structuredClone(value);

/** Releases in merge order: by `date`, stable for equal dates. Throws {@link OcdsMergeError} on unreadable input. */
export const sortReleases = (releases: readonly Json[]): OcdsRelease[] => {
  for (const [i, release] of releases.entries()) {
    if (!isJsonObject(release)) throw new OcdsMergeError(`release ${i} is not an object`);
    if (typeof release.date !== "string") throw new OcdsMergeError(`release ${i} has no string "date"`);
  }
  return [...(releases as OcdsRelease[])].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
};

const flattenRelease = (release: JsonObject, rules: MergeRules): Flat => {
  const { tag: _tag, ...rest } = release;
  const flat: Flat = new Map();
  flatten(clone(rest), rules, flat, [], "", "");
  return flat;
};

const setTop = (flat: Flat, key: string, value: Json): void => {
  flat.set(`${SEP}${key}`, { steps: [{ key }], value });
};

const finishCompiled = (flat: Flat, ocid: Json, date: string): JsonObject => {
  setTop(flat, "id", `${String(ocid)}-${date}`);
  setTop(flat, "date", date);
  setTop(flat, "ocid", ocid);
  return { tag: ["compiled"], ...unflatten(flat.values(), false) };
};

/**
 * Merges all releases of one `ocid` into the compiled release (OCDS 1.1 merge routine): latest value of each
 * field wins, arrays of objects merge by `id`, `omitWhenMerged` fields are dropped, `wholeListMerge` arrays
 * are replaced. The input is not mutated.
 *
 * @example
 * const compiled = compileRelease(releases, EFORMS_MERGE_RULES);
 * compiled.tag; // ["compiled"]; compiled.id === `${ocid}-${latest date}`
 */
export const compileRelease = (releases: readonly Json[], rules: MergeRules): JsonObject => {
  const sorted = sortReleases(releases);
  const merged: Flat = new Map();
  let last: OcdsRelease | undefined;
  for (const release of sorted) {
    for (const [key, leaf] of flattenRelease(release, rules)) merged.set(key, leaf);
    last = release;
  }
  if (!last) throw new OcdsMergeError("no releases to merge");
  return finishCompiled(merged, last.ocid ?? null, last.date);
};

/**
 * Adds one release to an existing compiled release without re-merging the earlier releases: the compiled
 * release is itself a valid merge base (re-flattening it yields the same leaves, minus nulls, which only ever
 * remove). Valid only when `release.date` is not earlier than `compiled.date`; an out-of-order release throws
 * {@link OcdsMergeError} and the caller must run {@link compileRelease} over all releases.
 *
 * @example
 * const next = extendCompiledRelease(record.compiledRelease, newRelease, EFORMS_MERGE_RULES);
 */
export const extendCompiledRelease = (compiled: JsonObject, release: Json, rules: MergeRules): JsonObject => {
  const [next] = sortReleases([release]) as [OcdsRelease];
  if (typeof compiled.date !== "string" || next.date < compiled.date)
    throw new OcdsMergeError("release is older than the compiled release; merge all releases instead");
  const merged = flattenRelease(compiled, rules);
  for (const [key, leaf] of flattenRelease(next, rules)) merged.set(key, leaf);
  return finishCompiled(merged, next.ocid ?? compiled.ocid ?? null, next.date);
};

/**
 * Builds the versioned release: each field becomes its history `[{releaseID, releaseDate, releaseTag, value}]`,
 * a new entry only when the value changes. `ocid` is not versioned, nor is the `id` of an object in an
 * identifier-merged array (it is the object's key, not a value).
 *
 * @example
 * versionRelease(releases, EFORMS_MERGE_RULES).tender.title; // [{ releaseID: "…", value: "…" }, …]
 */
export const versionRelease = (releases: readonly Json[], rules: MergeRules): JsonObject => {
  const merged: Flat = new Map();
  let ocid: Json = null;
  for (const release of sortReleases(releases)) {
    ocid = release.ocid ?? null;
    addVersion(merged, release, rules);
  }
  return { ocid, ...unflatten(merged.values(), true) };
};

/** The `id` of an object in an identifier-merged array is its key, kept as a plain value. */
const isItemId = (steps: Step[]): boolean => {
  const prev = steps[steps.length - 2];
  const last = steps[steps.length - 1];
  return !!prev && "item" in prev && !!last && "key" in last && last.key === "id";
};

const addVersion = (merged: Flat, release: OcdsRelease, rules: MergeRules): void => {
  const { ocid: _ocid, ...rest } = release;
  const entry = (value: Json): JsonObject => ({
    releaseID: release.id ?? null,
    releaseDate: release.date,
    releaseTag: release.tag ?? null,
    value,
  });
  for (const [key, leaf] of flattenRelease(rest, rules)) {
    if (isItemId(leaf.steps)) {
      merged.set(key, leaf);
      continue;
    }
    const history = merged.get(key)?.value as JsonObject[] | undefined;
    if (!history) merged.set(key, { steps: leaf.steps, value: [entry(leaf.value)] });
    else if (!jsonEqual(history[history.length - 1]?.value, leaf.value)) history.push(entry(leaf.value));
  }
};

const HISTORY_KEYS = ["releaseDate", "releaseID", "releaseTag", "value"];
const isHistory = (value: Json[]): boolean =>
  value.length > 0 &&
  value.every((e) => isJsonObject(e) && Object.keys(e).sort().join() === HISTORY_KEYS.join());

/** A versioned release back into leaves: histories are leaves, other arrays are identifier-merged items. */
const flattenVersioned = (node: JsonObject | Json[], out: Flat, steps: Step[], pathKey: string): void => {
  const entries: [Step, string, Json][] = Array.isArray(node)
    ? node.map((value) => {
        const id = isJsonObject(value) && "id" in value ? value.id : undefined;
        const item = id === undefined ? `u${uniqueCounter++}` : `${typeof id}:${JSON.stringify(id)}`;
        return [{ item, id }, `${pathKey}${SEP}#${item}`, value];
      })
    : Object.entries(node).map(([key, value]) => [{ key }, `${pathKey}${SEP}${key}`, value]);
  for (const [step, key, value] of entries) {
    const path = [...steps, step];
    if (Array.isArray(value) && isHistory(value)) out.set(key, { steps: path, value: clone(value) });
    else if (isItemId(path) || typeof value !== "object" || value === null)
      out.set(key, { steps: path, value });
    else flattenVersioned(value, out, path, key);
  }
};

/**
 * Adds one release to an existing versioned release without re-merging the earlier releases, like
 * {@link extendCompiledRelease}: `latestDate` is the date of the newest release already in it (a versioned
 * release does not carry one); an older release throws {@link OcdsMergeError}.
 *
 * @example
 * const next = extendVersionedRelease(record.versionedRelease, latestDate, newRelease, EFORMS_MERGE_RULES);
 */
export const extendVersionedRelease = (
  versioned: JsonObject,
  latestDate: string,
  release: Json,
  rules: MergeRules,
): JsonObject => {
  const [next] = sortReleases([release]) as [OcdsRelease];
  if (next.date < latestDate)
    throw new OcdsMergeError("release is older than the versioned release; merge all releases instead");
  const { ocid, ...rest } = versioned;
  const merged: Flat = new Map();
  flattenVersioned(rest, merged, [], "");
  addVersion(merged, next, rules);
  return { ocid: next.ocid ?? ocid ?? null, ...unflatten(merged.values(), true) };
};
