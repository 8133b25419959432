/**
 * Bench-only Worker (bundled by ocds-api.ts, run in Miniflare): the tracker's own app (`createApp()`, so
 * `/ocds/*` and every other route are the real ones) plus `POST /_bench/seed`, which stores the contract
 * data — and so the OCDS releases — of the listed notices the way the sweep does: the eForms XML from the
 * emulator's Public API, parsed, one `db.batch(contractStatements(…))` per notice.
 */
import { parseEformsNotice } from "@doffin/core";
import { createApp } from "../apps/tracker/src/app";
import { contractStatements } from "../apps/tracker/src/contract/tables";

type BenchEnv = { DB: D1Database; UPSTREAM_BASE_URL: string };
const app = createApp();

async function seed(env: BenchEnv, ids: string[]): Promise<{ stored: number; failed: string[] }> {
  const failed: string[] = [];
  let stored = 0;
  for (let i = 0; i < ids.length; i += 10) {
    await Promise.all(
      ids.slice(i, i + 10).map(async (id) => {
        const res = await fetch(`${env.UPSTREAM_BASE_URL}/public/v2/download/${id}`, {
          headers: { "ocp-apim-subscription-key": "test-key" },
        });
        if (!res.ok) {
          failed.push(`${id}: ${res.status}`);
          await res.body?.cancel();
          return;
        }
        const model = parseEformsNotice(await res.text(), { doffinId: id });
        const row = {
          noticeId: id,
          xmlHash: null,
          r2Key: null,
          model,
          error: null,
          fetchedAt: new Date().toISOString(),
        };
        await env.DB.batch(contractStatements(env.DB, row));
        stored++;
      }),
    );
  }
  return { stored, failed };
}

/**
 * The page query of `/ocds/releases` alone (the same SQL as read.ts's `releasePage`, no JSON built):
 * `cols=seq` reads only the keys, `cols=release` the release texts too. Under `/ocds/` so the API
 * forwards it and it is timed through the same hops as the real route.
 */
async function pageQuery(env: BenchEnv, url: URL): Promise<Response> {
  const cols = url.searchParams.get("cols") === "seq" ? "r.seq" : "r.seq, r.release, r.stored_at";
  const rows = await env.DB.prepare(
    `SELECT ${cols} FROM ocds_releases r WHERE r.seq > ? ORDER BY r.seq LIMIT ?`,
  )
    .bind(Number(url.searchParams.get("after") ?? 0), 101)
    .all();
  return Response.json({ rows: rows.results.length });
}

export default {
  async fetch(req: Request, env: BenchEnv, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(req.url);
    if (url.pathname === "/_bench/seed")
      return Response.json(await seed(env, (await req.json()) as string[]));
    if (url.pathname === "/ocds/_bench/query") return pageQuery(env, url);
    return app.fetch(req, env as never, ctx);
  },
};
