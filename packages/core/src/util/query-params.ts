import type { ErrorIssue } from "../domain/envelope";

/** Query parameters as a URL gives them or as a JSON body/tool call does. */
export type RawQueryParams = URLSearchParams | Record<string, unknown>;

/**
 * Folds raw query parameters onto public names: aliases (case-insensitive) map to their public name,
 * list parameters collect repeats and comma-separated values, single-valued parameters given twice with
 * different values and unknown parameters become issues (path = the name as given). Pure and generic, so
 * every search contract (Doffin, NAV) folds the same way.
 *
 * @example foldQueryParams(new URLSearchParams("counties=OSLO,AGDER&size=10"),
 *   { county: "county", counties: "county", limit: "limit", size: "limit" }, ["county"])
 * // { values: { county: ["OSLO", "AGDER"], limit: "10" }, issues: [] }
 */
export function foldQueryParams<N extends string>(
  input: RawQueryParams,
  aliases: Readonly<Record<string, N>>,
  listNames: readonly N[],
  options: {
    /** Split list values on commas, trimmed, empties dropped (default true); false keeps them as given. */
    splitLists?: boolean;
    /** The names an unknown parameter's message offers (default: the aliases' targets). */
    publicNames?: readonly N[];
  } = {},
): { values: Partial<Record<N, string | string[]>>; issues: ErrorIssue[] } {
  const entries: [string, string][] =
    input instanceof URLSearchParams
      ? [...input]
      : Object.entries(input).flatMap(([k, v]) =>
          v === undefined || v === null
            ? []
            : (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, String(x)]),
        );
  const given = new Map<N, string[]>();
  const unknown = new Set<string>();
  for (const [key, value] of entries) {
    const name = aliases[key.toLowerCase()];
    if (name) given.set(name, [...(given.get(name) ?? []), value]);
    else unknown.add(key);
  }
  const publicNames = (options.publicNames ?? [...new Set(Object.values(aliases))]).join(", ");
  const issues: ErrorIssue[] = [...unknown].map((key) => ({
    path: key.slice(0, 64),
    message: `unknown parameter; use one of ${publicNames}`,
  }));
  const values: Partial<Record<N, string | string[]>> = {};
  for (const [name, list] of given) {
    if (listNames.includes(name)) {
      if (options.splitLists === false) {
        values[name] = list;
        continue;
      }
      values[name] = list
        .flatMap((v) => v.split(","))
        .map((v) => v.trim())
        .filter((v) => v !== "");
      continue;
    }
    const distinct = [...new Set(list.map((v) => v.trim()))];
    if (distinct.length > 1)
      issues.push({ path: name, message: `given ${list.length} times with different values; give it once` });
    else values[name] = distinct[0];
  }
  return { values, issues };
}
