import type { AssetName, AssetTable } from "./assets";
import { type Html, html } from "./html";
import type { Speaker } from "./i18n";

/** What the layout needs from the page it wraps. */
export type PageFrame = {
  speaker: Speaker;
  title: string;
  /** The request URL: the language switch keeps its query. */
  url: URL;
  assets: AssetTable;
  /** Assets beyond site.css, in load order (CSS as <link>, JS as deferred <script src>). */
  extra?: readonly AssetName[];
};

const NAV = [
  { href: "/", key: "navSearch" },
  { href: "/jobs", key: "navJobs" },
  { href: "/insights", key: "navInsights" },
] as const;

/** The same page in the other language: `?lang=…` first (the switch contract), then the page's query. */
export function langSwitchHref(url: URL, to: string): string {
  const rest = new URLSearchParams(url.searchParams);
  rest.delete("lang");
  const tail = rest.toString();
  return `?lang=${to}${tail ? `&${tail}` : ""}`;
}

const isCurrent = (url: URL, href: string) =>
  href === "/" ? url.pathname === "/" || url.pathname.startsWith("/notices") : url.pathname.startsWith(href);

/**
 * The frame of every page: skip link, header with the main nav and the language switch, `<main id="main">`.
 * No inline script or style anywhere (the CSP forbids both): behaviour comes from deferred modules.
 */
export function layout(frame: PageFrame, content: Html): string {
  const { speaker: s, url, assets } = frame;
  const other = s.lang === "nb" ? "en" : "nb";
  const extra = frame.extra ?? [];
  const styles = ["site.css" as const, ...extra.filter((n) => n.endsWith(".css"))];
  const scripts = extra.filter((n) => n.endsWith(".js"));
  return html`<!doctype html>
<html lang="${s.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${frame.title} · ${s.t.siteName}</title>
${styles.map((n) => html`<link rel="stylesheet" href="${assets.byName[n].path}">\n`)}${scripts.map((n) => html`<script src="${assets.byName[n].path}" defer></script>\n`)}</head>
<body>
<a class="skip-link" href="#main">${s.t.skip}</a>
<header>
<a class="brand" href="/">${s.t.siteName}</a>
<nav aria-label="${s.t.navLabel}"><ul>
${NAV.map((n) => html`<li><a href="${n.href}"${isCurrent(url, n.href) ? html` aria-current="page"` : ""}>${s.t[n.key]}</a></li>\n`)}</ul></nav>
<a class="lang-switch" hreflang="${other}" lang="${other}" href="${langSwitchHref(url, other)}">${s.t.switchTo}</a>
</header>
<main id="main" tabindex="-1">
${content}
</main>
<footer><p>${s.t.footer}</p></footer>
</body>
</html>
`.value;
}
