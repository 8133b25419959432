import { ALERT_LIMITS } from "@doffin/contracts/alerts";
import {
  type AlertSource,
  checkWebhookUrl,
  isSavedSearchFilterError,
  parseSavedSearchFilter,
  type SavedSearchFilter,
} from "@doffin/core";
import { ApiError, readBodyCapped } from "@doffin/http";
import type { Context, MiddlewareHandler } from "hono";

/**
 * The request side of the saved-search routes: who the owner is, the capped JSON body, the filter and
 * webhook checks. Each failure is an ApiError, so it leaves through the one error handler as an envelope.
 */

/** Set by the API Worker from the authenticated key (any client-sent copy is stripped there). */
export const OWNER_HEADER = "x-dgw-owner";

const OWNER = /^[\x21-\x7e]{1,128}$/;

/** The owner of the request; a missing (or malformed) header is a 401, as a missing key is on the API. */
export function ownerOf(c: Context): string {
  const owner = c.req.header(OWNER_HEADER)?.trim();
  if (!owner || !OWNER.test(owner))
    throw new ApiError(
      "unauthorized",
      `This route needs the ${OWNER_HEADER} header (the API sets it from the API key).`,
    );
  return owner;
}

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * Reads the body capped at ALERT_LIMITS.bodyBytes (the header can lie or be absent), requires JSON and
 * an object, and hands the text to Hono's body cache so the route's zod validator sees exactly these
 * bytes. Bad JSON is a 400 with a plain message, not zod's.
 */
export const cappedJsonBody = (): MiddlewareHandler => async (c, next) => {
  const type = c.req.header("content-type");
  if (type === undefined || !JSON_TYPE.test(type.trim()))
    throw new ApiError("unsupported_media_type", "Send the body as application/json (charset utf-8 if any).");
  const bytes = await readBodyCapped(c.req.raw, ALERT_LIMITS.bodyBytes);
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    value = JSON.parse(text);
  } catch {
    throw new ApiError("invalid_request", "The request body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ApiError("invalid_request", "The request body must be a JSON object.");
  // Hono caches promises here although the type names the resolved value.
  (c.req.bodyCache as { text?: Promise<string> }).text = Promise.resolve(text);
  await next();
};

/**
 * The filter through core's saved-search parser: the same contract and the same messages as
 * GET /v1/notices / GET /v1/jobs, with issue paths under `body.query`.
 */
export function parseFilter(source: AlertSource, query: Record<string, unknown>): SavedSearchFilter {
  let filter: SavedSearchFilter;
  try {
    filter = parseSavedSearchFilter(source, query);
  } catch (err) {
    if (!isSavedSearchFilterError(err)) throw err;
    throw new ApiError("invalid_request", err.message, {
      issues: err.issues.map((i) => ({ path: `body.query.${i.path}`, message: i.message })),
    });
  }
  if (filter.source === "jobs") refuseUnmatchableJobFilters(filter.query);
  return filter;
}

/**
 * Job alerts are matched off NAV's feed lines, which show the title, employer and municipality only
 * (items.ts, jobSummaryOf). A saved job search filtering on anything else would never match: a silent
 * empty result. It is refused instead, naming each such filter, until the tracker reads whole ads.
 */
const UNMATCHABLE_JOB_FILTERS = ["occupation", "sector", "extent", "engagement_type", "remote"] as const;

function refuseUnmatchableJobFilters(query: Record<string, unknown>): void {
  const given = UNMATCHABLE_JOB_FILTERS.filter((k) => query[k] !== undefined);
  if (given.length === 0) return;
  throw new ApiError(
    "invalid_request",
    "Job alerts match on q, county, municipality and published only (what NAV's feed shows); remove the other filters.",
    {
      issues: given.map((k) => ({
        path: `body.query.${k}`,
        message: `job alerts cannot filter on ${k} yet: NAV's feed lines do not carry it`,
      })),
    },
  );
}

/**
 * SSRF guard of a webhook target (core's checkWebhookUrl): loopback targets only when the var
 * ALERTS_ALLOW_LOOPBACK_WEBHOOKS is "true" (the demo and the tests; never the deployed default).
 */
export function checkWebhook(env: unknown, url: string): string {
  const allowLoopback = (env as Record<string, unknown>).ALERTS_ALLOW_LOOPBACK_WEBHOOKS === "true";
  const checked = checkWebhookUrl(url, { allowLoopback });
  if (!checked.ok)
    throw new ApiError("invalid_request", `The webhook URL is not allowed: ${checked.reason}.`, {
      issues: [{ path: "body.webhook.url", message: checked.reason }],
    });
  return checked.url.toString();
}

/** ALERTS_MAX_SEARCHES_PER_OWNER (default 100): an optional var, not in wrangler.jsonc's defaults. */
export function maxSearchesPerOwner(env: unknown): number {
  const raw = (env as Record<string, unknown>).ALERTS_MAX_SEARCHES_PER_OWNER;
  const n = typeof raw === "string" && /^\d+$/.test(raw.trim()) ? Number(raw) : ALERT_LIMITS.searchesPerOwner;
  return n >= 1 ? n : ALERT_LIMITS.searchesPerOwner;
}
