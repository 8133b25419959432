import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { PAGE_CSP } from "../src/middleware/security-headers";
import { emulator, emulatorApp, testClock } from "./helpers";
import { expectLayout, expectNoInline, parsePage } from "./site-helpers";

beforeAll(async () => {
  await emulator.clearFaults();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  emulatorApp().call(path, { headers: { accept: "text/html", ...headers } }, env);

describe("search page", () => {
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
    page.one("input[name=published_from]", form);
    page.one("input[name=published_to]", form);
    page.one("select[name=sort]", form);
    page.one("button[type=submit]", form);
    page.one("div#cpv-picker");
    expect(page.text(page.one("p#result-count"))).toMatch(/^Viser 20 av [\d\s\u00a0]+ treff$/);
    const results = page.all("li.result", page.one("ol#results"));
    expect(results).toHaveLength(20);
    for (const r of results)
      expect(page.attr(page.one("a.result-link", r), "href")).toMatch(/^\/notices\/\d{4}-\d{6}$/);
    expect(page.all("span.deadline-badge").length).toBeGreaterThan(0);
    const next = page.one("nav.pager a[rel=next]");
    expect(page.attr(next, "href")).toContain("page=2");
    expect(page.all("nav.pager a[rel=prev]")).toHaveLength(0);
  });
});
