import {
  type CodeLookupFailure,
  cpvList,
  cpvTree,
  createDoffinClient,
  type DoffinClientOptions,
  expandCpvPatterns,
  locationTree,
  resolveLocations,
  type SearchFilters,
  searchCpv,
  UnsupportedFilterError,
} from "@doffin/core";
import { CliError, EXIT, usageError } from "../errors";
import { codeRows } from "./code-rows";
import type { CliFilters, Transport } from "./types";

export type DirectOptions = {
  upstreamUrl: string;
  kind: "webclient" | "public-api";
  apiKey?: string;
  fetch: typeof fetch;
  timeoutMs?: number;
};

function failureMessage(what: string, failures: CodeLookupFailure[]): string {
  return failures
    .map((f) => {
      const hint =
        f.suggestions.length && !/did you mean/i.test(f.message)
          ? ` (did you mean ${f.suggestions
              .slice(0, 3)
              .map((s) => `${s.code} ${s.label}`)
              .join(", ")}?)`
          : "";
      return `${what} "${f.input}": ${f.message}${hint}`;
    })
    .join("; ");
}

/**
 * User filters → core's resolved SearchFilters, exactly as the API resolves them: CPV patterns expanded
 * through the CPV tree, location names mapped to NUTS codes (legacy codes included). Unknown input fails
 * with exit code 2 and suggestions instead of a silent zero-hit search.
 */
export function resolveFilters(f: CliFilters): SearchFilters {
  const out: SearchFilters = { page: f.page, limit: f.limit };
  if (f.q) out.q = f.q;
  if (f.types) out.types = f.types as SearchFilters["types"];
  if (f.statuses) out.statuses = f.statuses as SearchFilters["statuses"];
  if (f.contractNatures) out.contractNatures = f.contractNatures as SearchFilters["contractNatures"];
  if (f.publishedFrom) out.publishedFrom = f.publishedFrom;
  if (f.publishedTo) out.publishedTo = f.publishedTo;
  if (f.sort) out.sort = f.sort as SearchFilters["sort"];
  if (f.cpv?.length) {
    const r = expandCpvPatterns(f.cpv);
    if (!r.ok) throw usageError(failureMessage("CPV", r.failures));
    out.cpvCodes = r.codes;
  }
  if (f.locations?.length) {
    const r = resolveLocations(f.locations);
    if (!r.ok) throw usageError(failureMessage("location", r.failures));
    out.locations = r.codes;
  }
  return out;
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
    changes() {
      return Promise.reject(
        new CliError(
          EXIT.usage,
          "`doffin changes` needs a gateway: Doffin itself has no change feed, our tracker builds it. Drop --direct and point --base-url / DOFFIN_GATEWAY_URL at a gateway (`npm run demo` starts one locally)",
        ),
      );
    },
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
