import {
  cpvList,
  cpvTree,
  createDoffinClient,
  type DoffinClientOptions,
  locationTree,
  type ResolvedSearchFilters,
  resolveSearchQuery,
  type SearchQuery,
  searchCpv,
  UnsupportedFilterError,
} from "@doffin/core";
import { CliError, EXIT, usageError } from "../errors";
import { issuesMessage } from "../filters";
import { codeRows } from "./code-rows";
import type { Transport } from "./types";

/** Commands served from our tracker's data: Doffin has nothing to ask directly. */
const needsGateway = (command: string, why = "Doffin has no organisation views, our tracker builds them") =>
  new CliError(
    EXIT.usage,
    `\`doffin ${command}\` needs a gateway: ${why}. Drop --direct and point --base-url / DOFFIN_GATEWAY_URL at a gateway (\`npm run demo\` starts one locally)`,
  );

export type DirectOptions = {
  upstreamUrl: string;
  kind: "webclient" | "public-api";
  apiKey?: string;
  fetch: typeof fetch;
  timeoutMs?: number;
};

/**
 * A contract query → core's resolved filters, exactly as the API resolves them (`resolveSearchQuery`):
 * CPV patterns expanded, location names mapped to NUTS codes. Unknown input fails with exit code 2 and
 * suggestions instead of a silent zero-hit search.
 */
export function resolveFilters(query: SearchQuery): ResolvedSearchFilters {
  const resolved = resolveSearchQuery(query);
  if (!resolved.ok) throw usageError(issuesMessage(resolved.issues));
  return resolved.filters;
}

/** Talks to Doffin (or the emulator) directly through core's client; no gateway needed. */
export function createDirectTransport(opts: DirectOptions): Transport {
  if (opts.kind === "public-api" && !opts.apiKey) {
    throw usageError("--upstream-kind public-api needs a subscription key in DOFFIN_API_KEY");
  }
  const clientOptions: DoffinClientOptions = {
    baseUrl: opts.upstreamUrl,
    kind: opts.kind,
    fetch: opts.fetch,
  };
  if (opts.apiKey) clientOptions.apiKey = opts.apiKey;
  if (opts.timeoutMs) clientOptions.timeoutMs = opts.timeoutMs;
  const client = createDoffinClient(clientOptions);
  return {
    mode: "direct",
    url: opts.upstreamUrl,
    async search(f) {
      try {
        return await client.search(resolveFilters(f));
      } catch (err) {
        if (err instanceof UnsupportedFilterError)
          throw usageError(`${err.message}; drop that filter or use a gateway`);
        throw err;
      }
    },
    notice: (id) => client.getNotice(id),
    changes: () =>
      Promise.reject(needsGateway("changes", "Doffin itself has no change feed, our tracker builds it")),
    organizations: () => Promise.reject(needsGateway("org")),
    organization: () => Promise.reject(needsGateway("org")),
    // The same lists the API serves from `GET /v1/codes/cpv`, so `--json` output matches in both modes.
    async cpvCodes({ q, flat }) {
      const raw = q ? searchCpv(q) : flat ? cpvList() : cpvTree();
      return { raw, rows: codeRows(raw) };
    },
    async locations() {
      const raw = locationTree();
      return { raw, rows: codeRows(raw) };
    },
  };
}
