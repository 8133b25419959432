import {
  createSearchRoute,
  deleteSearchRoute,
  getSearchRoute,
  listMatchesRoute,
  listSearchesRoute,
  type SavedSearchPage,
  updateMatchRoute,
  updateSearchRoute,
} from "@doffin/contracts/alerts";
import { savedSearchQueryJson } from "@doffin/core";
import { ApiError, createRouter } from "@doffin/http";
import { createRoute } from "@hono/zod-openapi";
import { decodeCursor, encodeCursor, queryKey } from "../cursor";
import type { AppEnv } from "../env";
import { cappedJsonBody, checkWebhook, maxSearchesPerOwner, ownerOf, parseFilter } from "./http";
import { newFeedToken, newSearchId, newWebhookSecret } from "./ids";
import { listMatches, setMatchState } from "./matches-db";
import {
  deleteSearch,
  getSearch,
  insertSearch,
  listSearches,
  type SavedSearchRow,
  type SearchChanges,
  updateSearch,
} from "./searches-db";
import { matchView, savedSearchView } from "./views";

/**
 * `/v1/searches*` on the tracker: saved searches and their matches, for the owner the API names in
 * `x-dgw-owner`. Another owner's search is "not found" (404, never 403), so ids reveal nothing. The
 * feeds are in ./feed-routes (no owner: their token is the credential).
 */

// The contract routes plus this Worker's body guard (which the OpenAPI document does not carry).
const createSearch = createRoute({ ...createSearchRoute, middleware: [cappedJsonBody()] as const });
const updateSearchWithBody = createRoute({ ...updateSearchRoute, middleware: [cappedJsonBody()] as const });
const updateMatch = createRoute({ ...updateMatchRoute, middleware: [cappedJsonBody()] as const });

const notFound = () => new ApiError("not_found", "No saved search with this id for this key.");

const nowIso = () => new Date().toISOString();

/** Keyset cursors of these lists reuse the feed cursor (signed, tied to the owner and filters). */
type Page<T> = { items: T[]; nextCursor: string | null };
async function page<R extends { rowid: number }, T>(
  rows: R[],
  limit: number,
  key: string,
  secret: string,
  view: (r: R) => T,
): Promise<Page<T>> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last ? await encodeCursor({ seq: last.rowid, detectedAt: "" }, key, secret) : null;
  return { items: items.map(view), nextCursor };
}

export const alertsApp = createRouter<AppEnv>()
  .openapi(createSearch, async (c) => {
    const owner = ownerOf(c);
    const body = c.req.valid("json");
    const filter = parseFilter(body.source, body.query);
    const webhookUrl = body.webhook ? checkWebhook(c.env, body.webhook.url) : null;
    const secret = body.webhook ? (body.webhook.secret ?? newWebhookSecret()) : null;
    const now = nowIso();
    const row: SavedSearchRow = {
      rowid: 0,
      id: newSearchId(),
      owner,
      name: body.name,
      source: body.source,
      query: savedSearchQueryJson(filter),
      webhook_url: webhookUrl,
      webhook_secret: secret,
      feed_token: newFeedToken(),
      paused: body.paused ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    const max = maxSearchesPerOwner(c.env);
    if (!(await insertSearch(c.env.DB, row, max)))
      throw new ApiError(
        "conflict",
        `This key has ${max} saved searches, the most it may have; delete one first.`,
      );
    return c.json(savedSearchView(row, c.env.PUBLIC_BASE_URL, secret ?? undefined), 201);
  })
  .openapi(listSearchesRoute, async (c) => {
    const owner = ownerOf(c);
    const q = c.req.valid("query");
    const secret = c.get("config").cursorSecret;
    const key = await queryKey({ list: "searches", owner });
    const pos = q.cursor ? await decodeCursor(q.cursor, key, secret) : null;
    const rows = await listSearches(c.env.DB, owner, pos?.seq ?? null, q.limit);
    const body: SavedSearchPage = await page(rows, q.limit, key, secret, (r) =>
      savedSearchView(r, c.env.PUBLIC_BASE_URL),
    );
    return c.json(body, 200);
  })
  .openapi(getSearchRoute, async (c) => {
    const row = await getSearch(c.env.DB, ownerOf(c), c.req.valid("param").id);
    if (!row) throw notFound();
    return c.json(savedSearchView(row, c.env.PUBLIC_BASE_URL), 200);
  })
  .openapi(updateSearchWithBody, async (c) => {
    const owner = ownerOf(c);
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const current = await getSearch(c.env.DB, owner, id);
    if (!current) throw notFound();
    const changes: SearchChanges = {};
    if (body.name !== undefined) changes.name = body.name;
    if (body.paused !== undefined) changes.paused = body.paused ? 1 : 0;
    if (body.query !== undefined)
      changes.query = savedSearchQueryJson(parseFilter(current.source, body.query));
    let shownSecret: string | undefined;
    if (body.webhook === null) {
      changes.webhook_url = null;
      changes.webhook_secret = null;
    } else if (body.webhook) {
      changes.webhook_url = checkWebhook(c.env, body.webhook.url);
      // A given secret replaces the current one; none keeps it, or makes one when there was none.
      const secret = body.webhook.secret ?? current.webhook_secret ?? newWebhookSecret();
      changes.webhook_secret = secret;
      if (secret !== current.webhook_secret) shownSecret = secret;
    }
    const row = await updateSearch(c.env.DB, owner, id, changes, nowIso());
    if (!row) throw notFound();
    return c.json(savedSearchView(row, c.env.PUBLIC_BASE_URL, shownSecret), 200);
  })
  .openapi(deleteSearchRoute, async (c) => {
    if (!(await deleteSearch(c.env.DB, ownerOf(c), c.req.valid("param").id))) throw notFound();
    return c.body(null, 204);
  })
  .openapi(listMatchesRoute, async (c) => {
    const owner = ownerOf(c);
    const { id } = c.req.valid("param");
    const q = c.req.valid("query");
    if (!(await getSearch(c.env.DB, owner, id))) throw notFound();
    const secret = c.get("config").cursorSecret;
    const key = await queryKey({ list: "matches", owner, id, state: q.state?.join(",") });
    const pos = q.cursor ? await decodeCursor(q.cursor, key, secret) : null;
    const rows = await listMatches(c.env.DB, id, q.state, pos?.seq ?? null, q.limit);
    return c.json(await page(rows, q.limit, key, secret, matchView), 200);
  })
  .openapi(updateMatch, async (c) => {
    const owner = ownerOf(c);
    const { id, itemId } = c.req.valid("param");
    if (!(await getSearch(c.env.DB, owner, id))) throw notFound();
    const m = await setMatchState(c.env.DB, id, itemId, c.req.valid("json").state);
    if (!m) throw new ApiError("not_found", "This saved search never matched this item.");
    return c.json(matchView(m), 200);
  });
