import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { blocking, describeViolations, runAxe } from "../src/axe";
import { type AssetLoad, visit } from "../src/browser";
import { api, browserDescribe, getJson } from "./browser-helpers";

/**
 * Every kind of page of the explorer, in the browser: axe-core finds no serious or critical violation
 * (minor and moderate ones are printed), and the JS + CSS the page loads weighs ≤ 100 KB gzipped, read
 * from the network log of a load with the browser cache off (a first visit).
 */

const BUDGET_BYTES = 100 * 1024;

/**
 * The screenshot mode (scripts/screenshots.sh): with SCREENSHOTS_DIR set, the axe pass also saves each
 * page as `<slug>.png` there (the first screen at 1280×900; /insights whole), for the root README.
 */
const SCREENSHOTS_DIR = process.env.SCREENSHOTS_DIR;
const slug = (name: string) => name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();

/** The pages to check, resolved against the stack's data (a notice, an organisation, a job). */
async function pages(): Promise<[string, string][]> {
  const notice = (await getJson<{ items: { id: string }[] }>(`${api()}/v1/notices?type=COMPETITION&limit=1`))
    .items[0];
  const job = (await getJson<{ jobs: { uuid: string }[] }>(`${api()}/v1/jobs?limit=1`)).jobs[0];
  const org =
    (await getJson<{ items: { orgNumber: string }[] }>(`${api()}/v1/organizations?q=as&limit=1`)).items[0]
      ?.orgNumber ?? "924599545"; // the captured notice's buyer (a 404 page where the tracker has no eForms data)
  return [
    ["search", "/"],
    ["search with a facet", "/?type=COMPETITION&status=ACTIVE"],
    ["notice", `/notices/${notice?.id}`],
    ["captured notice", "/notices/2026-107918"],
    ["organisation", `/organizations/${org}`],
    ["jobs", "/jobs"],
    ["job", `/jobs/${job?.uuid}`],
    ["insights", "/insights"],
  ];
}

async function firstVisit(page: Page, url: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const res = await visit(page, url);
  await cdp.detach();
  return res;
}

browserDescribe("every page: accessibility (axe-core) and weight", (session) => {
  it("has no serious or critical axe violation on any page", async () => {
    const report: string[] = [];
    for (const [name, path] of await pages()) {
      const page = await session().newPage();
      const res = await firstVisit(page, `${api()}${path}`);
      expect([200, 404], `${name} ${path}`).toContain(res.status());
      if (SCREENSHOTS_DIR)
        await page.screenshot({
          path: join(SCREENSHOTS_DIR, `${slug(name)}.png`),
          fullPage: name === "insights",
          animations: "disabled",
          caret: "hide",
        });
      const violations = await runAxe(page);
      const others = violations.filter((v) => !blocking([v]).length);
      if (others.length) report.push(`${name} (${path}):\n${describeViolations(others)}`);
      expect(blocking(violations), `${name} ${path}:\n${describeViolations(blocking(violations))}`).toEqual(
        [],
      );
      await page.close();
    }
    if (report.length) console.info(`axe: minor/moderate findings\n${report.join("\n")}`);
  });

  it("loads at most 100 KB of gzipped JS + CSS on each page (network log, cache off)", async () => {
    const rows: string[] = [];
    for (const [name, path] of await pages()) {
      const page = await session().newPage();
      await firstVisit(page, `${api()}${path}`);
      const assets: AssetLoad[] = session().assets.get(page) ?? [];
      expect(assets.length, `${name}: at least the stylesheet`).toBeGreaterThan(0);
      for (const a of assets) expect(a.status, a.url).toBe(200);
      for (const a of assets) expect(new URL(a.url).pathname, a.url).toMatch(/^\/assets\//);
      const gz = assets.reduce((s, a) => s + a.gzipped, 0);
      const wire = assets.reduce((s, a) => s + a.transferred, 0);
      rows.push(`| ${name} | ${assets.length} | ${(gz / 1024).toFixed(1)} | ${(wire / 1024).toFixed(1)} |`);
      expect(
        gz,
        `${name} ${path}: ${assets.map((a) => `${a.url} ${a.gzipped}`).join(", ")}`,
      ).toBeLessThanOrEqual(BUDGET_BYTES);
      await page.close();
    }
    console.info(
      `| page | files | gzip KB | on the wire KB |\n| --- | --- | --- | --- |\n${rows.join("\n")}`,
    );
  });

  it("serves the assets with a year-long immutable Cache-Control, and no inline script, style or handler", async () => {
    const page = await session().newPage();
    await firstVisit(page, `${api()}/insights`);
    for (const a of session().assets.get(page) ?? []) {
      const res = await fetch(a.url);
      expect(res.headers.get("cache-control"), a.url).toContain("immutable");
      await res.body?.cancel();
    }
    await page.close();
    // The markup as served (scripts may set styles through the CSSOM, which the CSP allows).
    for (const [name, path] of await pages()) {
      const html = await (await fetch(`${api()}${path}`)).text();
      expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>/g) ?? [], `${name}: inline script`).toEqual([]);
      expect(html.match(/<style[\s>]|\sstyle=/g) ?? [], `${name}: inline style`).toEqual([]);
      expect(html.match(/\son[a-z]+=/g) ?? [], `${name}: inline handler`).toEqual([]);
    }
  });
});
