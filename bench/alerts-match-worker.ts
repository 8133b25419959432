/**
 * Bench-only Worker (bundled by alerts-match.ts, run in Miniflare/workerd): builds the alert match index
 * over the first `searches` saved searches it was sent and matches the first `notices` notices, or only
 * builds, or does nothing — the caller times the request from outside and subtracts, because a Worker's
 * clock does not advance during pure CPU.
 */
import {
  buildMatchIndex,
  matchNotice,
  type NoticeSummary,
  parseSavedSearchFilter,
  type SavedSearchFilter,
} from "@doffin/core";

let searches: { id: string; filter: SavedSearchFilter }[] = [];
let notices: NoticeSummary[] = [];

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/load") {
      const body = (await request.json()) as {
        searches: { id: string; params: Record<string, unknown> }[];
        notices: NoticeSummary[];
      };
      // Parsing is what a create/patch does once per saved search; the sweep reads parsed filters.
      searches = body.searches.map((s) => ({
        id: s.id,
        filter: parseSavedSearchFilter("notices", s.params),
      }));
      notices = body.notices;
      return Response.json({ searches: searches.length, notices: notices.length });
    }
    const mode = url.searchParams.get("mode") ?? "noop";
    const s = Number(url.searchParams.get("searches") ?? "0");
    const n = Number(url.searchParams.get("notices") ?? "0");
    if (mode === "noop") return Response.json({ matched: 0 });
    const index = buildMatchIndex(searches.slice(0, s));
    let matched = 0;
    if (mode === "match")
      for (const notice of notices.slice(0, n)) matched += matchNotice(index, notice).length;
    return Response.json({ matched, candidates: index.candidates });
  },
} satisfies ExportedHandler;
