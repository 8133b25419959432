import { atomFeedRoute, jsonFeedRoute } from "@doffin/contracts/alerts";
import {
  type AlertFeed,
  ATOM_CONTENT_TYPE,
  JSON_FEED_CONTENT_TYPE,
  renderAtomFeed,
  renderJsonFeed,
} from "@doffin/core";
import { ApiError, createRouter } from "@doffin/http";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { feedResponse } from "../feed-response";
import { latestEvents } from "./matches-db";
import { getSearchByFeedToken } from "./searches-db";
import { feedUrls } from "./views";

/**
 * A saved search's alerts as Atom (RFC 4287) and JSON Feed 1.1, newest first, rendered by core. No API
 * key and no owner: the unguessable token in the URL is the credential, so any feed reader works. A
 * missing or wrong token is the same 404 as an unknown id (nothing tells them apart). ETag, Last-Modified
 * and 304 as on /v1/changes (../feed-response.ts).
 */

const notFound = () => new ApiError("not_found", "No saved search with this id and token.");

async function feedOf(
  c: Context<AppEnv>,
  id: string,
  token: string | undefined,
  limit: number,
  kind: "atom" | "json",
) {
  const search = token ? await getSearchByFeedToken(c.env.DB, id, token) : null;
  if (!search) throw notFound();
  const entries = await latestEvents(c.env.DB, id, limit);
  const urls = feedUrls(c.env.PUBLIC_BASE_URL, id, search.feed_token);
  const feed: AlertFeed = {
    id: `urn:doffin:search:${id}`,
    title: `Doffin gateway alerts: ${search.name}`,
    selfUrl: kind === "atom" ? urls.atom : urls.json,
    homeUrl: c.env.PUBLIC_BASE_URL,
    // The newest entry; an empty feed is as new as the search's last edit.
    updated: entries[0]?.createdAt ?? search.updated_at,
    entries,
  };
  return { feed, newest: entries[0]?.createdAt ?? null };
}

export const alertFeedsApp = createRouter<AppEnv>()
  .openapi(atomFeedRoute, async (c) => {
    const { id } = c.req.valid("param");
    const q = c.req.valid("query");
    const { feed, newest } = await feedOf(c, id, q.token, q.limit, "atom");
    const text = renderAtomFeed(feed);
    return feedResponse(c, null, newest, null, {
      contentType: ATOM_CONTENT_TYPE,
      text,
    }) as never;
  })
  .openapi(jsonFeedRoute, async (c) => {
    const { id } = c.req.valid("param");
    const q = c.req.valid("query");
    const { feed, newest } = await feedOf(c, id, q.token, q.limit, "json");
    const text = JSON.stringify(renderJsonFeed(feed));
    return feedResponse(c, null, newest, null, {
      contentType: JSON_FEED_CONTENT_TYPE,
      text,
    }) as never;
  });
