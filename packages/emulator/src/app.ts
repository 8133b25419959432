/** The Hono app: both Doffin surfaces behind the APIM-like gate (key, rate limit, faults, stats) + the control API. */
import { type Context, Hono } from "hono";
import type { Emulator } from "./emulator-types";
import { drift, faultRetryAfter, MALFORMED_BODY, statusBody } from "./faults";
import type { RouteName } from "./model";
import { controlRoutes } from "./routes/control";
import { downloadRoute } from "./routes/download";
import { JSON_UTF8, publicSearch } from "./routes/public-api";
import { json, webclientCpv, webclientNotice, webclientSearch, webclientSuggest } from "./routes/webclient";

const APIM_NOT_FOUND = { statusCode: 404, message: "Resource not found" };
const MISSING_KEY =
  "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.";
const INVALID_KEY =
  "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.";

/** Resolves after `ms`, or early (false) when the emulator is disposed or the client goes away. */
const wait = (ms: number, signals: AbortSignal[]): Promise<boolean> =>
  new Promise((resolve) => {
    if (signals.some((s) => s.aborted)) return resolve(false);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      for (const s of signals) s.removeEventListener("abort", onAbort);
      resolve(ok);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    for (const s of signals) s.addEventListener("abort", onAbort, { once: true });
  });

/** A body that errors once read: the connection is cut without an answer. */
const brokenBody = (): Response =>
  new Response(
    new ReadableStream({
      start(controller) {
        controller.error(new Error("emulator: connection closed by a timeout fault"));
      },
    }),
    { status: 200, headers: { "content-type": "application/json" } },
  );

type Handler = (c: Context) => Response | Promise<Response>;

export const buildApp = (emu: Emulator): Hono => {
  const app = new Hono();
  const s = () => emu.state;

  const serve =
    (route: RouteName, handler: Handler) =>
    async (c: Context): Promise<Response> => {
      const state = s();
      state.stats.count(route);
      const surface = route.startsWith("public.") ? "public" : "webclient";
      let client = c.req.header("x-emulator-client") ?? "default";
      if (surface === "public") {
        const key = c.req.header("ocp-apim-subscription-key") ?? c.req.query("subscription-key");
        if (!key) return json({ statusCode: 401, message: MISSING_KEY }, 401);
        if (!state.apiKeys.has(key)) return json({ statusCode: 401, message: INVALID_KEY }, 401);
        client = `${client}:${key}`;
      }
      const retryAfter = state.limiter.hit(`${surface}:${client}`);
      if (retryAfter !== null) {
        state.stats.rateLimited += 1;
        return new Response(
          JSON.stringify({
            statusCode: 429,
            message: `Rate limit is exceeded. Try again in ${retryAfter} seconds.`,
          }),
          { status: 429, headers: { "content-type": "application/json", "retry-after": String(retryAfter) } },
        );
      }
      const faults = state.faults.take(route);
      const signals = [state.lifetime.signal, c.req.raw.signal];
      for (const f of faults.filter((x) => x.kind === "latency")) await wait(f.latencyMs ?? 1000, signals);
      const fault = faults.find((x) => x.kind !== "latency");
      if (fault?.kind === "timeout") {
        await wait(fault.latencyMs ?? 60_000, signals);
        // On Node (@hono/node-server) cut the socket itself: an erroring body would become a logged 500.
        const outgoing = (c.env as { outgoing?: { destroy?: () => void } } | undefined)?.outgoing;
        if (typeof outgoing?.destroy === "function") {
          outgoing.destroy();
          return new Response(null, { status: 504 });
        }
        return brokenBody();
      }
      if (fault?.kind === "status") {
        const status = fault.status ?? 500;
        const headers: Record<string, string> = { "content-type": "application/json" };
        const retryAfter = faultRetryAfter({ ...fault, status });
        if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
        return new Response(statusBody(status, retryAfter), { status, headers });
      }
      if (fault?.kind === "malformed") {
        return new Response(MALFORMED_BODY, { status: 200, headers: { "content-type": "application/json" } });
      }
      const res = await handler(c);
      if (!fault) return res;
      const text = await res.text();
      const headers = new Headers(res.headers);
      if (fault.kind === "truncate")
        return new Response(text.slice(0, Math.floor(text.length / 2)), { status: res.status, headers });
      // drift: only JSON bodies drift; anything else passes unchanged.
      try {
        return new Response(JSON.stringify(drift(JSON.parse(text))), { status: res.status, headers });
      } catch {
        return new Response(text, { status: res.status, headers });
      }
    };

  app.route("/_emulator", controlRoutes(emu));

  const wc = "/webclient/api/v2";
  app.post(
    `${wc}/search-api/search`,
    serve("webclient.search", async (c) =>
      webclientSearch(s().corpus, await c.req.json().catch(() => null), s()),
    ),
  );
  app.get(`${wc}/search-api/search`, () => json({ statusCode: 404 }, 404));
  app.post(
    `${wc}/search-api/search/suggest`,
    serve("webclient.suggest", async (c) =>
      webclientSuggest(s().corpus, await c.req.json().catch(() => null)),
    ),
  );
  app.get(
    `${wc}/notices-api/notices/:id`,
    serve("webclient.notice", (c) => webclientNotice(s().corpus, c.req.param("id") ?? "")),
  );
  app.get(
    `${wc}/notices-api/codes/cpvCodes`,
    serve("webclient.cpv", () => webclientCpv()),
  );

  app.get(
    "/public/v2/search",
    serve("public.search", (c) =>
      publicSearch(s().corpus, new URL(c.req.url), { tieOrder: s().tieOrder, pastCap: s().publicPastCap }),
    ),
  );
  app.get(
    "/public/v2/download/:id",
    serve("public.download", (c) => downloadRoute(s(), c.req.param("id") ?? "")),
  );

  app.notFound(
    () =>
      new Response(JSON.stringify(APIM_NOT_FOUND), { status: 404, headers: { "content-type": JSON_UTF8 } }),
  );
  app.onError(
    (err) =>
      new Response(JSON.stringify({ statusCode: 500, message: `emulator error: ${err.message}` }), {
        status: 500,
        headers: { "content-type": "application/json" },
      }),
  );
  return app;
};
