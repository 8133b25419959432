import { env } from "cloudflare:workers";
import type { Insights } from "@doffin/contracts/insights";
import type { NoticeHistory } from "@doffin/core";
import { trackerStandIn } from "./tracker-stand-in";

/**
 * The tracker as the explorer's tests need it: notice histories, OCDS records and insights from
 * fixtures, organisations from the shared stand-in (its contract-checked routes), or a tracker that is down.
 */

export const INSIGHTS: Insights = {
  from: "2026-06-01",
  to: "2026-11-30",
  type: null,
  weekly: [
    { week: "2026-W47", start: "2026-11-16", PLANNING: 3, COMPETITION: 40, RESULT: 12 },
    { week: "2026-W48", start: "2026-11-23", PLANNING: 1, COMPETITION: 35, RESULT: 9 },
  ],
  counties: [
    { code: "NO081", name: "Oslo", count: 120 },
    { code: "NO0A2", name: "Vestland", count: 64 },
  ],
  cpvDivisions: [{ code: "72", label: "IT-tjenester", labelEn: "IT services", count: 80 }],
  buyers: [{ orgNumber: "940101808", name: "Tromsø kommune", count: 30 }],
  awardValues: [
    { month: "2026-10", total: 12_345_678, currency: "NOK", count: 9 },
    { month: "2026-11", total: 2_000_000, currency: "NOK", count: 3 },
    { month: "2026-11", total: 50_000, currency: "EUR", count: 1 },
  ],
  generatedAt: "2026-11-30T12:00:00Z",
};

export const historyOf = (noticeId: string): NoticeHistory => ({
  noticeId,
  state: "active",
  firstSeenAt: "2026-11-01T08:00:00Z",
  lastSeenAt: "2026-11-23T08:00:00Z",
  lastChangedAt: "2026-11-20T08:00:00Z",
  snapshots: [],
  events: [
    { id: "e1", noticeId, detectedAt: "2026-11-01T08:00:00Z", kind: "created", changes: [] },
    {
      id: "e2",
      noticeId,
      detectedAt: "2026-11-20T08:00:00Z",
      kind: "deadline_changed",
      changes: [{ field: "deadline", before: "2026-12-01T11:00:00Z", after: "2026-12-08T11:00:00Z" }],
      shiftSeconds: 604_800,
    },
  ],
});

const notFound = (what: string) =>
  Response.json({ error: { code: "not_found", message: `No ${what}.`, requestId: "t" } }, { status: 404 });

export type TrackerOptions = { tracked?: string[]; ocids?: string[]; down?: boolean };

/** A TRACKER binding; `down` answers like a dead Worker (the runtime's non-JSON 500). */
export function siteTracker(opts: TrackerOptions = {}) {
  return {
    fetch: async (input: Request | string) => {
      const req = typeof input === "string" ? new Request(input) : input;
      if (opts.down) return new Response("worker threw", { status: 500 });
      const path = new URL(req.url).pathname;
      const history = /^\/v1\/notices\/([^/]+)\/history$/.exec(path);
      if (history?.[1])
        return opts.tracked?.includes(history[1])
          ? Response.json(historyOf(history[1]))
          : notFound("history");
      const record = /^\/ocds\/records\/([^/]+)$/.exec(path);
      if (record?.[1]) {
        const ocid = decodeURIComponent(record[1]);
        return opts.ocids?.includes(ocid) ? Response.json({ records: [{ ocid }] }) : notFound("record");
      }
      if (path === "/v1/insights") {
        // Like the tracker: `to` defaults to today, so an old `from` alone is a window past two years.
        const from = new URL(req.url).searchParams.get("from");
        if (from && from < "2024-12-01" && !new URL(req.url).searchParams.get("to"))
          return Response.json(
            {
              error: {
                code: "invalid_request",
                message: "The insights query is not valid; see issues.",
                requestId: "t",
                issues: [{ path: "query.to", message: "the window is at most 2 years" }],
              },
            },
            { status: 400 },
          );
        return Response.json(INSIGHTS);
      }
      return trackerStandIn.fetch(req, env);
    },
  };
}

/** The test env with this tracker bound. */
export const withTracker = (opts: TrackerOptions = {}) => ({ ...env, TRACKER: siteTracker(opts) });
