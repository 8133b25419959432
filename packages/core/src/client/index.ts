import { createTransport } from "./http";
import { createPublicApiDownload, createPublicApiSource } from "./public-api-source";
import type { DoffinClientOptions, DoffinSource } from "./types";
import { createWebclientSource } from "./webclient-source";

export * from "./budget-gate";
export { backoffDelay, DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, MIN_ATTEMPT_MS, parseRetryAfter } from "./http";
export { UnsupportedFilterError } from "./public-api-source";
export * from "./requests";

/**
 * Doffin's production base URL (both APIs live under it).
 *
 * @example createDoffinClient({ baseUrl: DOFFIN_BASE_URL })
 */
export const DOFFIN_BASE_URL = "https://api.doffin.no";

/**
 * Creates a Doffin client speaking the web client API (default) or, with `kind: "public-api"` and an
 * `apiKey`, the official Public API. In web-client mode an `apiKey` adds the Public API's eForms XML
 * download (`hasXml: true`); without one `downloadXml` is null. Responses are validated with the upstream schemas and normalized to
 * the domain model; failures are `UpstreamError` (kind http | timeout | network | parse) or
 * `NotFoundError`. Only network errors, timeouts, 408, 429 (after `Retry-After`) and 5xx are retried.
 *
 * @example
 * const doffin = createDoffinClient({ baseUrl: "http://127.0.0.1:8790", timeoutMs: 5_000, retry: { attempts: 4 } });
 * const page = await doffin.search({ q: "skole", types: ["COMPETITION"], limit: 50 });
 * const notice = await doffin.getNotice(page.items[0].id);
 *
 * // Bounded: every attempt and wait of one call ends 5 s from its start (see `deadline`).
 * const bounded = createDoffinClient({ baseUrl, deadline: () => startedAt + 5_000 });
 *
 * const official = createDoffinClient({ baseUrl: DOFFIN_BASE_URL, kind: "public-api", apiKey: process.env.DOFFIN_KEY });
 * const xml = await official.downloadXml("2026-107778");
 *
 * // Rich search from the web client, XML from the Public API (one base URL, the key only adds the download).
 * const hybrid = createDoffinClient({ baseUrl: DOFFIN_BASE_URL, apiKey: process.env.DOFFIN_KEY });
 * if (hybrid.hasXml) await hybrid.downloadXml("2026-107778");
 */
export const createDoffinClient = (options: DoffinClientOptions): DoffinSource => {
  // One transport per API: same fetch, retries and deadline, but `beforeAttempt` learns which API (and
  // so which rate limit) each attempt spends.
  const publicApi = createTransport({ ...options, api: "public-api" });
  if (options.kind === "public-api") {
    if (!options.apiKey) throw new Error('createDoffinClient: kind "public-api" needs an apiKey');
    return createPublicApiSource(options.baseUrl, options.apiKey, publicApi);
  }
  const download = options.apiKey
    ? createPublicApiDownload(options.baseUrl, options.apiKey, publicApi)
    : undefined;
  return createWebclientSource(options.baseUrl, createTransport({ ...options, api: "webclient" }), download);
};
