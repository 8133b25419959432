import type { ErrorIssue } from "./envelope";

/**
 * `fields=` projection (OpenProcurement's `opt_fields`, TED's `fields`): a comma list of top-level field
 * names a client wants; `id` is always kept so a projected item can still be looked up.
 */

/** Longest `fields` value accepted (every field of a notice fits well below it). */
export const MAX_FIELDS_LENGTH = 1000;

export type FieldsParse = { ok: true; fields: string[] | null } | { ok: false; issue: ErrorIssue };

/**
 * Validates a `fields` value against the names a body can have. Absent → `null` (no projection); an
 * unknown or empty name → one issue listing the valid names.
 * @example parseFields("heading,deadline", ["id", "heading", "deadline"]) // { ok: true, fields: ["id", "heading", "deadline"] }
 */
export function parseFields(raw: string | undefined, valid: readonly string[]): FieldsParse {
  if (raw === undefined) return { ok: true, fields: null };
  const fail = (message: string): FieldsParse => ({ ok: false, issue: { path: "fields", message } });
  if (raw.length > MAX_FIELDS_LENGTH) return fail(`fields is at most ${MAX_FIELDS_LENGTH} characters`);
  const names = raw.split(",").map((n) => n.trim());
  const known = new Set(valid);
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length > 0)
    return fail(
      `unknown field ${unknown.map((n) => JSON.stringify(n)).join(", ")}; use a comma list of ${valid.join(", ")}`,
    );
  return { ok: true, fields: [...new Set(["id", ...names])] };
}

/**
 * The object with only the given top-level fields (in the object's own order).
 * @example projectFields({ id: "2026-1", heading: "x", deadline: null }, ["id", "heading"]) // { id: "2026-1", heading: "x" }
 */
export function projectFields<T extends Record<string, unknown>>(
  value: T,
  fields: readonly string[],
): Partial<T> {
  const keep = new Set(fields);
  return Object.fromEntries(Object.entries(value).filter(([k]) => keep.has(k))) as Partial<T>;
}
