import type { Context } from "hono";
import { z } from "zod";
import type { ServiceCall } from "../services/container";

/**
 * Shared pieces of the tool input schemas. The schemas accept what the seed services accept (Parse.bot
 * sends numbers as strings and lists as comma-separated strings) and contain no transforms, so parsing
 * is idempotent: the MCP SDK parses once, the tool runner parses again, the result is the same.
 */

export type Surface = "mcp" | "bridge";
/** What a tool runs with: the same service call a REST handler builds, the surface, and the request. */
export type ToolContext = { call: ServiceCall; surface: Surface; c: Context };

/** A whole number given as a number or a numeric string, within [min, max]. */
export const intLike = (min: number, max: number, what: string) =>
  z
    .union([z.number().int(), z.string().regex(/^\s*\d+\s*$/, `${what} must be a whole number`)])
    .refine((v) => Number(v) >= min && Number(v) <= max, `${what} must be between ${min} and ${max}`);

export const detailParam = z
  .enum(["summary", "full"])
  .optional()
  .describe("summary (default over MCP): compact items; full: every field of the public schema.");

export const fieldsParam = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .describe(
    "Only return these fields of each item (array or comma-separated); `id` is always included. Overrides detail.",
  );

/** Accepted and ignored: the gateway is open, but clients of the seed services send their keys. */
export const apiKeyParam = z.string().optional().describe("Ignored; accepted for drop-in compatibility.");

export const toInt = (v: number | string | undefined): number | undefined =>
  v === undefined ? undefined : Number(v);

/** Builds a query string for a sibling route, repeating a parameter for list values and skipping empty ones. */
export function queryString(
  params: Record<string, string | number | boolean | string[] | undefined>,
): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === "") continue;
    if (Array.isArray(v)) for (const item of v) qs.append(k, item);
    else qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : "";
}

/** Default page sizes: small for agents (MCP), the seed service's documented default on the bridge. */
export const pageSize = (given: number | undefined, ctx: ToolContext, bridgeDefault: number): number =>
  given ?? (ctx.surface === "mcp" ? 10 : bridgeDefault);

/**
 * A search tool's page and page size, for GnistAI's `page_size` and Parse.bot's `limit` alike: `page`
 * defaults to 1, the size to `pageSize`'s default with 20 on the bridge.
 */
export const searchPaging = (
  page: number | string | undefined,
  size: number | string | undefined,
  ctx: ToolContext,
): { page: number; limit: number } => ({ page: toInt(page) ?? 1, limit: pageSize(toInt(size), ctx, 20) });

/**
 * The follow-up call that continues right after the `kept` items of page `page` (size `limit`) when
 * the budget cut a page short: the largest page size ≤ kept that divides the offset, so the next page
 * starts exactly at the first item not returned.
 */
export function continueAfter(page: number, limit: number, kept: number): { page: number; limit: number } {
  const offset = (page - 1) * limit + kept;
  let size = Math.max(1, kept);
  while (offset % size !== 0) size--;
  return { page: offset / size + 1, limit: size };
}
