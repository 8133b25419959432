import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PAGE_CSP } from "../src/middleware/security-headers";
import { daysLeft, deadlineBadge } from "../src/site/deadline";
import { speakerFor } from "../src/site/i18n";
import { emulator, emulatorApp } from "./helpers";
import { expectLayout, expectNoInline, parsePage } from "./site-helpers";

beforeAll(async () => {
  await emulator.clearFaults();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  emulatorApp().call(path, { headers: { accept: "text/html", ...headers } }, env);

const totalOf = async (res: Response) => {
  const page = parsePage(await res.text());
  return Number(page.attr(page.one("p#result-count"), "data-total"));
};

describe("search page (/)", () => {
  it("renders the form, facets with counts, results with deadline badges and a pager", async () => {
    const res = await get("/?type=COMPETITION&published_to=2094-01-01");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toBe(PAGE_CSP);
    const page = parsePage(await res.text());
    expectLayout(page, "nb");
    expectNoInline(page);
    const form = page.one('form#search-form[role=search][action="/"][method=get]');
    page.one("input#q[name=q]", form);
    for (const facet of ["type", "status", "location", "cpv", "contract_nature"]) {
      const group = page.one(`fieldset.facet[data-facet=${facet}]`, form);
      const box = page.one(`input[type=checkbox][name=${facet}]`, group);
      expect(page.attr(box, "value")).toBeTruthy();
      page.one("span.label", group);
      expect(page.text(page.one("span.count", group))).toMatch(/^[\d\s\u00a0]+$/);
    }
    // The chosen facet value comes back checked.
    const competition = page.one("fieldset.facet[data-facet=type] input[value=COMPETITION]");
    expect(page.attr(competition, "checked")).toBeDefined();
    page.one("input[name=published_from]", form);
    page.one("input[name=published_to]", form);
    page.one("select[name=sort]", form);
    page.one("button[type=submit]", form);
    page.one("div#cpv-picker input[name=cpv]");
    expect(page.text(page.one("p#result-count"))).toMatch(/^Viser 20 av [\d\s\u00a0]+ treff$/);
    const results = page.all("ol#results li.result");
    expect(results).toHaveLength(20);
    for (const r of results)
      expect(page.attr(page.one("a.result-link", r), "href")).toMatch(/^\/notices\/\d{4}-\d{6}$/);
    const badges = page.all("span.deadline-badge").map((b) => page.text(b));
    expect(badges.length).toBeGreaterThan(0);
    for (const b of badges) expect(b).toMatch(/^(\d+ dager? igjen|Frist i dag|Fristen er ute)$/);
    expect(page.attr(page.one("nav.pager a[rel=next]"), "href")).toContain("page=2");
    expect(page.all("nav.pager a[rel=prev]")).toHaveLength(0);
    // Page 2 links back.
    const second = parsePage(await (await get("/?type=COMPETITION&published_to=2094-01-01&page=2")).text());
    expect(page.attr(second.one("nav.pager a[rel=prev]"), "href")).not.toContain("page=");
  });

  it("a facet filter changes the result count to that facet value's count", async () => {
    const all = await get("/?published_to=2094-01-02");
    const page = parsePage(await all.text());
    const total = Number(page.attr(page.one("p#result-count"), "data-total"));
    const option = page.all("fieldset.facet[data-facet=status] label")[0];
    if (!option) throw new Error("no status facet option");
    const value = page.attr(page.one("input", option), "value") as string;
    const count = Number(page.text(page.one("span.count", option)).replace(/\D/g, ""));
    expect(count).toBeLessThan(total);
    const filtered = await totalOf(await get(`/?published_to=2094-01-02&status=${value}`));
    expect(filtered).toBe(count);
  });

  it("the URL is the API's query: aliases and comma lists mean the same search as /v1/notices", async () => {
    const api = (await (
      await emulatorApp().call("/v1/notices?types=COMPETITION,RESULT&published_to=2094-01-03")
    ).json()) as { total: number };
    expect(await totalOf(await get("/?types=COMPETITION,RESULT&published_to=2094-01-03"))).toBe(api.total);
    // Empty fields from an untouched form are not "unknown" or "invalid".
    const res = await get("/?q=&published_from=&published_to=2094-01-03&sort=&cpv=&types=COMPETITION,RESULT");
    expect(res.status).toBe(200);
    expect(await totalOf(res)).toBe(api.total);
  });

  it("a bad query is a 400 page with the contract's message, each issue and the suggestions", async () => {
    // Like the API: the contract's checks first (every bad parameter at once), code resolution after.
    const shape = await get("/?limit=500&colour=red&q=skole");
    expect(shape.status).toBe(400);
    const shapePage = parsePage(await shape.text());
    const shapeAlert = shapePage.text(shapePage.one("div.error[role=alert]"));
    expect(shapeAlert).toContain("The search query is not valid; see issues.");
    expect(shapeAlert).toMatch(/limit: must be between 1 and 100/);
    expect(shapeAlert).toMatch(/colour: unknown parameter; use one of q,/);
    expect(shapePage.attr(shapePage.one("input#q"), "value")).toBe("skole");
    const res = await get("/?cpv=9999*");
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const page = parsePage(await res.text());
    expectLayout(page, "nb");
    expectNoInline(page);
    const alert = page.text(page.one("div.error[role=alert]"));
    expect(alert).toContain("The search query is not valid; see issues.");
    expect(alert).toMatch(/cpv: .*nearest: 9\d{7}/);
    // The form is still there, filled in, so the reader can fix it.
    page.one("form#search-form");
    const links = page.all("div.did-you-mean a").map((a) => page.attr(a, "href") ?? "");
    expect(links.length).toBeGreaterThan(0);
    expect(links[0]).toMatch(/cpv=9\d{7}/);
    // Unknown codes are found by the search service (code resolution), not the parser: still the 400 page.
    const bad = await get("/?location=Atlantis");
    expect(bad.status).toBe(400);
    const badPage = parsePage(await bad.text());
    expect(badPage.text(badPage.one("div.error[role=alert]"))).toMatch(/location: /);
  });

  it("hostile text in the query is escaped everywhere it is echoed (value, title, links)", async () => {
    const evil = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
    const res = await get(`/?q=${encodeURIComponent(evil)}&published_to=2094-01-09`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x");
    const page = parsePage(html);
    expectNoInline(page);
    expect(page.attr(page.one("input#q"), "value")).toBe(evil);
    expect(page.all("img")).toHaveLength(0);
    // Control characters and over-long text are the contract's 400, shown as a page.
    const long = await get(`/?q=${"a".repeat(501)}`);
    expect(long.status).toBe(400);
    const longPage = parsePage(await long.text());
    expect(longPage.text(longPage.one("div.error[role=alert]"))).toMatch(/q: at most 500 characters/);
    const ctrl = await get("/?q=a%07b");
    expect(ctrl.status).toBe(400);
  });

  it("an empty free-text search shows the API's hints as did-you-mean links", async () => {
    const res = await get("/?q=software&published_to=2094-01-04");
    expect(res.status).toBe(200);
    const page = parsePage(await res.text());
    expect(page.attr(page.one("p#result-count"), "data-total")).toBe("0");
    const links = page.all("div.did-you-mean a").map((a) => page.attr(a, "href") ?? "");
    expect(links.some((h) => h.includes("cpv=48*"))).toBe(true);
    expect(links.every((h) => !h.includes("q=software"))).toBe(true);
  });
});

describe("language", () => {
  const htmlLang = async (res: Response) => {
    const page = parsePage(await res.text());
    return { lang: page.attr(page.one("html"), "lang"), h1: page.text(page.one("h1")), page };
  };

  it("Accept-Language picks English; bokmål is the default; nn/no read as bokmål", async () => {
    const en = await htmlLang(
      await get("/?published_to=2094-01-05", { "accept-language": "en-GB,en;q=0.9" }),
    );
    expect(en.lang).toBe("en");
    expect(en.h1).toBe("Search public procurement");
    expectLayout(en.page, "en");
    expect((await htmlLang(await get("/?published_to=2094-01-05"))).lang).toBe("nb");
    expect(
      (await htmlLang(await get("/?published_to=2094-01-05", { "accept-language": "nn-NO, en;q=0.5" }))).lang,
    ).toBe("nb");
    expect(
      (await htmlLang(await get("/?published_to=2094-01-05", { "accept-language": "de, en;q=0.3" }))).lang,
    ).toBe("en");
  });

  it("?lang overrides Accept-Language and sets the lang cookie (private); the cookie then decides", async () => {
    const res = await get("/?lang=nb&published_to=2094-01-06", { "accept-language": "en" });
    expect(res.headers.get("set-cookie")).toMatch(/^lang=nb; Path=\/;/);
    expect(res.headers.get("cache-control")).toBe("private, max-age=60");
    const nb = await htmlLang(res);
    expect(nb.lang).toBe("nb");
    // The switch link keeps the query, with ?lang= first.
    expect(nb.page.attr(nb.page.one("a.lang-switch"), "href")).toBe("?lang=en&published_to=2094-01-06");
    const byCookie = await get("/?published_to=2094-01-06", { cookie: "lang=en", "accept-language": "nb" });
    expect(byCookie.headers.get("set-cookie")).toBeNull();
    expect((await htmlLang(byCookie)).lang).toBe("en");
    expect(
      (await htmlLang(await get("/?lang=xx&published_to=2094-01-06", { "accept-language": "en" }))).lang,
    ).toBe("en");
  });

  it("dates, numbers and badges follow the language", () => {
    const now = Date.parse("2026-11-23T23:30:00Z"); // 24 Nov 00:30 in Oslo
    expect(daysLeft(now, "2026-11-29T11:00:00Z")).toBe(5);
    expect(daysLeft(now, "2026-11-24T22:00:00Z")).toBe(0);
    expect(daysLeft(now, "2026-11-23T22:00:00Z")).toBe(-1);
    expect(deadlineBadge(speakerFor("nb"), now, "2026-11-29T11:00:00Z").toString()).toContain(
      ">5 dager igjen<",
    );
    expect(deadlineBadge(speakerFor("en"), now, "2026-11-29T11:00:00Z").toString()).toContain(
      ">5 days left<",
    );
    expect(deadlineBadge(speakerFor("en"), now, "2026-11-25T11:00:00Z").toString()).toContain(">1 day left<");
    expect(speakerFor("nb").number(1234567)).toBe("1\u00a0234\u00a0567");
    expect(speakerFor("en").number(1234567)).toBe("1,234,567");
    expect(speakerFor("nb").money(1200000, "NOK")).toMatch(/^1\u00a0200\u00a0000\u00a0kr$/);
    expect(speakerFor("en").money(1200000, "NOK")).toMatch(/^NOK\s1,200,000$/);
    expect(speakerFor("nb").date("2026-11-24")).toBe("24. nov. 2026");
    expect(speakerFor("en").date("2026-11-24")).toBe("24 Nov 2026");
  });
});

describe("page caching", () => {
  it("ETag over the HTML, 304 on If-None-Match, short Cache-Control, Cache-Status, Vary", async () => {
    const first = await get("/?published_to=2094-01-07");
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get("cache-control")).toBe("public, max-age=60");
    expect(first.headers.get("vary")).toBe("Accept-Language, Cookie");
    expect(first.headers.get("cache-status")).toMatch(/^doffin-gateway; fwd=miss/);
    const again = await get("/?published_to=2094-01-07", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    expect(again.headers.get("cache-status")).toMatch(/^doffin-gateway; hit; ttl=\d+/);
    // Another language is another representation: another ETag, so no 304.
    const en = await get("/?published_to=2094-01-07", { "if-none-match": etag, "accept-language": "en" });
    expect(en.status).toBe(200);
    expect(en.headers.get("etag")).not.toBe(etag);
  });

  it("assets are served under their hash with an immutable year-long Cache-Control; unknown ones are 404s", async () => {
    const page = parsePage(await (await get("/?published_to=2094-01-08")).text());
    const css = page.attr(page.one("link[rel=stylesheet]"), "href") ?? "";
    expect(css).toMatch(/^\/assets\/site\.[0-9a-f]{12}\.css$/);
    const res = await get(css);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await res.text()).toContain(":focus-visible");
    const missing = await get("/assets/site.000000000000.css");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
    expect((await emulatorApp().call(css, { method: "POST" }, env)).status).toBe(405);
  });
});
