import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Notice, type NoticeSummary, noticeFromSummary } from "@doffin/core";
import { serveOrganizations } from "./fake-organizations";

/**
 * A tiny stand-in for our API (apps/api + tracker) serving API-shaped JSON over node:http, so gateway
 * mode is tested end to end without Workers. It implements what the CLI relies on: filtering by type,
 * status and publication date, published_asc sort, paging with the 1000-hit cap, the error envelope.
 */
export type FakeGateway = { url: string; requests: () => number; close: () => Promise<void> };

const TRICKY = [
  '=HYPERLINK("http://x")',
  "+47 drift",
  "-rabatt",
  "@kontor",
  'Vei, bro og "tunnel"',
  "Linje 1\nLinje 2",
];

/** `perDay[i]` notices published on day i after `start`; half competitions, half results. */
export function makeCorpus(perDay: number[], start = "2026-10-01"): NoticeSummary[] {
  const out: NoticeSummary[] = [];
  let seq = 100_000;
  perDay.forEach((n, day) => {
    const date = new Date(Date.parse(`${start}T00:00:00Z`) + day * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < n; i++) {
      const id = `2026-${seq++}`;
      const competition = seq % 2 === 0;
      const type = competition ? "ANNOUNCEMENT_OF_COMPETITION" : "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT";
      out.push({
        id,
        url: `https://www.doffin.no/notices/${id}`,
        heading: seq % 50 === 0 ? (TRICKY[(seq / 50) % TRICKY.length] ?? "") : `Anskaffelse ${id}`,
        description: "Beskrivelse",
        type,
        allTypes: [type, competition ? "COMPETITION" : "RESULT"],
        status: competition ? "ACTIVE" : null,
        buyers: [{ name: `Kommune ${seq % 7}`, orgNumber: "974760673", rawOrganizationId: "974 760 673" }],
        locations: ["NO081"],
        placeOfPerformance: [],
        issuedAt: `${date}T08:00:00Z`,
        publishedOn: date,
        deadline: competition ? "2026-12-01T12:00:00Z" : null,
        estimatedValue: seq % 3 === 0 ? { amount: 1_500_000, currency: "NOK" } : null,
        cpvCodes: ["72000000", "72200000"],
        sentToTed: false,
        lots: [],
        strategicLabels: [],
        receivedTenders: null,
      });
    }
  });
  return out;
}

const envelope = (code: string, message: string, issues?: { path: string; message: string }[]) => ({
  error: { code, message, requestId: "req-test", ...(issues ? { issues } : {}) },
});

/** The detail the fake serves for a summary (also used by view tests). */
export function detailOf(s: NoticeSummary): Notice {
  return noticeFromSummary(s, {
    procedureId: "proc-1",
    cpv: { direct: ["72200000"], all: s.cpvCodes ?? [] },
  });
}

export const CHANGES = [
  { id: "1", noticeId: "2026-100001", detectedAt: "2026-11-20T08:00:00.000Z", kind: "created", changes: [] },
  {
    id: "2",
    noticeId: "2026-100002",
    detectedAt: "2026-11-20T09:00:00.000Z",
    kind: "deadline_changed",
    changes: [{ field: "deadline", before: "2026-12-01T12:00:00Z", after: "2026-12-15T12:00:00Z" }],
    notice: {
      heading: "Skoleskyss 2027",
      buyer: "Kommune 1",
      type: "ANNOUNCEMENT_OF_COMPETITION",
      status: "ACTIVE",
    },
  },
  {
    id: "3",
    noticeId: "2026-100004",
    detectedAt: "2026-11-21T10:00:00.000Z",
    kind: "status_changed",
    changes: [{ field: "status", before: "ACTIVE", after: "CANCELLED" }],
  },
];

export const CPV_TREE = [
  {
    code: "72000000",
    label: "IT-tjenester",
    children: [{ code: "72200000", label: "Programmering", children: [] }],
  },
];
export const LOCATIONS = [
  { code: "NO08", label: "Oslo og Viken", children: [{ code: "NO081", label: "Oslo", children: [] }] },
  { code: "NO082", label: "Viken", legacy: true, successors: ["NO083", "NO084", "NO085"], children: [] },
];

export async function startFakeGateway(
  corpus: NoticeSummary[],
  opts: { failWith?: number } = {},
): Promise<FakeGateway> {
  let requests = 0;
  const byId = new Map(corpus.map((n) => [n.id, n]));
  const server: Server = createServer((req, res) => {
    requests++;
    const url = new URL(req.url ?? "/", "http://x");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (opts.failWith) return send(opts.failWith, envelope("upstream_unavailable", "Doffin is unavailable."));
    const p = url.searchParams;
    if (serveOrganizations(url, send)) return;
    if (url.pathname === "/v1/notices") {
      if (p.getAll("cpv").some((c) => !/^\d{8}$|^\d+\*$/.test(c))) {
        return send(
          400,
          envelope("invalid_request", "Invalid query.", [{ path: "query.cpv", message: "unknown CPV code" }]),
        );
      }
      const page = Number(p.get("page") ?? 1);
      const limit = Number(p.get("limit") ?? 20);
      if (page * limit > 1000)
        return send(400, envelope("invalid_request", "page × limit may not exceed 1000"));
      const types = p.getAll("type");
      const statuses = p.getAll("status");
      const from = p.get("published_from");
      const to = p.get("published_to");
      const hits = corpus
        .filter((n) => types.length === 0 || n.allTypes.some((t) => types.includes(t)))
        .filter((n) => statuses.length === 0 || (n.status !== null && statuses.includes(n.status)))
        .filter((n) => !from || (n.publishedOn ?? "") >= from)
        .filter((n) => !to || (n.publishedOn ?? "") <= to)
        .sort((a, b) => (a.publishedOn ?? "").localeCompare(b.publishedOn ?? "") || a.id.localeCompare(b.id));
      const items = hits.slice((page - 1) * limit, page * limit);
      return send(200, {
        items,
        total: hits.length,
        accessible: Math.min(1000, hits.length),
        page,
        limit,
        facets: {},
      });
    }
    const m = /^\/v1\/notices\/([^/]+)$/.exec(url.pathname);
    if (m) {
      const n = byId.get(decodeURIComponent(m[1] ?? ""));
      return n ? send(200, detailOf(n)) : send(404, envelope("not_found", `notice ${m[1]} was not found`));
    }
    if (url.pathname === "/v1/changes") {
      const since = p.get("since") ?? "";
      if (Number.isNaN(Date.parse(since)))
        return send(400, envelope("invalid_request", "since must be ISO 8601"));
      // Like the tracker: kind/exclude_kind repeated or comma-separated, order=asc|desc.
      const kinds = p.getAll("kind").flatMap((k) => k.split(","));
      const excluded = p.getAll("exclude_kind").flatMap((k) => k.split(","));
      const limit = Number(p.get("limit") ?? 50);
      const offset = Number(p.get("cursor") ?? 0);
      const matching = CHANGES.filter(
        (c) =>
          c.detectedAt >= since &&
          (kinds.length === 0 || kinds.includes(c.kind)) &&
          !excluded.includes(c.kind),
      );
      const all = p.get("order") === "desc" ? [...matching].reverse() : matching;
      const items = all.slice(offset, offset + limit);
      return send(200, { items, nextCursor: offset + limit < all.length ? String(offset + limit) : null });
    }
    if (url.pathname === "/v1/codes/cpv") return send(200, CPV_TREE);
    if (url.pathname === "/v1/codes/locations") return send(200, LOCATIONS);
    return send(404, envelope("not_found", "no such route"));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
