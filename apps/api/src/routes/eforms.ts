import { NOTICE_ID_PATTERN } from "@doffin/core";
import { createRouter } from "@doffin/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { ifNoneMatchHits, respondFromCache } from "../respond";
import { serviceCallOf } from "../services/container";
import { requireEformsXml } from "../services/eforms-xml";
import { cachedHeaders, errorResponses, notModified, pathParam } from "./schemas";

const XML_TYPE = "application/xml; charset=utf-8";

export const eformsXmlRoute = createRoute({
  tags: ["Notices"],
  method: "get",
  path: "/v1/notices/{id}/eforms.xml",
  summary: "The notice's raw eForms XML, byte for byte",
  description:
    "From the tracker's R2 store (the newest stored version), else downloaded from Doffin's Public API when this gateway has a key (then cached like the other answers). Never parsed and reserialized. A document that is oversized, declares a DTD or is not well-formed is refused with a 502.",
  request: {
    params: z.object({
      id: pathParam("id", NOTICE_ID_PATTERN, "a Doffin notice id looks like 2026-107918", "2026-107918"),
    }),
  },
  responses: {
    200: {
      content: { "application/xml": { schema: z.string().openapi({ format: "xml" }) } },
      headers: cachedHeaders.partial(),
      description: "The eForms document (ETag: the stored version's SHA-256, or the cached body's).",
    },
    ...notModified,
    ...errorResponses,
  },
});

export const eformsApp = createRouter<AppEnv>().openapi(eformsXmlRoute, async (c) => {
  const call = serviceCallOf(c);
  const x = await requireEformsXml(call, c.req.valid("param").id);
  const s = call.services;
  if (x.from === "upstream")
    return respondFromCache(c, x.result, s.policies.notice, s.now(), { body: x.xml, contentType: XML_TYPE });
  // R2 objects are content-addressed: a new version is a new key, so the tag never lies.
  const headers = new Headers({
    etag: x.etag,
    "cache-control": `public, max-age=${s.config.NOTICE_TTL_SECONDS}`,
    "cache-status": "doffin-gateway; hit; detail=r2",
  });
  if (ifNoneMatchHits(c.req.header("if-none-match"), x.etag))
    return new Response(null, { status: 304, headers });
  headers.set("content-type", XML_TYPE);
  return new Response(c.req.method === "HEAD" ? null : x.xml, { status: 200, headers });
});
