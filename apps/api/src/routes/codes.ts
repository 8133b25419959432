import { CpvCode, CpvNode, LocationTreeNode } from "@doffin/core";
import { validationHook } from "@doffin/http";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { respondFromCache } from "../respond";
import { cpvCode, cpvCodes, locationCodes } from "../services/codes";
import { serviceCallOf } from "../services/container";
import { cachedOk, errorResponses, notModified, pathParam } from "./schemas";

/** The code-list routes; the work (and why it is cached) is in services/codes.ts. */

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

export const codesApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(cpvListRoute, async (c) => {
    const call = serviceCallOf(c);
    const { q, flat } = c.req.valid("query");
    const result = await cpvCodes(call, { q, flat: flat === "true" });
    return respondFromCache(c, result, call.services.policies.codes, call.services.now());
  })
  .openapi(cpvCodeRoute, async (c) => {
    const call = serviceCallOf(c);
    const result = await cpvCode(call, c.req.valid("param").code);
    return respondFromCache(c, result, call.services.policies.codes, call.services.now());
  })
  .openapi(locationsRoute, async (c) => {
    const call = serviceCallOf(c);
    const result = await locationCodes(call);
    return respondFromCache(c, result, call.services.policies.codes, call.services.now());
  });
