import {
  type ErrorIssue,
  parseSearchQuery,
  resolveSearchQuery,
  SEARCH_LIST_PARAMS,
  type SearchQuery,
  SearchQueryFields,
} from "@doffin/core";
import { type Command, Option } from "commander";
import type { z } from "zod";
import { cliWording, flagOf, usageError } from "./errors";

/**
 * The search filters of `search` and `export`, built from core's search contract (`SearchQueryFields`):
 * one flag per public parameter (`published_from` → `--published-from`), its help from the field's
 * description, allowed values and example, and validation by `parseSearchQuery` + `resolveSearchQuery`,
 * so the CLI accepts exactly what the API accepts and says so in the same words.
 */

export type SearchField = keyof typeof SearchQueryFields.shape;

/** Every field of the contract, in its order. */
export const SEARCH_FIELDS = Object.keys(SearchQueryFields.shape) as SearchField[];

/** `export` pages, sorts and skips facets itself; the rest selects the notices. */
export const EXPORT_FIELDS: readonly SearchField[] = SEARCH_FIELDS.filter(
  (f) => !["sort", "page", "limit", "facets"].includes(f),
);

const isList = (name: string): boolean => (SEARCH_LIST_PARAMS as readonly string[]).includes(name);

/** commander's option key for a public name: `published_from` → `publishedFrom`. */
export const keyOf = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

type Def = { type: string; entries?: Record<string, string>; out?: z.ZodType; in?: z.ZodType };
const defOf = (s: z.ZodType): Def & { innerType?: z.ZodType; element?: z.ZodType } =>
  (s as unknown as { _zod: { def: Def & { innerType?: z.ZodType; element?: z.ZodType } } })._zod.def;

/** The allowed values of an enum field, through its preprocessing, defaults and list wrapper. */
export function enumValues(schema: z.ZodType): string[] | undefined {
  const def = defOf(schema);
  if (def.type === "enum") return Object.values(def.entries ?? {});
  if (def.type === "pipe") return (def.out && enumValues(def.out)) ?? (def.in && enumValues(def.in));
  if (def.innerType) return enumValues(def.innerType);
  if (def.element) return enumValues(def.element);
  return undefined;
}

/**
 * The help line of any contract field: its description, allowed values, list-ness and first example
 * (the search, OCDS and other commands derive their flags' help this one way).
 */
export function schemaHelp(name: string, schema: z.ZodType, list = false): string {
  const parts: string[] = [];
  const values = enumValues(schema);
  if (values) parts.push(`one of ${values.join(", ")}`);
  if (list) parts.push("repeatable or comma-separated");
  const example = (schema.meta()?.examples as unknown[] | undefined)?.[0];
  if (example !== undefined)
    parts.push(`e.g. ${Array.isArray(example) ? example.join(",") : String(example)}`);
  const description = (schema.description ?? name).replace(/`/g, "").replace(/\.$/, "");
  return parts.length ? `${description} (${parts.join("; ")})` : description;
}

/** The help line of a search field. */
export const fieldHelp = (name: SearchField): string =>
  schemaHelp(name, SearchQueryFields.shape[name] as z.ZodType, isList(name));

/** Repeatable and comma-separated: `--type RESULT --type COMPETITION` = `--type RESULT,COMPETITION`. */
export const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/** Adds one option per contract field (`q` also stays the positional free text). */
export function addSearchOptions(cmd: Command, fields: readonly SearchField[]): Command {
  for (const name of fields) {
    const flag = `${flagOf(name)} <${name === "q" ? "text" : "value"}>`;
    const option = new Option(flag, fieldHelp(name));
    cmd.addOption(isList(name) ? option.argParser(collect) : option);
  }
  return cmd;
}

/** Contract issues → one line naming the CLI's flags: `--cpv: did you mean …`. */
export const issuesMessage = (issues: readonly ErrorIssue[]): string =>
  issues
    .map((i) => {
      const name = i.path.replace(/^query\./, "");
      const label = name === "(query)" ? "" : `${flagOf(name)}: `;
      return `${label}${cliWording(i.message)}`;
    })
    .join("; ");

/**
 * The flags given (+ free-text words) as the API's query parameters, unvalidated: what a saved search
 * stores, so the gateway validates it with the same contract as GET /v1/notices.
 * @example rawSearchParams(["q", "cpv"], ["skole"], { cpv: ["72*"] }) // { q: "skole", cpv: ["72*"] }
 */
export function rawSearchParams(
  fields: readonly SearchField[],
  words: readonly string[],
  opts: Record<string, unknown>,
): Record<string, string | string[]> {
  return rawParams(fields, [typeof opts.q === "string" ? opts.q : "", ...words], opts);
}

/** Flags of `fields` (commander keys) + free text → public parameter names, only those given. */
export function rawParams(
  fields: readonly string[],
  words: readonly string[],
  opts: Record<string, unknown>,
): Record<string, string | string[]> {
  const raw: Record<string, string | string[]> = {};
  const text = words.join(" ").trim();
  if (text) raw.q = text;
  for (const name of fields) {
    if (name === "q") continue;
    const value = opts[keyOf(name)];
    if (typeof value === "string" || Array.isArray(value)) raw[name] = value as string | string[];
  }
  return raw;
}

/**
 * The options of a command → a validated, resolved-checked `SearchQuery`, before any request: bad input
 * fails with exit code 2 and the contract's message for each bad flag. Codes (CPV prefixes, location
 * names) are resolved here too so a typo fails fast in both modes; the gateway resolves them again
 * itself, the direct transport with the same function.
 */
export function parseSearchOptions(
  fields: readonly SearchField[],
  words: readonly string[],
  opts: Record<string, unknown>,
): SearchQuery {
  const parsed = parseSearchQuery(rawSearchParams(fields, words, opts));
  if (!parsed.ok) throw usageError(issuesMessage(parsed.issues));
  const resolved = resolveSearchQuery(parsed.query);
  if (!resolved.ok) throw usageError(issuesMessage(resolved.issues));
  return parsed.query;
}
