import {
  type SearchParamName,
  type SearchQuery,
  SearchQueryFields,
  searchQueryCrossIssues,
} from "@doffin/core";
import { z } from "zod";
import { ToolError } from "./dispatch";

/**
 * The search tools' input schemas, derived from core's search contract: every contract field (minus
 * the ones a tool fixes itself) under the tool's own parameter name, with the contract's types and
 * messages, so a filter added to `SearchQuery` appears in every surface. Tools override a field only
 * where the seed service differs (GnistAI's page size cap, Parse.bot's sort names and ISO timestamps).
 */

/** Contract name → the tool's name for it. */
export type SearchRename = Partial<Record<SearchParamName, string>>;

/** A contract field without its default: tools pick their own defaults (smaller pages over MCP). */
const withoutDefault = (field: z.ZodType): z.ZodType =>
  field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType).optional().meta(field.meta() ?? {}) : field;

/**
 * The seed services send numbers as strings (`"page": "1"`). The contract already accepts both; this
 * says so in the tool's JSON Schema (integer or string), then validates with the contract field itself.
 */
export const numberLike = (field: z.ZodType): z.ZodType =>
  z
    .union([z.int(), z.string()])
    .pipe(field as z.ZodType<unknown, string | number>)
    .optional()
    .meta(field.meta() ?? {});

const NUMERIC: readonly SearchParamName[] = ["page", "limit"];

/**
 * `pick` (all but `omit`) + rename + `override` + the tool's own `extra` fields, as one strict object.
 * @example searchToolInput({ rename: { q: "text" }, omit: ["facets"], extra: {} }).shape.text
 */
export function searchToolInput<E extends z.ZodRawShape>(opts: {
  rename: SearchRename;
  omit: readonly SearchParamName[];
  override?: Partial<Record<SearchParamName, z.ZodType>>;
  extra: E;
}) {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(SearchQueryFields.shape) as [SearchParamName, z.ZodType][]) {
    if (opts.omit.includes(name)) continue;
    const own = opts.override?.[name] ?? withoutDefault(field);
    shape[opts.rename[name] ?? name] = NUMERIC.includes(name) ? numberLike(own) : own;
  }
  return z.strictObject({ ...shape, ...opts.extra }) as z.ZodObject<
    Record<string, z.ZodType<unknown>> & E,
    z.core.$strict
  >;
}

/**
 * A tool's validated arguments → the contract's `SearchQuery`. The arguments were parsed by a schema
 * built from the contract's own fields (`searchToolInput`), so their values already are contract
 * output; what is left are the cross-field checks (1000-hit window, date order), run here with the
 * contract's messages under the tool's names. No second parse: this sits on the hot path of every call.
 * @throws ToolError invalid_request
 */
export function toSearchQuery(
  args: Record<string, unknown>,
  rename: SearchRename,
  fixed: Partial<Record<SearchParamName, unknown>>,
): SearchQuery {
  const query: Record<string, unknown> = {};
  for (const name of Object.keys(SearchQueryFields.shape) as SearchParamName[]) {
    const v = fixed[name] ?? args[rename[name] ?? name];
    if (v !== undefined) query[name] = v;
  }
  const issues = searchQueryCrossIssues(query).map((i) => {
    const path = rename[i.path] ?? i.path;
    return { path, message: `${path} ${i.message}` };
  });
  if (issues.length > 0)
    throw new ToolError(
      "invalid_request",
      `The search is not valid:\n${issues.map((i) => `- ${i.path}: ${i.message}`).join("\n")}`,
      { issues },
    );
  return query as SearchQuery;
}

/** The contract's issue paths (`cpv`) → the tool's names (`cpv_code`), for service failures. */
export const renameOf = (rename: SearchRename): Record<string, string> => rename as Record<string, string>;
