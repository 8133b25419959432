import { isNotFoundError, UpstreamError } from "@doffin/core";
import { ApiError } from "@doffin/http";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { type ServiceCall, serviceCallOf } from "../services/container";
import { type AssetName, type AssetTable, loadAssets } from "./assets";
import { type Html, html } from "./html";
import { type Lang, langOf, type Speaker, speakerFor } from "./i18n";
import { layout } from "./layout";
import { type PageAnswer, respondPage } from "./respond-page";

/** What every page handler starts from: the request's language, its service call, the assets. */
export type PageContext = {
  c: Context<AppEnv>;
  s: Speaker;
  setLang: Lang | null;
  call: ServiceCall;
  assets: AssetTable;
  url: URL;
  now: number;
};

export async function pageContext(c: Context<AppEnv>): Promise<PageContext> {
  const { lang, explicit } = langOf(c);
  const call = serviceCallOf(c);
  return {
    c,
    s: speakerFor(lang),
    setLang: explicit,
    call,
    assets: await loadAssets(),
    url: new URL(c.req.url),
    now: call.services.now(),
  };
}

/** Wraps content in the layout and answers it with the page caching headers. */
export function sendPage(
  p: PageContext,
  page: { status?: PageAnswer["status"]; title: string; content: Html; extra?: readonly AssetName[] } & Pick<
    PageAnswer,
    "source"
  >,
): Promise<Response> {
  const markup = layout(
    { speaker: p.s, title: page.title, url: p.url, assets: p.assets, extra: page.extra },
    page.content,
  );
  return respondPage(p.c, {
    status: page.status ?? 200,
    html: markup,
    source: page.source,
    now: p.now,
    setLang: p.setLang,
  });
}

/** The 404 page (status 404), for an unknown notice, organisation, job or path under a page route. */
export const notFoundPage = (p: PageContext, detail?: string): Promise<Response> =>
  sendPage(p, {
    status: 404,
    title: p.s.t.notFoundTitle,
    content: html`<h1>${p.s.t.notFoundTitle}</h1>
<div class="error" role="alert"><p>${p.s.t.notFound}${detail ? html` ${detail}` : ""}</p></div>
<p><a href="/">${p.s.t.backToSearch}</a></p>`,
  });

/** Upstream or sibling trouble: a page that says so (503), never a bare 500. */
export const unavailablePage = (p: PageContext, title: string): Promise<Response> =>
  sendPage(p, {
    status: 503,
    title,
    content: html`<h1>${title}</h1>
<div class="error" role="alert"><p>${p.s.t.upstreamTrouble}</p></div>`,
  });

/** True for failures a page shows as "not available right now" (upstream or sibling down, timeouts). */
export const isUnavailable = (err: unknown): boolean =>
  err instanceof UpstreamError ||
  (err instanceof ApiError &&
    ["upstream_error", "upstream_unavailable", "upstream_timeout", "rate_limited"].includes(err.code));

/** Runs a page, turning not-found into the 404 page and upstream trouble into the 503 page. */
export async function guarded(
  p: PageContext,
  title: string,
  run: () => Promise<Response>,
): Promise<Response> {
  try {
    return await run();
  } catch (err) {
    if (isNotFoundError(err) || (err instanceof ApiError && err.code === "not_found")) return notFoundPage(p);
    if (isUnavailable(err)) {
      console.warn(
        JSON.stringify({ msg: "page upstream unavailable", path: p.url.pathname, error: String(err) }),
      );
      return unavailablePage(p, title);
    }
    throw err;
  }
}
