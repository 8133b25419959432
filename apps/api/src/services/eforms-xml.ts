import { EformsParseError, guardEformsXml, isNotFoundError, NotFoundError, NoticeId } from "@doffin/core";
import { ApiError } from "@doffin/http";
import type { CacheResult, Loaded } from "../cache";
import type { ServiceCall } from "./container";

/**
 * A notice's raw eForms XML: the tracker's R2 store first (`eforms/{id}/{sha256}.xml`, the newest
 * object when a notice was corrected), else the Public API download through the KV cache when a key is
 * configured. The bytes are never parsed and reserialized on the way out.
 */
export type EformsXml =
  | { from: "r2"; xml: string; etag: string; fetchedAt: string; contentHash: string }
  | { from: "upstream"; xml: string; etag: string; fetchedAt: string; result: CacheResult };

/** Why there is no XML: nothing stored and no key to download with, or Doffin has none. */
export type NoXml = { from: "none"; reason: "no_public_api_key" | "not_found" };

export const eformsCacheKey = (id: string) => `eforms:v1:${id}`;

const validId = (id: string) => {
  const valid = NoticeId.safeParse(id);
  if (!valid.success)
    throw new ApiError("invalid_request", "The notice id is not valid; see issues.", {
      issues: valid.error.issues.map((i) => ({ path: "id", message: i.message })),
    });
};

async function fromR2(call: ServiceCall, id: string): Promise<EformsXml | null> {
  // Partial: a deployment (or a test) may run the API without the tracker's bucket bound.
  const bucket = (call.env as Partial<Env>).EFORMS;
  if (!bucket) return null;
  const listed = await bucket.list({ prefix: `eforms/${id}/` });
  const newest = listed.objects.reduce<R2Object | null>(
    (a, o) => (a === null || o.uploaded > a.uploaded ? o : a),
    null,
  );
  if (!newest) return null;
  const object = await bucket.get(newest.key);
  if (!object) return null;
  const contentHash = newest.key.slice(newest.key.lastIndexOf("/") + 1).replace(/\.xml$/, "");
  return {
    from: "r2",
    xml: await object.text(),
    etag: `"${contentHash.slice(0, 32)}"`,
    fetchedAt: newest.uploaded.toISOString(),
    contentHash,
  };
}

/**
 * The XML of one notice, or why there is none.
 * @throws ApiError invalid_request for a malformed id; upstream_error (502) for a document that is not
 * a safe, well-formed XML (oversized, DTD, too deep, unbalanced); the upstream's own errors.
 * @example const x = await getEformsXml(call, "2026-107918"); if (x.from !== "none") x.xml
 */
export async function getEformsXml(call: ServiceCall, id: string): Promise<EformsXml | NoXml> {
  validId(id);
  const stored = await fromR2(call, id);
  if (stored) return stored;
  const s = call.services;
  if (!s.xmlSource) return { from: "none", reason: "no_public_api_key" };
  const xmlSource = s.xmlSource;
  const load = async (): Promise<Loaded> => {
    try {
      const xml = await xmlSource.downloadXml(id);
      if (xml === null) return { status: 404, body: "", freshSeconds: s.config.NOT_FOUND_TTL_SECONDS };
      // Checked before it is cached: a hostile or truncated document must never be served or parsed.
      guardEformsXml(xml);
      return { status: 200, body: xml };
    } catch (err) {
      if (isNotFoundError(err))
        return { status: 404, body: "", freshSeconds: s.config.NOT_FOUND_TTL_SECONDS };
      if (err instanceof EformsParseError)
        throw new ApiError("upstream_error", `Doffin's eForms XML for ${id} is not usable (${err.reason}).`, {
          log: { id, reason: err.reason, message: err.message },
        });
      throw err;
    }
  };
  const result = await s.cache.get(eformsCacheKey(id), s.policies.notice, load, call.waitUntil);
  if (result.entry.status === 404) return { from: "none", reason: "not_found" };
  return {
    from: "upstream",
    xml: result.entry.body,
    etag: result.entry.etag,
    fetchedAt: new Date(result.entry.storedAt).toISOString(),
    result,
  };
}

/** `getEformsXml` for the eforms.xml route: no XML is a 404 that says why. */
export async function requireEformsXml(call: ServiceCall, id: string): Promise<EformsXml> {
  const x = await getEformsXml(call, id);
  if (x.from !== "none") return x;
  throw new NotFoundError(
    `eforms ${id}`,
    x.reason === "not_found"
      ? `Doffin has no eForms XML for ${id}.`
      : `No eForms XML of ${id} is stored yet and this gateway has no Public API key to download it.`,
  );
}
