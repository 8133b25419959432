import { SearchFilters } from "../domain/filters";
import { NotFoundError, UpstreamError } from "../errors";
import { normalizeCpvTree, normalizeWebclientDetail } from "../normalize/detail";
import { normalizeWebclientSearch } from "../normalize/search";
import {
  WEBCLIENT_PATHS,
  WebclientCpvTree,
  WebclientNoticeDetail,
  WebclientSearchResponse,
} from "../upstream/webclient";
import { decode, joinUrl, send, type Transport } from "./http";
import { buildWebclientSearchBody } from "./requests";
import type { DoffinSource } from "./types";

const JSON_HEADERS = { accept: "application/json", "content-type": "application/json" };

/**
 * The web client API (no key) as a `DoffinSource`: search with facets, notice detail, CPV tree. The web
 * client has no XML; `download` (the Public API's, when a key is configured) adds it.
 */
export const createWebclientSource = (
  baseUrl: string,
  t: Transport,
  download?: (id: string) => Promise<string>,
): DoffinSource => ({
  kind: "webclient",
  hasXml: download !== undefined,

  async search(filters) {
    const { page, limit } = SearchFilters.parse(filters);
    const raw = await send(t, joinUrl(baseUrl, WEBCLIENT_PATHS.search), {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify(buildWebclientSearchBody(filters)),
    });
    return normalizeWebclientSearch(decode(WebclientSearchResponse, raw, "search"), { page, limit });
  },

  async getNotice(id) {
    const raw = await send(t, joinUrl(baseUrl, WEBCLIENT_PATHS.notice(id)), { headers: JSON_HEADERS }, [404]);
    if (raw.status === 404) throw new NotFoundError(`notice ${id}`);
    const detail = decode(WebclientNoticeDetail, raw, "notice");
    if (detail.id !== id) {
      // A detail for another id would silently poison caches keyed by the requested id.
      throw new UpstreamError({
        kind: "parse",
        message: `Doffin answered notice ${detail.id} when asked for ${id}`,
        status: raw.status,
        attempts: raw.attempts,
      });
    }
    return normalizeWebclientDetail(detail);
  },

  async getCpvTree() {
    const raw = await send(t, joinUrl(baseUrl, WEBCLIENT_PATHS.cpvCodes), { headers: JSON_HEADERS });
    return normalizeCpvTree(decode(WebclientCpvTree, raw, "cpvCodes"));
  },

  async downloadXml(id) {
    return download ? download(id) : null;
  },
});
