import { z } from "zod";

/**
 * Building blocks shared by the web client and Public API schemas. Everything here is deliberately
 * tolerant: Doffin omits or nulls keys freely, so only keys whose absence means "this is not the shape
 * we know" (schema drift) are required. `z.object` strips unknown keys, so new upstream keys never fail.
 */

/** A string that may be absent or null. */
export const optString = z.string().nullish();

/** A list of strings that may be absent or null; non-string items are dropped instead of failing. */
export const optStringList = z
  .array(z.unknown())
  .nullish()
  .transform((items) =>
    items
      ? items.filter((v): v is string | number => typeof v === "string" || typeof v === "number").map(String)
      : items,
  );

/**
 * An organisation as both APIs send it. `organizationId` is usually a 9-digit Norwegian org number but
 * can be null, have spaces (`"999 601 391"`) or odd lengths (3, 11, 17, 49 seen); numbers are tolerated.
 *
 * @example UpstreamOrganization.parse({ id: "e4…", organizationId: "991825827", name: "Digdir" })
 */
export const UpstreamOrganization = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  organizationId: z.union([z.string(), z.number()]).nullish(),
  name: optString,
});
export type UpstreamOrganization = z.infer<typeof UpstreamOrganization>;

/**
 * `{currencyCode, amount}`; null on about half the notices. `code`/`currency` are accepted as aliases
 * (the unused `PagedNoticeDto` of the OpenAPI spells it `code`), and a numeric string amount is tolerated.
 *
 * @example UpstreamMoney.parse({ currencyCode: "NOK", amount: 4000000 })
 */
export const UpstreamMoney = z.object({
  amount: z.union([z.number(), z.string()]).nullish(),
  currencyCode: optString,
  code: optString,
  currency: optString,
});
export type UpstreamMoney = z.infer<typeof UpstreamMoney>;

/**
 * `allReceivedTenders[]`: `{type: "tenders" | "t-esubm" | …, total}`. A string `total` is tolerated (the
 * OpenAPI example has `"total": "integer"`).
 *
 * @example UpstreamReceivedTenders.parse({ type: "t-esubm", total: 3 })
 */
export const UpstreamReceivedTenders = z.object({
  type: optString,
  total: z.union([z.number(), z.string()]).nullish(),
});
export type UpstreamReceivedTenders = z.infer<typeof UpstreamReceivedTenders>;

/**
 * The keys both APIs' search hits share. `id` is required, and `heading`/`type` must be present as keys
 * (a renamed key is schema drift) though a null is tolerated; everything else may be absent or null.
 *
 * @example const MyHit = UpstreamHitBase.extend({ sentToTed: z.boolean().nullish() });
 */
export const UpstreamHitBase = z.object({
  id: z.string(),
  buyer: z.array(UpstreamOrganization).nullish(),
  heading: z.string().nullable(),
  description: optString,
  locationId: optStringList,
  estimatedValue: UpstreamMoney.nullish(),
  type: z.string().nullable(),
  allTypes: optStringList,
  status: optString,
  issueDate: optString,
  deadline: optString,
  publicationDate: optString,
  receivedTenders: z.number().nullish(),
  allReceivedTenders: z.array(UpstreamReceivedTenders).nullish(),
  cpvCodes: optStringList,
  procurementStrategicLabels: optStringList,
});
export type UpstreamHitBase = z.infer<typeof UpstreamHitBase>;

/**
 * Accepts `hits` as an array (what Doffin sends) or as a single object (what the official OpenAPI
 * document wrongly declares), and always yields an array.
 */
export const hitsOf = <T extends z.ZodType>(hit: T) =>
  // Wrapping before validation (rather than a union) keeps error paths precise, e.g. `hits.3.heading`.
  z.preprocess((h) => (h !== null && typeof h === "object" && !Array.isArray(h) ? [h] : h), z.array(hit));
