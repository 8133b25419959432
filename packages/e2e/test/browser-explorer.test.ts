import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { visit } from "../src/browser";
import { api, browserDescribe, getJson } from "./browser-helpers";

/**
 * The web explorer as a reader uses it (issue #15): search, narrow by a facet, open a notice, open an
 * organisation, switch language, and the whole way search → notice with the keyboard only.
 */

type Search = { total: number; items: { id: string; buyers: { orgNumber: string | null }[] }[] };

/** The numbers in a text, thousands separators (space, no-break space) joined: "20 av 1 234" → [20, 1234]. */
const digits = (s: string | null) =>
  (s ?? "")
    .replace(/(\d)[\s\u00a0\u202f](?=\d{3}(?!\d))/g, "$1")
    .replace(/\D+/g, " ")
    .trim()
    .split(" ")
    .map(Number);

const facetCounts = (page: Page, facet: string) =>
  page
    .locator(`fieldset.facet[data-facet="${facet}"] label`)
    .evaluateAll((labels) =>
      labels.map((l) => [
        (l.querySelector("input") as HTMLInputElement).value,
        l.querySelector(".count")?.textContent ?? "",
      ]),
    );

browserDescribe("web explorer in the browser", (session) => {
  it("searches: the query reaches the API and the hits link to their notices", async () => {
    const page = await session().newPage();
    await visit(page, `${api()}/`);
    await page.locator("#search-form #q").fill("skole");
    await Promise.all([page.waitForURL(/[?&]q=skole/), page.locator("#search-form #q").press("Enter")]);
    const expected = await getJson<Search>(`${api()}/v1/notices?q=skole`);
    expect(expected.total).toBeGreaterThan(0);
    expect(digits(await page.locator("#result-count").textContent())).toContain(expected.total);
    const hrefs = await page
      .locator("#results li.result a.result-link")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(expected.items.map((n) => `/notices/${n.id}`));
    await page.close();
  });

  it("filters by a facet: the total becomes that option's count and the other counts change", async () => {
    const page = await session().newPage();
    await visit(page, `${api()}/`);
    const before = await facetCounts(page, "type");
    const typesBefore = await facetCounts(page, "status");
    expect(before.length).toBeGreaterThan(1);
    const option = page.locator('fieldset.facet[data-facet="type"] input[value="RESULT"]');
    const resultCount = digits((await facetCounts(page, "type")).find(([v]) => v === "RESULT")?.[1] ?? "")[0];
    await option.check();
    await Promise.all([
      page.waitForURL(/[?&]type=RESULT/),
      page.locator('#search-form button[type="submit"]').first().click(),
    ]);
    expect(await page.locator('fieldset.facet[data-facet="type"] input[value="RESULT"]').isChecked()).toBe(
      true,
    );
    const total = (await getJson<Search>(`${api()}/v1/notices?type=RESULT`)).total;
    expect(total).toBe(resultCount);
    expect(digits(await page.locator("#result-count").textContent())).toContain(total);
    // Result notices carry no status: the status facet of the narrowed search differs from the full one.
    expect(await facetCounts(page, "status")).not.toEqual(typesBefore);
    await page.close();
  });

  it("opens a notice from the hits: heading, buyers, Doffin link, timeline; an unknown id is the 404 page", async () => {
    const page = await session().newPage();
    await visit(page, `${api()}/?type=COMPETITION`);
    const first = page.locator("#results a.result-link").first();
    const href = (await first.getAttribute("href")) ?? "";
    await Promise.all([page.waitForURL(`**${href}`), first.click()]);
    const id = href.split("/").at(-1) ?? "";
    const notice = await getJson<{ heading: string }>(`${api()}/v1/notices/${id}`);
    expect((await page.locator("main h1").textContent())?.trim()).toBe(notice.heading);
    for (const section of ["#buyers", "#timeline"])
      expect(await page.locator(section).count(), section).toBe(1);
    expect(await page.locator("a.doffin-link").getAttribute("href")).toContain(`doffin.no/notices/${id}`);
    const missing = await page.goto(`${api()}/notices/2026-999999`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator("main h1").count()).toBe(1);
    await page.close();
  });

  it("opens an organisation from a notice's buyer link; an unknown one is the 404 page", async () => {
    const page = await session().newPage();
    // The captured notice names its buyer with an organisation number; the demo's tracker has its eForms
    // XML (the emulator's Public API key), so the buyer is a real organisation page.
    await visit(page, `${api()}/notices/2026-107918`);
    const link = page.locator('#buyers a[href^="/organizations/"]').first();
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/organizations\/\d{9}$/);
    const orgNumber = href.split("/").at(-1) ?? "";
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(href)), link.click()]);
    expect(res.status()).toBe(200);
    const profile = await getJson<{
      name: string;
      asBuyer: { noticesPublished: number; byYear: { year: number; total: number }[] };
    }>(`${api()}/v1/organizations/${orgNumber}`);
    expect(profile.asBuyer.noticesPublished).toBeGreaterThan(0);
    expect(await page.locator("main h1").count()).toBe(1);
    expect((await page.locator("main h1").textContent())?.trim()).toBe(profile.name);
    // The buyer section shows the tracker's figures: the count and one table row per year.
    const asBuyer = page.locator("#as-buyer");
    expect(digits(await asBuyer.locator("p strong").textContent())).toEqual([
      profile.asBuyer.noticesPublished,
    ]);
    const rows = await asBuyer
      .locator("table.by-year tbody tr")
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
      );
    expect(rows.length).toBe(profile.asBuyer.byYear.length);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => [Number(r[0]), digits(r[1] ?? "")[0]])).toEqual(
      profile.asBuyer.byYear.map((y) => [y.year, y.total]),
    );
    expect(await page.locator("#as-supplier").count()).toBe(1);
    const some = await getJson<{ items: { orgNumber: string; name: string }[] }>(
      `${api()}/v1/organizations?q=as&limit=1`,
    );
    expect(some.items.length).toBe(1);
    for (const org of some.items) {
      const ok = await visit(page, `${api()}/organizations/${org.orgNumber}`);
      expect(ok.status()).toBe(200);
      expect((await page.locator("main h1").textContent())?.trim()).toBe(org.name);
      for (const section of ["#as-buyer", "#as-supplier"])
        expect(await page.locator(section).count()).toBe(1);
    }
    const unknown = await page.goto(`${api()}/organizations/999999999`);
    expect(unknown?.status()).toBe(404);
    expect(await page.locator("main h1").count()).toBe(1);
    await page.close();
  });

  it("switches language with the switch link, and the choice sticks (cookie)", async () => {
    const page = await session().newPage();
    await visit(page, `${api()}/?type=COMPETITION`);
    expect(await page.locator("html").getAttribute("lang")).toBe("nb");
    const toEn = page.locator('header a.lang-switch[hreflang="en"]');
    await Promise.all([page.waitForURL(/[?&]lang=en/), toEn.click()]);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(page.url()).toContain("type=COMPETITION");
    const nav = await page.locator("header nav a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(nav).toEqual(expect.arrayContaining(["/", "/jobs", "/insights"]));
    await visit(page, `${api()}/jobs`);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await Promise.all([page.waitForURL(/[?&]lang=nb/), page.locator('a.lang-switch[hreflang="nb"]').click()]);
    expect(await page.locator("html").getAttribute("lang")).toBe("nb");
    await page.close();
  });

  it("goes from search to a notice with the keyboard only (Tab to the first hit, Enter)", async () => {
    const page = await session().newPage();
    await visit(page, `${api()}/?type=COMPETITION`);
    const firstHref = await page.locator("#results a.result-link").first().getAttribute("href");
    // The skip link comes first, so a keyboard user can jump past the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toContain("skip-link");
    let reached = false;
    for (let i = 0; i < 300 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement?.matches("a.result-link") ?? false);
    }
    expect(reached, "Tab reaches a result link").toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe(firstHref);
    await Promise.all([page.waitForURL(`**${firstHref}`), page.keyboard.press("Enter")]);
    expect(await page.locator("main h1").count()).toBe(1);
    await page.close();
  });

  it("shows a bad query as an alert with the contract's message, not a blank page", async () => {
    const page = await session().newPage();
    const res = await page.goto(`${api()}/?cpv=9999*`);
    expect(res?.status()).toBe(400);
    const alert = page.locator('div.error[role="alert"]');
    expect(await alert.count()).toBe(1);
    expect(await alert.textContent()).toContain("cpv");
    expect(await page.locator("#search-form").count()).toBe(1);
    await page.close();
  });
});
