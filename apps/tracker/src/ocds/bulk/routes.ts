import {
  type OcdsBulkList,
  ocdsBulkDayFileRoute,
  ocdsBulkFullFileRoute,
  ocdsBulkRoute,
} from "@doffin/contracts/ocds";
import { ApiError, validationHook } from "@doffin/http";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { newest, ocdsJson } from "../respond";
import { BULK_PREFIX } from "./export";

type Format = OcdsBulkList["files"][number]["format"];
const formatOf = (name: string): Format =>
  name.endsWith(".json.gz")
    ? "release-package"
    : name.endsWith(".csv.gz")
      ? "csv"
      : name.startsWith("compiled")
        ? "compiled-ndjson"
        : "ndjson";

/** Every bulk file with its metadata (a multipart upload keeps its hash in a `.meta.json` sidecar). */
async function listBulk(c: Context<AppEnv>): Promise<OcdsBulkList> {
  const bucket = c.env.OCDS;
  const objects: R2Object[] = [];
  let cursor: string | undefined;
  do {
    const page = await bucket.list({
      prefix: BULK_PREFIX,
      include: ["customMetadata"],
      ...(cursor ? { cursor } : {}),
    });
    objects.push(...page.objects);
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  const files: OcdsBulkList["files"] = [];
  for (const o of objects) {
    if (o.key.endsWith(".meta.json")) continue;
    let meta = o.customMetadata ?? {};
    if (!meta.sha256) {
      const side = await bucket.get(`${o.key}.meta.json`);
      meta = side ? ((await side.json()) as Record<string, string>) : meta;
    }
    if (!meta.sha256) continue; // an upload still being written
    const name = o.key.slice(BULK_PREFIX.length);
    files.push({
      name,
      url: new URL(`/ocds/bulk/${name}`, c.req.url).toString(),
      day: meta.day ?? null,
      format: formatOf(name.split("/").at(-1) ?? name),
      size: o.size,
      sha256: meta.sha256,
      generatedAt: meta.generatedAt ?? o.uploaded.toISOString(),
    });
  }
  // Full history first, then the newest day first.
  files.sort((a, b) => (a.day ?? "9999").localeCompare(b.day ?? "9999") * -1 || a.name.localeCompare(b.name));
  return { files };
}

async function serveFile(c: Context<AppEnv>, name: string): Promise<Response> {
  const obj = await c.env.OCDS.get(`${BULK_PREFIX}${name}`);
  if (!obj) throw new ApiError("not_found", `No bulk file ${name}; GET /ocds/bulk lists them.`);
  return new Response(obj.body, {
    headers: {
      "content-type": "application/gzip",
      "content-length": String(obj.size),
      etag: obj.httpEtag,
      "last-modified": obj.uploaded.toUTCString(),
      "content-disposition": `attachment; filename="${name.replace(/\//g, "_")}"`,
    },
  });
}

export const ocdsBulkApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(ocdsBulkRoute, async (c) => {
    const body = await listBulk(c);
    const last = newest(body.files.map((f) => f.generatedAt));
    return ocdsJson(c, body, { lastModified: last }) as never;
  })
  .openapi(ocdsBulkDayFileRoute, (c) => {
    const { day, file } = c.req.valid("param");
    return serveFile(c, `daily/${day}/${file}`) as never;
  })
  .openapi(ocdsBulkFullFileRoute, (c) => serveFile(c, `full/${c.req.valid("param").file}`) as never);
