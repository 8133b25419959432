import {
  CpvCode,
  CpvNode,
  cpvAncestors,
  cpvChildren,
  cpvList,
  cpvTree,
  getCpv,
  LocationTreeNode,
  locationTree,
  NotFoundError,
  searchCpv,
} from "@doffin/core";
import { validationHook } from "@doffin/http";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { cacheKeys, type Loaded } from "../cache";
import type { AppEnv } from "../env";
import { waitUntilOf } from "../env";
import { respondFromCache } from "../respond";
import { cachedOk, errorResponses, notModified, pathParam } from "./schemas";

/**
 * Code lists ship inside the bundle, so "loading" is local work; they still go through the cache so
 * the big serialized tree is built once per isolate and clients get ETag/304 and long max-age.
 */

export const CpvListQuery = z.strictObject({
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "Label search (nb/en, typo tolerant)", example: "programvare" }),
  flat: z.enum(["true", "false"]).optional().openapi({ description: "A flat list instead of the tree" }),
});

export const CpvDetail = z
  .object({ node: CpvCode, ancestors: z.array(CpvCode), children: z.array(CpvCode) })
  .openapi("CpvDetail");

export const cpvListRoute = createRoute({
  tags: ["Code lists"],
  method: "get",
  path: "/v1/codes/cpv",
  summary: "The CPV tree, a flat list, or a label search",
  request: { query: CpvListQuery },
  responses: {
    200: cachedOk(
      z.union([z.array(CpvNode), z.array(CpvCode)]),
      "Tree (default), flat list (`flat=true`) or search hits (`q=`).",
    ),
    ...notModified,
    400: errorResponses[400],
  },
});

export const cpvCodeRoute = createRoute({
  tags: ["Code lists"],
  method: "get",
  path: "/v1/codes/cpv/{code}",
  summary: "One CPV code with its ancestors and children",
  request: {
    params: z.object({
      code: pathParam("code", /^\d{8}$/, "a CPV code has 8 digits, e.g. 72000000", "72000000"),
    }),
  },
  responses: {
    200: cachedOk(CpvDetail, "The code."),
    ...notModified,
    400: errorResponses[400],
    404: errorResponses[404],
  },
});

export const locationsRoute = createRoute({
  tags: ["Code lists"],
  method: "get",
  path: "/v1/codes/locations",
  summary: "Norwegian NUTS regions (legacy codes flagged) and the non-NUTS place codes",
  request: { query: z.strictObject({}) },
  responses: {
    200: cachedOk(z.array(LocationTreeNode), "The location tree."),
    ...notModified,
    400: errorResponses[400],
  },
});

const local =
  (value: unknown): (() => Promise<Loaded>) =>
  async () => ({
    status: 200,
    body: JSON.stringify(value),
  });

export const codesApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(cpvListRoute, async (c) => {
    const s = c.get("services");
    const { q, flat } = c.req.valid("query");
    const what = q ? `cpv:q:${q.trim().toLowerCase()}` : flat === "true" ? "cpv:flat" : "cpv:tree";
    const load = async (): Promise<Loaded> =>
      local(q ? searchCpv(q) : flat === "true" ? cpvList() : cpvTree())();
    const result = await s.cache.get(cacheKeys.codes(what), s.policies.codes, load, waitUntilOf(c));
    return respondFromCache(c, result, s.policies.codes, s.now());
  })
  .openapi(cpvCodeRoute, async (c) => {
    const s = c.get("services");
    const { code } = c.req.valid("param");
    const node = getCpv(code);
    if (!node) throw new NotFoundError(`CPV code ${code}`, `No CPV code ${code}; browse /v1/codes/cpv.`);
    const load = local({ node, ancestors: cpvAncestors(code), children: cpvChildren(code) });
    const result = await s.cache.get(cacheKeys.codes(`cpv:${code}`), s.policies.codes, load, waitUntilOf(c));
    return respondFromCache(c, result, s.policies.codes, s.now());
  })
  .openapi(locationsRoute, async (c) => {
    const s = c.get("services");
    const result = await s.cache.get(
      cacheKeys.codes("locations"),
      s.policies.codes,
      local(locationTree()),
      waitUntilOf(c),
    );
    return respondFromCache(c, result, s.policies.codes, s.now());
  });
