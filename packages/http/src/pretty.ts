import type { MiddlewareHandler } from "hono";
import { errorResponse } from "./errors";

/**
 * `pretty=true` (or `1`) on any route of any Worker: the JSON answer indented by two spaces; `false` or
 * absent: compact. DG's OCDS API calls it `pretty`, OpenProcurement `opt_pretty`.
 *
 * Indentation is presentation, not part of the resource, so the parameter is taken off the request URL
 * before routing: contracts stay strict without each listing `pretty`, caches key and ETag the same
 * content, and `uri` / `links.next` in a body are the same as in the compact answer (parse both and they
 * are equal). A client that wants every page indented adds `pretty=true` to each request.
 *
 * The ETag stays the compact answer's, made weak (`W/`) on an indented answer since its bytes differ;
 * both Workers compare `If-None-Match` weakly, so either form revalidates either answer.
 */
export const PRETTY_PARAM = "pretty";

const ON = new Set(["true", "1"]);
const OFF = new Set(["false"]);

const isJson = (contentType: string | null): boolean =>
  !!contentType && /^application\/([a-z.+-]*\+)?json\b/i.test(contentType.trim());

export const prettyJson = (): MiddlewareHandler => async (c, next) => {
  const url = new URL(c.req.url);
  const given = url.searchParams.getAll(PRETTY_PARAM);
  if (given.length === 0) return next();
  const distinct = [...new Set(given)];
  const bad = distinct.length > 1 || !(ON.has(distinct[0] ?? "") || OFF.has(distinct[0] ?? ""));
  url.searchParams.delete(PRETTY_PARAM);
  // Hono reads the query (validators, c.req.url) from the raw request; forwarding Workers pass it on.
  c.req.raw = new Request(url, c.req.raw);
  if (bad)
    return errorResponse(c, "invalid_request", "The request is not valid; see issues.", {
      issues: [
        {
          path: `query.${PRETTY_PARAM}`,
          message:
            distinct.length > 1
              ? `given ${given.length} times with different values; give it once`
              : "use true or false (1 = true)",
        },
      ],
    });
  await next();
  if (!ON.has(distinct[0] ?? "")) return;
  const res = c.res;
  // A 304 has no content type; its ETag is the one the client got with the indented 200.
  if (res.status !== 304 && !isJson(res.headers.get("content-type"))) return;
  const headers = new Headers(res.headers);
  const etag = headers.get("etag");
  if (etag && !etag.startsWith("W/")) headers.set("etag", `W/${etag}`);
  let body: string | null = null;
  if (res.body && res.status !== 204 && res.status !== 304) {
    const text = await res.text();
    try {
      body = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      body = text; // not JSON after all: sent as it came
    }
    headers.delete("content-length");
  }
  // Unset first: Hono's setter would copy the old headers (the strong ETag, the length) over the new ones.
  c.res = undefined;
  c.res = new Response(body, { status: res.status, statusText: res.statusText, headers });
};

/** The `pretty` query parameter as an OpenAPI parameter object (added by `withPrettyParameter`). */
export const PRETTY_PARAMETER = {
  name: PRETTY_PARAM,
  in: "query",
  required: false,
  description:
    "`true` (or `1`): JSON indented by two spaces; `false` or absent: compact. Same content and ETag (weak when indented). Accepted on every JSON route of the gateway.",
  schema: { type: "string", enum: ["true", "1", "false"], examples: ["true"] },
} as const;

type Op = { parameters?: unknown[]; responses?: Record<string, { content?: Record<string, unknown> }> };

/**
 * Adds the `pretty` parameter to every operation of an OpenAPI document with a JSON 2xx answer (inline,
 * not a `$ref`, so clients that read `parameters[].name` see it; it is one object in code).
 * @example const doc = withPrettyParameter(app.getOpenAPI31Document(config));
 */
export function withPrettyParameter<D extends { paths?: unknown }>(doc: D): D {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Op>>;
  for (const item of Object.values(paths))
    for (const op of Object.values(item)) {
      if (!op || typeof op !== "object" || !op.responses) continue;
      const json = Object.entries(op.responses).some(
        ([status, r]) => status.startsWith("2") && Object.keys(r?.content ?? {}).some((t) => isJson(t)),
      );
      const params = op.parameters ?? [];
      if (json && !params.some((p) => (p as { name?: string }).name === PRETTY_PARAM))
        op.parameters = [...params, { ...PRETTY_PARAMETER }];
    }
  return doc;
}
