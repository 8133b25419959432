import { z } from "zod";
import { hitsOf, optString, UpstreamHitBase, UpstreamOrganization } from "./shared";

/**
 * Schemas of the official Public API (`https://api.doffin.no/public/v2`, subscription key), from the real
 * captures in `fixtures/doffin/public-api` and doffin-upstream.md §1.
 */

/**
 * `lots[]` of a Public API hit; `winner[]` is filled on award and intent notices.
 *
 * @example PublicApiLot.parse({ heading: "Lot 1", description: null, winner: [{ id: "de60…", organizationId: "890164072", name: "Globalconnect AS" }] })
 */
export const PublicApiLot = z.object({
  heading: optString,
  description: optString,
  winner: z.array(UpstreamOrganization).nullish(),
});
export type PublicApiLot = z.infer<typeof PublicApiLot>;

/**
 * One `hits[]` element of `GET /public/v2/search` (18 keys in every real hit; required keys as
 * in `UpstreamHitBase`).
 *
 * @example PublicApiHit.parse(JSON.parse(readFileSync("fixtures/doffin/public-api/hits/contract-award-notice.json", "utf8")))
 */
export const PublicApiHit = UpstreamHitBase.extend({
  /** Always null in practice; the OpenAPI leaves it untyped. */
  limitedDataFlag: z.unknown().optional(),
  /** Always null in practice; the OpenAPI leaves it untyped. */
  doffinClassicUrl: z.unknown().optional(),
  lots: z.array(PublicApiLot).nullish(),
});
export type PublicApiHit = z.infer<typeof PublicApiHit>;

/**
 * Response of `GET /public/v2/search`. `hits` is also accepted as a single object, which is what the
 * official OpenAPI document (wrongly) declares.
 *
 * @example PublicApiSearchResponse.parse({ numHitsTotal: 157143, numHitsAccessible: 1000, hits: [] })
 */
export const PublicApiSearchResponse = z.object({
  numHitsTotal: z.number(),
  numHitsAccessible: z.number().nullish(),
  hits: hitsOf(PublicApiHit),
});
export type PublicApiSearchResponse = z.infer<typeof PublicApiSearchResponse>;

/**
 * Application error body of the Public API (400s): `{"reason": "Parameter page must be >= 1"}`.
 *
 * @example PublicApiReasonError.parse({ reason: "Wrong issue date format. Correct format: YYYY-MM-DD" })
 */
export const PublicApiReasonError = z.object({ reason: z.string() });
export type PublicApiReasonError = z.infer<typeof PublicApiReasonError>;

/**
 * Azure API Management error body (401, 404 unknown path, 429):
 * `{"statusCode": 429, "message": "Rate limit is exceeded. Try again in 4 seconds."}`.
 *
 * @example ApimError.parse({ statusCode: 401, message: "Access denied due to missing subscription key." })
 */
export const ApimError = z.object({ statusCode: z.number(), message: optString });
export type ApimError = z.infer<typeof ApimError>;

/**
 * Either error body, for logging what the upstream said.
 *
 * @example PublicApiErrorBody.safeParse(JSON.parse(text)).data // { reason } or { statusCode, message }
 */
export const PublicApiErrorBody = z.union([PublicApiReasonError, ApimError]);
export type PublicApiErrorBody = z.infer<typeof PublicApiErrorBody>;

/**
 * The `sortBy` values the Public API accepts; anything else answers 404 with an empty body.
 *
 * @example PUBLIC_API_SORT_VALUES.includes("DEADLINE") // true
 */
export const PUBLIC_API_SORT_VALUES = [
  "RELEVANCE",
  "PUBLICATION_DATE_DESC",
  "PUBLICATION_DATE_ASC",
  "DEADLINE",
  "ESTIMATED_VALUE_ASC",
  "ESTIMATED_VALUE_DESC",
] as const;

/**
 * Paths of the Public API relative to the Doffin base URL.
 *
 * @example `${baseUrl}${PUBLIC_API_PATHS.download("2026-107778")}`
 */
export const PUBLIC_API_PATHS = {
  search: "/public/v2/search",
  download: (id: string) => `/public/v2/download/${encodeURIComponent(id)}`,
} as const;

/**
 * Header carrying the Public API subscription key.
 *
 * @example fetch(url, { headers: { [PUBLIC_API_KEY_HEADER]: key } })
 */
export const PUBLIC_API_KEY_HEADER = "Ocp-Apim-Subscription-Key";
