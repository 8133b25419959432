/**
 * Bench-only Worker (bundled by nav-bench.ts, run in Miniflare): the tracker's NAV feed follower in
 * workerd with its D1, so the catch-up is timed in the runtime it is deployed to.
 */
import { createNavClient } from "@doffin/core";
import { runNavFeed } from "../apps/tracker/src/nav/follow";

type BenchEnv = { DB: D1Database };

export default {
  async fetch(request: Request, env: BenchEnv): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/migrate") {
      for (const statement of (await request.json()) as string[]) await env.DB.exec(statement);
      return Response.json({ ok: true });
    }
    const nav = url.searchParams.get("nav") ?? "";
    const run = await runNavFeed({
      nav: createNavClient({ feedBaseUrl: nav, searchBaseUrl: nav }),
      db: env.DB,
      now: new Date(),
      maxRequests: Number(url.searchParams.get("budget") ?? 20),
      pageSize: Number(url.searchParams.get("pageSize") ?? 1000),
      catchUpDays: 183,
    });
    return Response.json(run);
  },
};
