import {
  ErrorEnvelope,
  Notice,
  type ResolvedChangesQuery,
  SEARCH_PARAM_NAMES,
  type SearchQuery,
  SearchResult,
} from "@doffin/core";
import { z } from "zod";
import { CliError, cliWording, EXIT, flagOf } from "../errors";
import { codeRows } from "./code-rows";
import { OrgProfile, OrgSearchPage } from "./organizations";
import { ChangesPage, type Transport } from "./types";

export type GatewayOptions = {
  baseUrl: string;
  fetch: typeof fetch;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
  /** Attempts for 429/503 answers that carry Retry-After (default 3). */
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
};

const MAX_RETRY_WAIT_MS = 30_000;

/** A contract query → the API's query string (`GET /v1/notices`, the same public names); lists repeat. */
export function searchParams(q: SearchQuery): URLSearchParams {
  const p = new URLSearchParams();
  if (q.q) p.set("q", q.q);
  for (const name of ["type", "status", "cpv", "location", "contract_nature"] as const) {
    for (const v of q[name] ?? []) p.append(name, v);
  }
  if (q.published_from) p.set("published_from", q.published_from);
  if (q.published_to) p.set("published_to", q.published_to);
  if (q.sort) p.set("sort", q.sort);
  p.set("page", String(q.page));
  p.set("limit", String(q.limit));
  if (q.facets === false) p.set("facets", "false");
  return p;
}

/**
 * GET a JSON route of the gateway with the CLI's timeout, Retry-After and error handling; every gateway
 * transport (notices, jobs) reads through one of these.
 */
export function createGatewayGetter(opts: GatewayOptions) {
  const base = opts.baseUrl.replace(/\/+$/, "");
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const attempts = opts.attempts ?? 3;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  async function get<S extends z.ZodType>(path: string, schema: S, what: string): Promise<z.output<S>> {
    const url = `${base}${path}`;
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await opts.fetch(url, {
          headers: { accept: "application/json" },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        if (err instanceof CliError) throw err;
        const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
        if (timedOut) {
          throw new CliError(
            EXIT.unavailable,
            `the gateway at ${base} did not answer within ${timeoutMs} ms`,
          );
        }
        const reason = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : "";
        throw new CliError(
          EXIT.unavailable,
          `cannot reach the gateway at ${base} (${reason}). Start the local stack with \`npm run demo\`, pass --base-url / DOFFIN_GATEWAY_URL, or use --direct`,
        );
      }
      if (res.ok) {
        const body: unknown = await res.json().catch(() => undefined);
        const parsed = schema.safeParse(body);
        if (!parsed.success) {
          throw new CliError(EXIT.unavailable, `the gateway at ${base} sent an unexpected ${what} response`);
        }
        return parsed.data;
      }
      const retryAfter = Number(res.headers.get("retry-after"));
      if ((res.status === 429 || res.status === 503) && attempt < attempts && retryAfter >= 0) {
        await res.body?.cancel();
        await sleep(Math.min(MAX_RETRY_WAIT_MS, Math.max(1, retryAfter) * 1000));
        continue;
      }
      throw await errorFrom(res, base);
    }
  }

  return { base, get };
}

/** Talks to our own API (apps/api, with the tracker behind it) over HTTP. */
export function createGatewayTransport(opts: GatewayOptions): Transport {
  const { base, get } = createGatewayGetter(opts);
  return {
    mode: "gateway",
    url: base,
    search: (f) => get(`/v1/notices?${searchParams(f)}`, SearchResult, "search"),
    notice: (id) => get(`/v1/notices/${encodeURIComponent(id)}`, Notice, "notice"),
    changes(q: ResolvedChangesQuery) {
      const p = new URLSearchParams({ limit: String(q.limit) });
      // asc is the feed's default: sent only when desc, so a tracker without `order` still answers.
      if (q.order === "desc") p.set("order", "desc");
      if (q.since) p.set("since", q.since);
      for (const k of q.kind ?? []) p.append("kind", k);
      for (const k of q.exclude_kind ?? []) p.append("exclude_kind", k);
      if (q.notice_id) p.set("notice_id", q.notice_id);
      if (q.field) p.set("field", q.field);
      if (q.cursor) p.set("cursor", q.cursor);
      return get(`/v1/changes?${p}`, ChangesPage, "change feed");
    },
    organizations(q) {
      const p = new URLSearchParams({ q: q.q });
      if (q.role) p.set("role", q.role);
      if (q.limit !== undefined) p.set("limit", String(q.limit));
      if (q.cursor) p.set("cursor", q.cursor);
      return get(`/v1/organizations?${p}`, OrgSearchPage, "organisation search");
    },
    organization(orgNumber, page) {
      const p = new URLSearchParams();
      if (page.limit !== undefined) p.set("limit", String(page.limit));
      if (page.cursor) p.set("cursor", page.cursor);
      const qs = p.size > 0 ? `?${p}` : "";
      return get(`/v1/organizations/${encodeURIComponent(orgNumber)}${qs}`, OrgProfile, "organisation");
    },
    async cpvCodes({ q, flat }) {
      const p = new URLSearchParams();
      if (q) p.set("q", q);
      if (flat) p.set("flat", "true");
      const qs = p.size > 0 ? `?${p}` : "";
      const raw = await get(`/v1/codes/cpv${qs}`, anyJson, "CPV codes");
      return { raw, rows: codeRows(raw) };
    },
    async locations() {
      const raw = await get("/v1/codes/locations", anyJson, "locations");
      return { raw, rows: codeRows(raw) };
    },
  };
}

/** Code lists are printed as the API sends them; only "is it JSON at all" is checked. */
const anyJson = z.unknown().refine((v) => v !== undefined);

/** An API issue in the CLI's words: a search parameter (`query.cpv`, `cpv`) is named by its flag. */
function issueLine(i: { path: string; message: string }): string {
  const name = i.path.replace(/^query\./, "");
  const label = (SEARCH_PARAM_NAMES as readonly string[]).includes(name) ? flagOf(name) : i.path;
  return `${label}: ${cliWording(i.message)}`;
}

/** The API's error envelope → a CliError with the API's own message (and the first issues). */
export async function errorFrom(res: Response, base: string): Promise<CliError> {
  const body: unknown = await res.json().catch(() => undefined);
  const env = ErrorEnvelope.safeParse(body);
  const issues = env.success ? (env.data.error.issues ?? []).map(issueLine) : [];
  const message = env.success
    ? [cliWording(env.data.error.message).replace(/[.\s]+$/, ""), issues.slice(0, 3).join("; ")]
        .filter(Boolean)
        .join(" — ")
    : `HTTP ${res.status} from the gateway at ${base}`;
  if (res.status === 404) return new CliError(EXIT.notFound, message);
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
    return new CliError(EXIT.usage, message);
  }
  return new CliError(EXIT.unavailable, `the gateway at ${base} failed (HTTP ${res.status}): ${message}`);
}
