import {
  ALERT_LIMITS,
  AlertMatchPage,
  MATCH_STATES,
  SavedSearch,
  SavedSearchId,
} from "@doffin/contracts/alerts";
import { ALERT_SOURCES, JobSearchQuery, SearchQueryFields } from "@doffin/core";
import { ApiError } from "@doffin/http";
import { z } from "zod";
import { KEY_REQUIRED_MESSAGE, OWNER_HEADER, savedSearchOwner } from "../routes/forward";
import { callSibling } from "../services/siblings";
import { apiKeyParam, intLike, queryString, type ToolContext, toInt } from "./args";
import { clipToBudget, fitList } from "./budget";
import { expectOk, parseShape } from "./dispatch";
import { defineTool } from "./tool";

/**
 * Saved searches as tools (issue #14): `create_alert` and `list_alert_matches` call the tracker's
 * `/v1/searches*` routes through the TRACKER binding, with the owner header set here exactly as the
 * REST forwarder sets it (routes/forward.ts), so a search made over MCP is the same key's search on
 * REST and the CLI. The filter is the very parameters of search_notices' and search_jobs' contracts
 * (core's `SearchQueryFields` and `JobSearchQuery`, by their REST names); the tracker validates it with
 * those contracts. The arguments are POST /v1/searches' body, so the tracker's 400 names the tool's own
 * paths (`query.cpv`, `webhook.url`).
 */

/** Paging and presentation, not filters: a saved search has none of them. */
const NOT_FILTERS = new Set(["page", "limit", "offset", "sort", "facets"]);

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const listOrScalar = z.union([scalar, z.array(scalar)]);
const described = (schema: unknown, fallback: string) =>
  ((schema as { description?: string }).description ?? fallback).replace(/`/g, "");

/** Every filter of both contracts, documented with the contract's own description, one source each. */
const filterShape = (): Record<string, z.ZodType> => {
  const shape: Record<string, z.ZodType> = {};
  const add = (source: string, fields: Record<string, unknown>) => {
    for (const [name, schema] of Object.entries(fields)) {
      if (NOT_FILTERS.has(name)) continue;
      const text = `${source}: ${described(schema, name)}`;
      const prior = shape[name]?.description;
      shape[name] = listOrScalar.optional().describe(prior ? `${prior} | ${text}` : text);
    }
  };
  add("notices", SearchQueryFields.shape);
  add("jobs", JobSearchQuery.shape);
  return shape;
};

/**
 * The saved-search owner of a tool call: the API key's id; without a key `anonymous`, but only on a
 * gateway with no keys configured (the same rule as the REST forwarder).
 */
export function alertOwnerOf(ctx: ToolContext): string {
  const owner = savedSearchOwner(ctx.c.get("principal"), ctx.call.env);
  if (owner === null) throw new ApiError("unauthorized", KEY_REQUIRED_MESSAGE);
  return owner;
}

export const createAlert = defineTool({
  name: "create_alert",
  family: "gateway",
  title: "Save a search and get alerts on its new and changed matches",
  description:
    "Saves a search over Doffin notices (source notices, the filters of search_notices) or NAV job ads " +
    "(source jobs, the filters of search_jobs). From the next tracker sweep on, every new match, every " +
    "tracked change of a matched item (deadline, status, value, award, cancellation) and deadline " +
    "reminders (7 and 1 days before) become alerts: in the returned Atom/JSON feed URLs (no key needed), " +
    "in list_alert_matches, and POSTed to webhook.url when given (signed; the secret is returned once). The arguments are the body of POST /v1/searches.",
  input: z.strictObject({
    name: z.string().describe(`A name for the search, 1–${ALERT_LIMITS.nameChars} characters.`),
    source: z.enum(ALERT_SOURCES).optional().describe("notices (default) or jobs."),
    query: z
      .strictObject(filterShape())
      .optional()
      .describe(
        "The filters, by their REST names (GET /v1/notices or GET /v1/jobs); lists as arrays or comma-separated.",
      ),
    webhook: z
      .strictObject({
        url: z.string().describe("https URL that receives each alert as a signed POST."),
        secret: z
          .string()
          .optional()
          .describe(`Signing secret (${ALERT_LIMITS.webhookSecretMin}+ characters); generated when absent.`),
      })
      .optional()
      .describe(
        "Where to POST each alert (Doffin-Signature, Doffin-Event-Id headers); the secret is returned once.",
      ),
    paused: z.boolean().optional().describe("Save it paused (no alerts until resumed)."),
    api_key: apiKeyParam,
  }),
  run: async (a, ctx) => {
    const body = {
      name: a.name,
      source: a.source ?? "notices",
      query: a.query ?? {},
      ...(a.webhook ? { webhook: a.webhook } : {}),
      ...(a.paused === undefined ? {} : { paused: a.paused }),
    };
    const res = await callSibling(ctx.call, "TRACKER", "/v1/searches", {
      method: "POST",
      body,
      headers: { [OWNER_HEADER]: alertOwnerOf(ctx) },
    });
    const search = parseShape(SavedSearch, expectOk(res), "saved search");
    return clipToBudget({ created: true, search });
  },
});

export const listAlertMatches = defineTool({
  name: "list_alert_matches",
  family: "gateway",
  title: "The items a saved search matched, with their state",
  description:
    "Notices or job ads that matched a saved search (create_alert), newest first, each with its state " +
    "(new, seen, starred, excluded) and what its latest alert said. Continue with `next_cursor` as cursor.",
  input: z.strictObject({
    search_id: z.string().describe("The saved search's id (ss_…), from create_alert."),
    state: z
      .union([z.enum(MATCH_STATES), z.array(z.enum(MATCH_STATES)), z.string()])
      .optional()
      .describe(`Only these states: ${MATCH_STATES.join(", ")} (array or comma-separated).`),
    limit: intLike(1, 100, "limit").optional().describe("1–100, default 50."),
    cursor: z.string().optional().describe("next_cursor of the previous answer (same state)."),
    api_key: apiKeyParam,
  }),
  rename: { id: "search_id" },
  run: async (a, ctx) => {
    const id = a.search_id.trim();
    if (!SavedSearchId.safeParse(id).success)
      throw new ApiError("invalid_request", "search_id is not a saved search id (ss_ + 20 characters).", {
        issues: [{ path: "search_id", message: "a saved search id looks like ss_4fz2q7m3k5x6a2b7c3d4" }],
      });
    const state = Array.isArray(a.state) ? a.state.join(",") : a.state;
    const qs = queryString({ state, limit: toInt(a.limit), cursor: a.cursor });
    const res = await callSibling(ctx.call, "TRACKER", `/v1/searches/${id}/matches${qs}`, {
      headers: { [OWNER_HEADER]: alertOwnerOf(ctx) },
    });
    const page = parseShape(AlertMatchPage, expectOk(res, { id: "search_id" }), "saved search");
    return fitList(
      {
        count: page.items.length,
        matches: page.items,
        ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}),
      },
      "matches",
      (kept) => ({
        count: kept,
        continuation: `Only ${kept} of ${page.items.length} matches fit; call again with limit=${kept}.`,
      }),
    );
  },
});

export const ALERT_TOOLS = [createAlert, listAlertMatches];
