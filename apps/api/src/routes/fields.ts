import { type ErrorIssue, NoticeSummary, parseFields, projectFields } from "@doffin/core";
import { ApiError } from "@doffin/http";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";

/**
 * `fields=` on search and detail. Projection happens after the cache: every projection of a query is
 * served from the one cached entry. `fields` is not part of `SearchQuery` (it shapes the answer, not
 * the search, and the agent tools have their own compact answers), so on search this middleware takes
 * it off the URL before the search query is folded and validated.
 */

export const SEARCH_ITEM_FIELDS = Object.keys(NoticeSummary.shape);

export const fieldsDescription = (valid: readonly string[]) =>
  `Comma list of top-level fields to return (\`id\` is always kept); an unknown name is a 400. One of: ${valid.join(", ")}.`;

/** The OpenAPI description of `fields` on search (it is taken off the query before validation). */
export const searchFieldsParameter = {
  name: "fields",
  in: "query" as const,
  required: false,
  description: `Per item: ${fieldsDescription(SEARCH_ITEM_FIELDS)}`,
  schema: { type: "string" as const, examples: ["heading,deadline,buyers"] },
};

/** Reads `fields` (once) into `c.var.fields`; a bad value waits in `c.var.fieldsIssue` for the route's hook. */
export const takeSearchFields: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = new URL(c.req.url);
  const values = url.searchParams.getAll("fields");
  if (values.length === 0) return next();
  const parsed =
    new Set(values).size > 1
      ? { ok: false as const, issue: { path: "fields", message: "fields given twice with different values" } }
      : parseFields(values[0], SEARCH_ITEM_FIELDS);
  if (parsed.ok) c.set("fields", parsed.fields ?? undefined);
  else c.set("fieldsIssue", parsed.issue);
  url.searchParams.delete("fields");
  c.req.raw = new Request(url, c.req.raw);
  await next();
};

/**
 * The detail's `fields`, validated against its own fields.
 * @throws ApiError invalid_request listing the valid names.
 */
export function detailFields(raw: string | undefined, valid: readonly string[]): string[] | null {
  const parsed = parseFields(raw, valid);
  if (parsed.ok) return parsed.fields;
  throw new ApiError("invalid_request", "The fields parameter is not valid; see issues.", {
    issues: [{ ...parsed.issue, path: `query.${parsed.issue.path}` }],
  });
}

/** A search body with every item projected to `fields`. */
export function projectSearchBody(body: { items: Record<string, unknown>[] }, fields: readonly string[]) {
  return { ...body, items: body.items.map((item) => projectFields(item, fields)) };
}

export type FieldsVariables = { fields?: string[]; fieldsIssue?: ErrorIssue };
