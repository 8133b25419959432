/** The Hono app: the feed (bearer token), the website search (behind the WAF), faults, stats, control API. */
import { type Context, Hono } from "hono";
import { controlRoutes } from "./control";
import type { NavEmulator } from "./emulator";
import { feedEntry, feedPage, publicToken, type Reply, UNAUTHORIZED_BODY } from "./feed";
import type { RouteName } from "./model";
import { search } from "./search";

const toResponse = (r: Reply): Response =>
  new Response(r.status === 304 ? null : r.body, { status: r.status, headers: r.headers });

const bearer = (c: Context): string | null => {
  const h = c.req.header("authorization") ?? "";
  return /^bearer /i.test(h) ? h.slice(7).trim() : null;
};

/** Waits `ms`, or returns early when the client goes away. */
const wait = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

export const buildApp = (emu: NavEmulator): Hono => {
  const app = new Hono();

  /** Stats, faults and (for the feed) the bearer check around one route's handler. */
  const serve = (route: RouteName, handler: (c: Context) => Response) => async (c: Context) => {
    const fault = emu.faults.take(route);
    let res: Response;
    if (fault?.kind === "latency") await wait(fault.latencyMs ?? 1000, c.req.raw.signal);
    if (fault?.kind === "timeout") {
      await wait(fault.latencyMs ?? 600_000, c.req.raw.signal);
      res = new Response("", { status: 504 });
    } else if (fault?.kind === "status")
      res = new Response(`emulated fault ${fault.status ?? 500}`, { status: fault.status ?? 500 });
    else if (fault?.kind === "malformed")
      res = new Response('{"hits": {"total": ', {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    else res = handler(c);
    emu.stats.record(route, res.status);
    return res;
  };

  const authed = (handler: (c: Context) => Response) => (c: Context) =>
    emu.world.acceptsToken(bearer(c)) ? handler(c) : Response.json(UNAUTHORIZED_BODY, { status: 401 });

  const feed = (c: Context) =>
    toResponse(
      feedPage(emu.world, {
        pageId: c.req.param("pageId") ?? null,
        pageSize: c.req.query("pageSize") ?? null,
        last: c.req.query("last") !== undefined,
        ifNoneMatch: c.req.header("if-none-match") ?? null,
        ifModifiedSince: c.req.header("if-modified-since") ?? null,
      }),
    );
  app.get(
    "/api/publicToken",
    serve("token", () => toResponse(publicToken(emu.world))),
  );
  app.get("/api/v1/feed", serve("feed", authed(feed)));
  app.get("/api/v1/feed/:pageId", serve("feed", authed(feed)));
  app.get(
    "/api/v1/feedentry/:uuid",
    serve(
      "feedentry",
      authed((c) => toResponse(feedEntry(emu.world, c.req.param("uuid") ?? ""))),
    ),
  );
  app.get(
    "/stillinger/api/search",
    serve("search", (c) => {
      const wait = emu.waf.check(c.req.header("x-emulator-client") ?? "default");
      if (wait != null)
        return new Response("Too Many Requests", {
          status: 429,
          headers: emu.waf.settings.retryAfter
            ? { "retry-after": String(wait), "content-type": "text/plain" }
            : { "content-type": "text/plain" },
        });
      const r = search(emu.world, new URL(c.req.url).searchParams);
      return new Response(r.body, { status: r.status, headers: { "content-type": r.contentType } });
    }),
  );
  app.route("/_emulator", controlRoutes(emu));
  app.notFound((c) => c.text("Not found", 404));
  return app;
};
