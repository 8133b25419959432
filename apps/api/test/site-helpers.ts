import { DomUtils, parseDocument } from "htmlparser2";
import { expect } from "vitest";

type El = ReturnType<typeof DomUtils.getElementsByTagName>[number];

/**
 * A light HTML parse for the page tests: htmlparser2's DOM and a matcher for one compound selector
 * (`tag`, `.class`, `#id`, `[attr]`, `[attr=value]`, `[attr^=value]`, combined: `a.result-link[href^=/notices/]`,
 * and descendants: `nav.pager a[rel=next]`),
 * optionally inside an ancestor (`within`). Enough to pin the selector contract without a browser.
 */
export type Page = {
  html: string;
  all(selector: string, within?: El): El[];
  one(selector: string, within?: El): El;
  text(el: El): string;
  attr(el: El, name: string): string | undefined;
};

const PART = /([#.]?[\w-]+)|\[([\w-]+)(?:([\^*]?=)"?([^"\]]*)"?)?\]/g;

function matcher(selector: string): (el: El) => boolean {
  const tests: ((el: El) => boolean)[] = [];
  for (const m of selector.matchAll(PART)) {
    const [, simple, name, op, value] = m;
    if (simple?.startsWith("#")) tests.push((el) => el.attribs.id === simple.slice(1));
    else if (simple?.startsWith("."))
      tests.push((el) => (el.attribs.class ?? "").split(/\s+/).includes(simple.slice(1)));
    else if (simple) tests.push((el) => el.name === simple);
    else if (name) {
      const v = value ?? "";
      tests.push((el) => {
        const a = el.attribs[name];
        if (a === undefined) return false;
        if (!op) return true;
        return op === "=" ? a === v : op === "^=" ? a.startsWith(v) : a.includes(v);
      });
    }
  }
  return (el) => tests.every((t) => t(el));
}

export function parsePage(html: string): Page {
  const doc = parseDocument(html);
  // Descendant combinator: each space-separated compound narrows the search to the previous matches.
  const all = (selector: string, within?: El) =>
    selector
      .trim()
      .split(/\s+/)
      .reduce<El[] | null>((scope, compound) => {
        const roots = scope ?? (within ? [within] : null);
        const test = matcher(compound);
        if (!roots) return DomUtils.findAll(test, doc.children);
        return [...new Set(roots.flatMap((r) => DomUtils.findAll(test, r.children)))];
      }, null) ?? [];
  return {
    html,
    all,
    one(selector, within) {
      const found = all(selector, within);
      expect(found.length, `expected an element matching ${selector}`).toBeGreaterThan(0);
      return found[0] as El;
    },
    text: (el) => DomUtils.textContent(el).replace(/\s+/g, " ").trim(),
    attr: (el, name) => el.attribs[name],
  };
}

/** The layout contract every page keeps (html lang, header nav, lang switch, main, skip link). */
export function expectLayout(page: Page, lang: "nb" | "en") {
  expect(page.attr(page.one("html"), "lang")).toBe(lang);
  const nav = page.one("nav[aria-label]", page.one("header"));
  const hrefs = page.all("a", nav).map((a) => page.attr(a, "href"));
  expect(hrefs).toEqual(expect.arrayContaining(["/", "/jobs", "/insights"]));
  const other = lang === "nb" ? "en" : "nb";
  const sw = page.one(`a.lang-switch[hreflang=${other}]`);
  expect(page.attr(sw, "href")).toMatch(new RegExp(`^\\?lang=${other}`));
  page.one("main#main");
  page.one('a.skip-link[href="#main"]');
}

/** CSP-compatible markup: no inline script, no style attribute or element, no on* handlers. */
export function expectNoInline(page: Page) {
  for (const script of page.all("script")) {
    expect(page.attr(script, "src"), "every <script> has a src").toBeTruthy();
    expect(page.text(script)).toBe("");
  }
  expect(page.all("style")).toEqual([]);
  const everything = page.all("*");
  for (const el of everything) {
    expect(el.attribs.style, `style= on <${el.name}>`).toBeUndefined();
    const handlers = Object.keys(el.attribs).filter((a) => /^on/i.test(a));
    expect(handlers, `on* attributes on <${el.name}>`).toEqual([]);
  }
}
