import type { OrganizationProfile, OrganizationSearchPage } from "@doffin/contracts/organizations";
import { organizationRoute, organizationSearchRoute } from "@doffin/contracts/organizations";
import { ApiError, createRouter } from "@doffin/http";
import { decodeCursor, encodeCursor, queryKey } from "../cursor";
import {
  type AwardAfter,
  buyerYears,
  organizationFacts,
  type SearchAfter,
  searchOrganizations,
  supplierAwards,
} from "../db/organizations";
import type { AppEnv } from "../env";

export { organizationRoute, organizationSearchRoute };

/** Keyset positions ride in the signed feed cursor's string slot (its seq is unused here). */
async function position<T extends string[]>(
  cursor: string | undefined,
  key: string,
  secret: string,
  n: number,
) {
  if (!cursor) return null;
  const pos = await decodeCursor(cursor, key, secret);
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(pos.detectedAt);
  } catch {
    // falls through to the 400 below
  }
  if (!Array.isArray(parsed) || parsed.length !== n || !parsed.every((x) => typeof x === "string")) {
    const message = "The cursor is malformed; use nextCursor as given.";
    throw new ApiError("invalid_request", message, { issues: [{ path: "query.cursor", message }] });
  }
  return parsed as T;
}
const issue = (after: string[], key: string, secret: string) =>
  encodeCursor({ seq: 0, detectedAt: JSON.stringify(after) }, key, secret);

export const organizationsApp = createRouter<AppEnv>()
  .openapi(organizationSearchRoute, async (c) => {
    const q = c.req.valid("query");
    const secret = c.get("config").cursorSecret;
    const key = await queryKey({ route: "organizations", q: q.q, role: q.role });
    const after = await position<SearchAfter>(q.cursor, key, secret, 2);
    const { hits, next } = await searchOrganizations(c.env.DB, {
      text: q.q,
      role: q.role,
      after,
      limit: q.limit,
    });
    const body: OrganizationSearchPage = {
      items: hits,
      nextCursor: next ? await issue(next, key, secret) : null,
    };
    return c.json(body, 200);
  })
  .openapi(organizationRoute, async (c) => {
    const { orgNumber } = c.req.valid("param");
    const q = c.req.valid("query");
    const secret = c.get("config").cursorSecret;
    const key = await queryKey({ route: "organization", orgNumber });
    const after = await position<AwardAfter>(q.cursor, key, secret, 4);
    const facts = (await organizationFacts(c.env.DB, [orgNumber])).get(orgNumber);
    if (!facts) throw new ApiError("not_found", `No tracked notice names organisation ${orgNumber}.`);
    const [byYear, { awards, next }] = await Promise.all([
      buyerYears(c.env.DB, orgNumber),
      supplierAwards(c.env.DB, orgNumber, after, q.limit),
    ]);
    const body: OrganizationProfile = {
      orgNumber,
      name: facts.name,
      otherNames: facts.otherNames,
      roles: facts.roles,
      asBuyer: { noticesPublished: facts.noticesPublished, byYear },
      asSupplier: {
        awardsWon: facts.awardsWon,
        awards,
        nextCursor: next ? await issue(next, key, secret) : null,
      },
    };
    return c.json(body, 200);
  });
