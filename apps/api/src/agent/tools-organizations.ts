import { OrganizationProfile, OrganizationSearchPage } from "@doffin/contracts/organizations";
import { z } from "zod";
import { callSibling } from "../services/siblings";
import { apiKeyParam, intLike, queryString, toInt } from "./args";
import { clipToBudget, fitList } from "./budget";
import { expectOk, parseShape } from "./dispatch";
import { defineTool } from "./tool";

/**
 * Buyers and suppliers: the tracker's organisation routes (`@doffin/contracts/organizations`) as tools,
 * called through the `TRACKER` binding like the change feed. The tracker validates (its contract's
 * messages come back with the tools' parameter names).
 */

export const searchOrganizations = defineTool({
  name: "search_organizations",
  family: "gnistai",
  title: "Find buyers and suppliers by name",
  description:
    "Organisations (with a Norwegian organisation number) that tracked notices name as buyer or winner. " +
    "Case and diacritics are ignored (tromso finds Tromsø). Continue with `next_cursor` as cursor.",
  input: z.strictObject({
    query: z.string().describe("At least 2 characters of the name."),
    role: z.enum(["buyer", "supplier"]).optional().describe("buyer or supplier; default both."),
    limit: intLike(1, 100, "limit").optional().describe("1–100, default 20."),
    cursor: z.string().optional().describe("next_cursor of the previous answer (same other arguments)."),
    api_key: apiKeyParam,
  }),
  run: async (a, ctx) => {
    const qs = queryString({ q: a.query, role: a.role, limit: toInt(a.limit), cursor: a.cursor });
    const res = await callSibling(ctx.call, "TRACKER", `/v1/organizations${qs}`);
    const page = parseShape(OrganizationSearchPage, expectOk(res, { q: "query" }), "organisation");
    return fitList(
      {
        count: page.items.length,
        organizations: page.items,
        ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}),
      },
      "organizations",
      (kept) => ({
        count: kept,
        continuation: `Only ${kept} of ${page.items.length} organisations fit; call again with limit=${kept}.`,
      }),
    );
  },
});

export const getOrganization = defineTool({
  name: "get_organization",
  family: "gnistai",
  title: "An organisation as buyer and as supplier",
  description:
    "By organisation number (974760673, 974 760 673 or NO 974 760 673 MVA): notices it published by " +
    "year and type, and the awards it won (newest first; continue with `next_cursor` as cursor).",
  input: z.strictObject({
    org_number: z.string().min(1).describe("The 9-digit Norwegian organisation number."),
    limit: intLike(1, 100, "limit").optional().describe("Awards per page, 1–100, default 50."),
    cursor: z.string().optional().describe("next_cursor of the previous answer."),
    api_key: apiKeyParam,
  }),
  run: async (a, ctx) => {
    const qs = queryString({ limit: toInt(a.limit), cursor: a.cursor });
    const path = `/v1/organizations/${encodeURIComponent(a.org_number)}${qs}`;
    const res = await callSibling(ctx.call, "TRACKER", path);
    const org = parseShape(OrganizationProfile, expectOk(res, { orgNumber: "org_number" }), "organisation");
    const { nextCursor, ...asSupplier } = org.asSupplier;
    return clipToBudget({
      found: true,
      organization: { ...org, asSupplier },
      ...(nextCursor ? { next_cursor: nextCursor } : {}),
    });
  },
});

export const ORGANIZATION_TOOLS = [searchOrganizations, getOrganization];
