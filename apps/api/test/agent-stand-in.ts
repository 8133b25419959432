import type { Notice, NoticeSummary } from "@doffin/core";
import { ChangesFeed, noticeUrl } from "@doffin/core";
import { ApiError, notFound, onError, requestId } from "@doffin/http";
import { OpenAPIHono } from "@hono/zod-openapi";
import { registerAgentSurfaces } from "../src/agent";
import { registerOpenApi } from "../src/openapi";

/**
 * A small API app with stand-in REST routes that honour the public contract (`/v1/notices`,
 * `/v1/notices/{id}`, codes, `/v1/changes`, `/v1/feedback`). It lets the agent tests control sizes and
 * failures exactly, and records every inner request so tests can prove tools go through REST.
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
  return {
    ...summary,
    procedureId: "p-1",
    eFormId: "e-1",
    cpv: { direct: ["72000000"], all: ["72000000"] },
    competitionDocsUrl: "https://example.invalid/docs",
    awardedNames: [],
    changeNotices: [],
    timeline: [],
    tedId: null,
    regulationUrl: null,
    mainActivity: null,
    sections: Array.from({ length: 40 }, (_, k) => ({
      key: `s${k}`,
      sectionId: `S${k}`,
      label: `Section ${k}`,
      value: "x".repeat(800),
      children: [],
    })),
  };
}

export type StandIn = ReturnType<typeof standInApp>;

export function standInApp(opts: { count?: number; descriptionChars?: number } = {}) {
  const count = opts.count ?? 95;
  const notices = Array.from({ length: count }, (_, i) => makeNotice(i + 1, opts.descriptionChars));
  const seen: string[] = [];
  const app = new OpenAPIHono();
  app.use(requestId());
  app.use(async (c, next) => {
    seen.push(`${c.req.method} ${new URL(c.req.url).pathname}${new URL(c.req.url).search}`);
    await next();
  });

  app.get("/v1/notices", (c) => {
    const q = new URL(c.req.url).searchParams;
    const cpv = q.getAll("cpv");
    if (cpv.includes("99999999"))
      throw new ApiError("invalid_request", "Unknown CPV code 99999999.", {
        issues: [
          {
            path: "query.cpv",
            message: "unknown CPV code 99999999; did you mean 90000000 (Sewage services)?",
          },
        ],
      });
    const statuses = q.getAll("status");
    const text = q.get("q")?.toLowerCase();
    const hits = notices.filter(
      (n) =>
        (statuses.length === 0 || statuses.includes(String(n.status))) &&
        (!text || `${n.heading} ${n.description}`.toLowerCase().includes(text)),
    );
    const page = Number(q.get("page") ?? 1);
    const limit = Number(q.get("limit") ?? 20);
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
    const facets =
      q.get("facets") === "false"
        ? {}
        : {
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
          };
    return c.json({
      items,
      total: hits.length,
      accessible: Math.min(hits.length, 1000),
      page,
      limit,
      facets,
    });
  });

  app.get("/v1/notices/:id", (c) => {
    const id = c.req.param("id");
    if (!/^\d{4}-\d{6}$/.test(id))
      throw new ApiError("invalid_request", "The request is not valid; see issues.", {
        issues: [{ path: "param.id", message: "a Doffin notice id looks like 2026-107918" }],
      });
    const n = notices.find((x) => x.id === id);
    if (!n) throw new ApiError("not_found", `No notice ${id} on Doffin.`);
    return c.json(n);
  });

  const cpvTree = Array.from({ length: 45 }, (_, d) => ({
    code: `${String(3 + d).padStart(2, "0")}000000`,
    nameNb: `Gruppe ${d}`,
    nameEn: `Division ${d}`,
    level: 1,
    parent: null,
    children: Array.from({ length: 20 }, (_, k) => ({
      code: `${String(3 + d).padStart(2, "0")}${String(k + 1).padStart(2, "0")}0000`,
      nameNb: `Undergruppe ${d}.${k}`,
      nameEn: `Group ${d}.${k}`,
      level: 2,
      parent: `${String(3 + d).padStart(2, "0")}000000`,
      children: [],
    })),
  }));
  app.get("/v1/codes/cpv", (c) => {
    const q = c.req.query("q")?.toLowerCase();
    if (!q) return c.json(cpvTree);
    const flat = cpvTree.flatMap((n) => [n, ...n.children]).map(({ children: _ch, ...r }) => r);
    return c.json(
      flat.filter((r) => r.nameNb.toLowerCase().includes(q) || r.nameEn.toLowerCase().includes(q)),
    );
  });
  app.get("/v1/codes/locations", (c) =>
    c.json([
      {
        code: "NO0",
        nameNb: "Norge",
        nameEn: "Norway",
        level: 0,
        parent: null,
        legacy: false,
        children: [
          {
            code: "NO08",
            nameNb: "Oslo og Viken",
            nameEn: "Oslo and Viken",
            level: 2,
            parent: "NO0",
            legacy: false,
            children: [
              {
                code: "NO081",
                nameNb: "Oslo",
                nameEn: "Oslo",
                level: 3,
                parent: "NO08",
                legacy: false,
                children: [],
              },
            ],
          },
          {
            code: "NO0A",
            nameNb: "Vestlandet",
            nameEn: "Western Norway",
            level: 2,
            parent: "NO0",
            legacy: false,
            children: [],
          },
          {
            code: "NO011",
            nameNb: "Oslo (2016)",
            nameEn: "Oslo (2016)",
            level: 3,
            parent: "NO0",
            legacy: true,
            children: [],
          },
        ],
      },
    ]),
  );

  app.get("/v1/changes", (c) => {
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

  app.post("/v1/feedback", async (c) => {
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

  registerAgentSurfaces(app);
  registerOpenApi(app);
  app.notFound(notFound);
  app.onError(onError);
  return { app, notices, seen };
}

export const MCP_HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
};

/** One JSON-RPC call to `/mcp` as plain HTTP. */
export async function rpc(app: OpenAPIHono, method: string, params: Record<string, unknown> = {}, id = 1) {
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
