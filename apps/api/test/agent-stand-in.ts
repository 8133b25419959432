import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { DoffinSource, Notice, NoticeSummary, SearchFilters } from "@doffin/core";
import { ChangesFeed, NotFoundError, noticeFromSummary, noticeUrl } from "@doffin/core";
import { ApiError, onError, requestId } from "@doffin/http";
import { Hono } from "hono";
import { createApp } from "../src/app";

/**
 * The real API app over a stand-in Doffin source and stand-in sibling Workers (tracker, feedback) on
 * its service bindings. It lets the agent tests control sizes and failures exactly, and records what
 * reached the source (`searches`) and the siblings (`seen`), so tests can prove what a tool asked for.
 */

const STATUSES = ["ACTIVE", "EXPIRED", "AWARDED", "CANCELLED"] as const;

export function makeNotice(i: number, descriptionChars = 120): Notice {
  const id = `2026-${String(100000 + i).padStart(6, "0")}`;
  const words = `Rammeavtale for IT-tjenester nummer ${i}. `;
  const summary: NoticeSummary = {
    id,
    url: noticeUrl(id),
    heading: `IT-tjenester ${i}`,
    description: words.repeat(Math.ceil(descriptionChars / words.length)).slice(0, descriptionChars),
    type: "ANNOUNCEMENT_OF_COMPETITION",
    allTypes: ["ANNOUNCEMENT_OF_COMPETITION", "COMPETITION"],
    status: STATUSES[i % 4] ?? "ACTIVE",
    buyers: [{ name: `Kommune ${i}`, orgNumber: "974760673", rawOrganizationId: "974 760 673" }],
    locations: ["NO081"],
    placeOfPerformance: ["Oslo"],
    issuedAt: "2026-11-01T10:00:00Z",
    publishedOn: "2026-11-01",
    deadline: "2026-12-01T12:00:00Z",
    estimatedValue: { amount: 1_000_000 + i, currency: "NOK" },
    cpvCodes: ["72000000"],
    sentToTed: true,
    lots: [],
    strategicLabels: [],
    receivedTenders: null,
  };
  return noticeFromSummary(summary, {
    procedureId: "p-1",
    eFormId: "e-1",
    cpv: { direct: ["72000000"], all: ["72000000"] },
    competitionDocsUrl: "https://example.invalid/docs",
    sections: Array.from({ length: 40 }, (_, k) => ({
      key: `s${k}`,
      sectionId: `S${k}`,
      label: `Section ${k}`,
      value: "x".repeat(800),
      children: [],
    })),
  });
}

/** Parse.bot's `search_tenders` parameter names: the MCP tool list and the OpenAPI document both carry them. */
export const PARSEBOT_SEARCH_PARAMS = [
  "page",
  "limit",
  "query",
  "types",
  "statuses",
  "cpv_ids",
  "locations",
  "contract_natures",
  "pub_from",
  "pub_to",
  "sort_by",
] as const;

export type StandIn = ReturnType<typeof standInApp>;

/** Each stand-in lives at its own instant, years apart, so it never serves another one's KV entries. */
let instances = 0;

export function standInApp(
  opts: { count?: number; descriptionChars?: number; siblingsRateLimited?: boolean } = {},
) {
  const count = opts.count ?? 95;
  const notices = Array.from({ length: count }, (_, i) => makeNotice(i + 1, opts.descriptionChars));
  const searches: SearchFilters[] = [];
  const seen: string[] = [];

  const source: DoffinSource = {
    kind: "webclient",
    hasXml: false,
    async search(filters) {
      searches.push(filters);
      const statuses: string[] = filters.statuses ?? [];
      const text = filters.q?.toLowerCase();
      const hits = notices.filter(
        (n) =>
          (statuses.length === 0 || statuses.includes(String(n.status))) &&
          (!text || `${n.heading} ${n.description}`.toLowerCase().includes(text)),
      );
      const page = filters.page ?? 1;
      const limit = filters.limit ?? 20;
      const items = hits
        .slice((page - 1) * limit, page * limit)
        .map(
          ({
            procedureId,
            eFormId,
            cpv: _c,
            competitionDocsUrl,
            awardedNames,
            changeNotices,
            timeline,
            tedId,
            regulationUrl,
            mainActivity,
            sections,
            ...s
          }) => s,
        );
      return {
        items,
        total: hits.length,
        accessible: Math.min(hits.length, 1000),
        page,
        limit,
        facets: {
          status: STATUSES.map((s) => ({
            id: s,
            label: s,
            count: hits.filter((n) => n.status === s).length,
          })),
          contract_nature: [{ id: "SERVICES", label: "Tjenester", count: hits.length }],
          cpv: Array.from({ length: 30 }, (_, k) => ({
            id: String(72000000 + k * 100),
            label: `cpv ${k}`,
            count: 30 - k,
          })),
        },
      };
    },
    async getNotice(id) {
      const n = notices.find((x) => x.id === id);
      if (!n) throw new NotFoundError(`notice ${id}`, `No notice ${id} on Doffin.`);
      return n;
    },
    getCpvTree: async () => null,
    downloadXml: async () => null,
  };

  /** Stand-ins for the tracker and feedback Workers, reached only through the service bindings. */
  const siblings = new Hono();
  siblings.use(requestId());
  siblings.use(async (c, next) => {
    const url = new URL(c.req.url);
    seen.push(`${c.req.method} ${url.pathname}${url.search}`);
    if (opts.siblingsRateLimited)
      throw new ApiError("rate_limited", "Too many requests; retry in 30 s.", {
        headers: { "retry-after": "30" },
      });
    await next();
  });
  siblings.get("/v1/changes", (c) => {
    const since = c.req.query("since");
    if (!since || Number.isNaN(Date.parse(since)))
      throw new ApiError("invalid_request", "The request is not valid; see issues.", {
        issues: [{ path: "query.since", message: "use an ISO 8601 timestamp, e.g. 2026-11-01T00:00:00Z" }],
      });
    const limit = Number(c.req.query("limit") ?? 50);
    const items = Array.from({ length: limit }, (_, k) => ({
      id: `ev-${k}`,
      noticeId: notices[k % notices.length]?.id ?? "2026-100001",
      detectedAt: "2026-11-20T06:00:00Z",
      kind: "deadline_changed",
      changes: [{ field: "deadline", before: "2026-12-01T12:00:00Z", after: "2026-12-08T12:00:00Z" }],
    }));
    return c.json(ChangesFeed.parse({ items, nextCursor: "cursor-2" }));
  });

  siblings.post("/v1/feedback", async (c) => {
    const body = (await c.req.json()) as { feedback?: string; type?: string };
    if (!["bug", "feature_request", "data_error", "general"].includes(body.type ?? "general"))
      throw new ApiError("invalid_request", "The request is not valid; see issues.", {
        issues: [{ path: "body.type", message: "expected one of bug, feature_request, data_error, general" }],
      });
    return c.json(
      { id: "fb_01jd4x0m5k8e2r7w9q3t6y1z4v", createdAt: "2026-11-23T12:00:00.000Z", status: "open" },
      201,
    );
  });

  siblings.onError(onError);
  const sibling = { fetch: (req: Request) => siblings.fetch(req) };

  const start = Date.parse("2030-01-01T00:00:00Z") + instances++ * 3 * 365 * 86_400_000;
  const api = createApp({ source, now: () => start });
  const bindings = { ...env, TRACKER: sibling, FEEDBACK: sibling };
  /** Counts requests that reach the API app's router (outside requests and any re-entry). */
  let routed = 0;
  const app = {
    request: async (path: string, init?: RequestInit): Promise<Response> => {
      routed++;
      const ctx = createExecutionContext();
      const res = await api.request(path, init, bindings, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    },
  };
  return { app, api, bindings, notices, searches, seen, routed: () => routed };
}

export const MCP_HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
};

/** One JSON-RPC call to `/mcp` as plain HTTP. */
export async function rpc(app: StandIn["app"], method: string, params: Record<string, unknown> = {}, id = 1) {
  const res = await app.request("/mcp", {
    method: "POST",
    headers: MCP_HEADERS,
    body: JSON.stringify({ jsonrpc: "2.0", id, method, params }),
  });
  return {
    res,
    body: (await res.json()) as {
      result?: Record<string, unknown>;
      error?: { code: number; message: string };
    },
  };
}
