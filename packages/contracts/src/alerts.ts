import { NoQuery } from "@doffin/core";
import { createRoute, z } from "@hono/zod-openapi";
import {
  ALERT_LIMITS,
  ALERTS_TAG,
  AlertFeedQuery,
  AlertMatch,
  AlertMatchListQuery,
  AlertMatchPage,
  AlertMatchParams,
  AlertMatchUpdate,
  SavedSearch,
  SavedSearchCreate,
  SavedSearchIdParams,
  SavedSearchListQuery,
  SavedSearchPage,
  SavedSearchUpdate,
} from "./alerts-schemas";
import { errorResponses } from "./errors";

export * from "./alerts-schemas";

/**
 * Route contracts of saved searches and their alerts (issue #14). The tracker Worker serves them (it
 * sees every new and changed notice and job at sweep time); the API forwards `/v1/searches*` through
 * its `TRACKER` binding with the owner (`x-dgw-owner`, the API key's id) set by itself, and documents
 * the same objects. A search of another owner is a 404, never a 403: its existence is not revealed.
 * The feed routes take no key: the unguessable `token` is their credential.
 */

const owned = {
  unauthorized: "unauthorized: no API key (or, on the tracker itself, no x-dgw-owner header).",
  not_found: "not_found: no saved search with this id for this key.",
  upstream_unavailable: "upstream_unavailable: the change tracker is not connected or not available.",
} as const;

const bodyErrors = {
  invalid_request:
    "invalid_request: invalid JSON, field or filter parameter (the same messages as GET /v1/notices and GET /v1/jobs); `issues` lists each problem.",
  payload_too_large: `payload_too_large: body over ${ALERT_LIMITS.bodyBytes / 1024} KiB.`,
} as const;

/** What a route that takes an owned search's id and a JSON body can answer. */
const BODY_CODES = [
  "invalid_request",
  "unauthorized",
  "not_found",
  "payload_too_large",
  "unsupported_media_type",
  "upstream_unavailable",
] as const;

const json = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});

export const createSearchRoute = createRoute({
  method: "post",
  path: "/v1/searches",
  tags: [ALERTS_TAG],
  summary: "Save a search: alerts on new and changed notices or jobs that match it",
  description:
    "The `query` holds the filter parameters of GET /v1/notices (`source: notices`) or GET /v1/jobs (`source: jobs`). The answer carries the webhook secret (generated when not given) this once, and the feed URLs with their token. At most 100 searches per key (a tracker var).",
  request: {
    query: NoQuery,
    body: { required: true, content: { "application/json": { schema: SavedSearchCreate } } },
  },
  responses: {
    201: json("Saved.", SavedSearch),
    ...errorResponses(
      [
        "invalid_request",
        "unauthorized",
        "conflict",
        "payload_too_large",
        "unsupported_media_type",
        "upstream_unavailable",
      ],
      { ...bodyErrors, ...owned, conflict: "conflict: this key has the maximum number of saved searches." },
    ),
  },
});

export const listSearchesRoute = createRoute({
  method: "get",
  path: "/v1/searches",
  tags: [ALERTS_TAG],
  summary: "The saved searches of this key, newest first",
  request: { query: SavedSearchListQuery },
  responses: {
    200: json("One page.", SavedSearchPage),
    ...errorResponses(["invalid_request", "unauthorized", "upstream_unavailable"], {
      invalid_request: "invalid_request: bad limit or cursor, or an unknown query parameter.",
      ...owned,
    }),
  },
});

export const getSearchRoute = createRoute({
  method: "get",
  path: "/v1/searches/{id}",
  tags: [ALERTS_TAG],
  summary: "One saved search (never its webhook secret)",
  request: { params: SavedSearchIdParams, query: NoQuery },
  responses: {
    200: json("The saved search.", SavedSearch),
    ...errorResponses(["invalid_request", "unauthorized", "not_found", "upstream_unavailable"], owned),
  },
});

export const updateSearchRoute = createRoute({
  method: "patch",
  path: "/v1/searches/{id}",
  tags: [ALERTS_TAG],
  summary: "Change a saved search's name, filter, webhook or paused flag",
  description:
    "The source stays. A new `query` is validated like on create. `webhook: null` removes the webhook; a webhook without a secret keeps the current one, or gets a generated one (returned in this answer only).",
  request: {
    params: SavedSearchIdParams,
    query: NoQuery,
    body: { required: true, content: { "application/json": { schema: SavedSearchUpdate } } },
  },
  responses: {
    200: json("Updated.", SavedSearch),
    ...errorResponses(BODY_CODES, { ...bodyErrors, ...owned }),
  },
});

export const deleteSearchRoute = createRoute({
  method: "delete",
  path: "/v1/searches/{id}",
  tags: [ALERTS_TAG],
  summary: "Delete a saved search with its matches and events",
  request: { params: SavedSearchIdParams, query: NoQuery },
  responses: {
    204: { description: "Deleted." },
    ...errorResponses(["invalid_request", "unauthorized", "not_found", "upstream_unavailable"], owned),
  },
});

export const listMatchesRoute = createRoute({
  method: "get",
  path: "/v1/searches/{id}/matches",
  tags: [ALERTS_TAG],
  summary: "Items that matched a saved search, newest first, with their state",
  request: { params: SavedSearchIdParams, query: AlertMatchListQuery },
  responses: {
    200: json("One page.", AlertMatchPage),
    ...errorResponses(["invalid_request", "unauthorized", "not_found", "upstream_unavailable"], {
      invalid_request: "invalid_request: bad state, limit or cursor, or an unknown query parameter.",
      ...owned,
    }),
  },
});

export const updateMatchRoute = createRoute({
  method: "patch",
  path: "/v1/searches/{id}/matches/{itemId}",
  tags: [ALERTS_TAG],
  summary: "Mark a match seen, starred, excluded (silenced) or new again",
  description: "An excluded match gets no more events (no match.changed, no deadline reminders).",
  request: {
    params: AlertMatchParams,
    query: NoQuery,
    body: { required: true, content: { "application/json": { schema: AlertMatchUpdate } } },
  },
  responses: {
    200: json("The match.", AlertMatch),
    ...errorResponses(BODY_CODES, {
      ...bodyErrors,
      ...owned,
      not_found: "not_found: no such saved search for this key, or it never matched this item.",
    }),
  },
});

const feedErrors = errorResponses(["invalid_request", "not_found", "upstream_unavailable"], {
  invalid_request: "invalid_request: bad limit or an unknown query parameter.",
  not_found: "not_found: no saved search with this id and token.",
  upstream_unavailable: owned.upstream_unavailable,
});

const feedHeaders = z.object({ ETag: z.string(), "Last-Modified": z.string(), "Cache-Control": z.string() });

export const atomFeedRoute = createRoute({
  method: "get",
  path: "/v1/searches/{id}/feed.atom",
  tags: [ALERTS_TAG],
  summary: "A saved search's alerts as an Atom feed (RFC 4287), newest first",
  description:
    "No API key: the `token` (in the search's `feeds.atom`) is the credential. Entry ids are the alert event ids (tag: URIs), stable across fetches; ETag and 304 as on /v1/changes.",
  request: { params: SavedSearchIdParams, query: AlertFeedQuery },
  responses: {
    200: {
      description: "The feed.",
      headers: feedHeaders,
      content: { "application/atom+xml": { schema: z.string() } },
    },
    304: { description: "Not modified (If-None-Match / If-Modified-Since matched)." },
    ...feedErrors,
  },
});

export const jsonFeedRoute = createRoute({
  method: "get",
  path: "/v1/searches/{id}/feed.json",
  tags: [ALERTS_TAG],
  summary: "A saved search's alerts as a JSON Feed 1.1, newest first",
  description: "Like feed.atom, as JSON Feed 1.1 (application/feed+json).",
  request: { params: SavedSearchIdParams, query: AlertFeedQuery },
  responses: {
    200: {
      description: "The feed.",
      headers: feedHeaders,
      content: { "application/feed+json": { schema: z.record(z.string(), z.unknown()) } },
    },
    304: { description: "Not modified (If-None-Match / If-Modified-Since matched)." },
    ...feedErrors,
  },
});

/** The saved-search routes, served by the tracker and documented by the API (deliveries: ./alert-deliveries). */
export const alertRoutes = [
  createSearchRoute,
  listSearchesRoute,
  getSearchRoute,
  updateSearchRoute,
  deleteSearchRoute,
  listMatchesRoute,
  updateMatchRoute,
  atomFeedRoute,
  jsonFeedRoute,
] as const;
