import { beforeAll, describe, expect, it } from "vitest";
import { emulator, emulatorApp } from "./helpers";
import { expectLayout, expectNoInline, type Page, parsePage } from "./site-helpers";
import { INSIGHTS, type TrackerOptions, withTracker } from "./site-tracker";
import { TROMSO } from "./tracker-stand-in";

beforeAll(async () => {
  await emulator.clearFaults();
});

const get = (path: string, tracker: TrackerOptions = {}, headers: Record<string, string> = {}) =>
  emulatorApp().call(path, { headers: { accept: "text/html", ...headers } }, withTracker(tracker));

const render = async (path: string, tracker: TrackerOptions = {}, headers: Record<string, string> = {}) => {
  const res = await get(path, tracker, headers);
  const page = parsePage(await res.text());
  return { res, page };
};

async function someJobUuid(): Promise<string> {
  const body = (await (await emulatorApp().call("/v1/jobs?limit=1")).json()) as { jobs: { uuid: string }[] };
  const uuid = body.jobs[0]?.uuid;
  if (!uuid) throw new Error("no job in the NAV emulator");
  return uuid;
}

describe("organisation page (/organizations/{orgNumber})", () => {
  it("shows the tracker's profile: notices by year as buyer, awards won as supplier", async () => {
    const { res, page } = await render(`/organizations/${TROMSO.orgNumber}`);
    expect(res.status).toBe(200);
    expectLayout(page, "nb");
    expectNoInline(page);
    expect(page.text(page.one("h1"))).toBe("Tromsø kommune");
    const buyer = page.text(page.one("section#as-buyer"));
    expect(buyer).toContain("2026");
    expect(buyer).toMatch(/Konkurranse\w*: 2/);
    const supplier = page.one("section#as-supplier");
    expect(page.attr(page.one("a[href^=/notices/]", supplier), "href")).toBe("/notices/2026-100002");
    expect(page.text(supplier)).toMatch(/1\s200\s000\skr/);
    expect(page.text(supplier)).toContain("Troms fylkeskommune");
  });

  it("unknown or malformed numbers are a 404 page; a dead tracker is a 503 page, never a 500", async () => {
    for (const path of ["/organizations/123456789", "/organizations/12"]) {
      const { res, page } = await render(path);
      expect(res.status, path).toBe(404);
      page.one("div.error[role=alert]");
    }
    const { res, page } = await render(`/organizations/${TROMSO.orgNumber}`, { down: true });
    expect(res.status).toBe(503);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expectLayout(page, "nb");
    page.one("div.error[role=alert]");
  });
});

describe("jobs pages", () => {
  it("/jobs has the search structure with job facets; a facet filter changes the count", async () => {
    const { res, page } = await render("/jobs");
    expect(res.status).toBe(200);
    expectLayout(page, "nb");
    expectNoInline(page);
    page.one('form#search-form[role=search][action="/jobs"][method=get] input#q[name=q]');
    for (const facet of ["county", "occupation", "sector", "extent", "engagement_type"])
      page.one(`fieldset.facet[data-facet=${facet}] input[type=checkbox][name=${facet}]`);
    const results = page.all("ol#results li.result");
    expect(results.length).toBeGreaterThan(0);
    for (const r of results)
      expect(page.attr(page.one("a.result-link", r), "href")).toMatch(/^\/jobs\/[0-9a-f-]{36}$/);
    const total = Number(page.attr(page.one("p#result-count"), "data-total"));
    const option = page.all("fieldset.facet[data-facet=county] label")[0];
    if (!option) throw new Error("no county option");
    const value = page.attr(page.one("input", option), "value") ?? "";
    const count = Number(page.text(page.one("span.count", option)).replace(/\D/g, ""));
    expect(count).toBeLessThan(total);
    const filtered = parsePage(await (await get(`/jobs?county=${encodeURIComponent(value)}`)).text());
    expect(Number(filtered.attr(filtered.one("p#result-count"), "data-total"))).toBe(count);
  });

  it("a bad job search is a 400 page with the contract's issues (parse, then code resolution)", async () => {
    const sort = await render("/jobs?sort=sideways&limit=0");
    expect(sort.res.status).toBe(400);
    const alert = sort.page.text(sort.page.one("div.error[role=alert]"));
    expect(alert).toContain("The job search is not valid; see issues.");
    expect(alert).toMatch(/sort: unknown sort "sideways"/);
    expect(alert).toMatch(/limit: /);
    const county = await render("/jobs?county=Atlantis");
    expect(county.res.status).toBe(400);
    expect(county.page.text(county.page.one("div.error[role=alert]"))).toMatch(/county: /);
  });

  it("/jobs/{uuid} shows the ad, its description and similar jobs; unknown is a 404 page", async () => {
    const uuid = await someJobUuid();
    const { res, page } = await render(`/jobs/${uuid}`, {}, { "accept-language": "en" });
    expect(res.status).toBe(200);
    expectLayout(page, "en");
    expectNoInline(page);
    expect(page.text(page.one("h1")).length).toBeGreaterThan(0);
    expect(page.text(page.one("section#description")).length).toBeGreaterThan(20);
    page.one("section#similar");
    for (const path of ["/jobs/00000000-0000-4000-8000-000000000000", "/jobs/nope"]) {
      const missing = await get(path);
      expect(missing.status, path).toBe(404);
    }
  });
});

describe("insights page (/insights)", () => {
  const chartIds = ["chart-weekly", "chart-counties", "chart-cpv", "chart-buyers", "chart-awards"];

  it("has the five figures, each with a chart and a table fallback of the figures", async () => {
    const { res, page } = await render("/insights", {}, { "accept-language": "en" });
    expect(res.status).toBe(200);
    expectLayout(page, "en");
    expectNoInline(page);
    for (const id of chartIds) {
      const fig = page.one(`figure.chart#${id}`);
      page.one("table.chart-data", fig);
      // SVG is drawn on the server; canvases by uPlot in the browser, into the .plot holder.
      expect(page.all("svg", fig).length + page.all("div.plot", fig).length, id).toBe(1);
    }
    const rowsOf = (p: Page, id: string) => p.all(`figure#${id} table.chart-data tbody tr`);
    expect(rowsOf(page, "chart-weekly")).toHaveLength(INSIGHTS.weekly.length);
    expect(page.all("figure#chart-counties svg rect.bar")).toHaveLength(INSIGHTS.counties.length);
    expect(page.text(page.one("figure#chart-cpv table.chart-data"))).toContain("72 IT services");
    expect(page.attr(page.one("figure#chart-buyers table.chart-data a"), "href")).toBe(
      "/organizations/940101808",
    );
    // Every award row in the table; only NOK rows feed the NOK chart.
    expect(rowsOf(page, "chart-awards")).toHaveLength(3);
    expect(page.all("figure#chart-awards tr[data-x]")).toHaveLength(2);
    expect(page.text(page.one("figure#chart-awards table.chart-data"))).toMatch(/NOK\s12,345,678/);
    // The period form is a GET to the page with the API's parameter names.
    page.one('form#insights-form[action="/insights"][method=get] input[name=from]');
    page.one("form#insights-form input[name=to]");
    page.one("form#insights-form select[name=type]");
    const scripts = page.all("script").map((s) => page.attr(s, "src") ?? "");
    expect(scripts.some((s) => /^\/assets\/uplot\.[0-9a-f]{12}\.js$/.test(s))).toBe(true);
  });

  it("a bad window is a 400 page with the contract's issue; a dead tracker a 503 page with a note", async () => {
    const bad = await render("/insights?from=2026-12-01&to=2026-01-01");
    expect(bad.res.status).toBe(400);
    expect(bad.page.text(bad.page.one("div.error[role=alert]"))).toContain("from: must not be after to");
    const repeated = await render("/insights?type=RESULT&type=PLANNING");
    expect(repeated.res.status).toBe(400);
    // What only the tracker can check (after its defaults) comes back as the same 400 page.
    const old = await render("/insights?from=2020-01-01");
    expect(old.res.status).toBe(400);
    expect(old.page.text(old.page.one("div.error[role=alert]"))).toContain(
      "query.to: the window is at most 2 years",
    );
    const down = await render("/insights", { down: true });
    expect(down.res.status).toBe(503);
    down.page.one("main#main p.note");
  });
});

describe("upstream trouble", () => {
  it("Doffin answering 502 is a 503 page on / and on a notice (never a 500), and says so", async () => {
    try {
      await emulator.fault({ route: "webclient.search", kind: "status", status: 502 });
      const search = await render("/?published_to=2094-03-01");
      expect(search.res.status).toBe(503);
      expect(search.res.headers.get("cache-control")).toBe("no-store");
      expectLayout(search.page, "nb");
      expect(search.page.text(search.page.one("div.error[role=alert]"))).toContain("svarer ikke");
      await emulator.fault({ route: "webclient.notice", kind: "status", status: 502 });
      const notice = await render("/notices/2026-555555");
      expect(notice.res.status).toBe(503);
      notice.page.one("div.error[role=alert]");
    } finally {
      await emulator.clearFaults();
    }
  });
});

describe("size check", () => {
  const gzipSize = async (text: string): Promise<number> => {
    const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
    return (await new Response(stream).arrayBuffer()).byteLength;
  };

  it("every page's linked JS + CSS is at most 100 KB gzipped", async () => {
    const noticeId = await emulator.someNoticeId();
    const pages = [
      "/",
      `/notices/${noticeId}`,
      `/organizations/${TROMSO.orgNumber}`,
      "/jobs",
      `/jobs/${await someJobUuid()}`,
      "/insights",
    ];
    const rows: string[] = [];
    for (const path of pages) {
      const { res, page } = await render(path);
      expect(res.status, path).toBe(200);
      const assets = [
        ...page.all("link[rel=stylesheet]").map((l) => page.attr(l, "href") ?? ""),
        ...page.all("script[src]").map((s) => page.attr(s, "src") ?? ""),
      ];
      expect(assets.length).toBeGreaterThan(0);
      let raw = 0;
      let gz = 0;
      for (const href of assets) {
        expect(href, "assets are same-origin").toMatch(/^\/assets\//);
        const asset = await get(href);
        expect(asset.status, href).toBe(200);
        const text = await asset.text();
        raw += new TextEncoder().encode(text).byteLength;
        gz += await gzipSize(text);
      }
      rows.push(
        `| ${path.padEnd(50)} | ${String(assets.length).padStart(6)} | ${(raw / 1024).toFixed(1).padStart(8)} | ${(gz / 1024).toFixed(1).padStart(8)} |`,
      );
      expect(gz, `${path}: gzipped JS+CSS`).toBeLessThanOrEqual(100 * 1024);
    }
    console.log(
      [
        "| page                                               | assets |   raw KB |  gzip KB |",
        "| -------------------------------------------------- | -----: | -------: | -------: |",
        ...rows,
      ].join("\n"),
    );
  });
});
