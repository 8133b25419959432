import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { visit } from "../src/browser";
import { compareWithBaseline } from "../src/screenshot-compare";
import { api, browserDescribe } from "./browser-helpers";

/**
 * /insights draws its charts. The screenshot is of a fixed window (April–May 2026) in which the stack's
 * tracker holds exactly one notice, the captured real notice 2026-107918 (published 2026-05-01, watched
 * by the demo via WATCH_IDS), whatever day the suite runs: the generated corpus moves with the clock and
 * the tracker sweeps only its last days, so any other window would change from one day to the next.
 * Refresh the baseline: packages/e2e/README.md.
 */

const WINDOW = "from=2026-04-01&to=2026-05-31";
const BASELINE = fileURLToPath(new URL("../baselines/insights-charts.png", import.meta.url));
const CHARTS = ["chart-weekly", "chart-counties", "chart-cpv", "chart-buyers", "chart-awards"];

browserDescribe("insights charts", (session) => {
  it("renders every chart with its data table, over the default window", async () => {
    const page = await session().newPage();
    const res = await visit(page, `${api()}/insights`);
    expect(res.status()).toBe(200);
    for (const id of CHARTS) {
      const fig = page.locator(`figure.chart#${id}`);
      expect(await fig.count(), id).toBe(1);
      expect(await fig.locator("table.chart-data").count(), id).toBe(1);
    }
    await page.locator("#chart-weekly canvas").first().waitFor();
    for (const id of ["chart-counties", "chart-cpv", "chart-buyers"])
      expect(await page.locator(`#${id} svg rect`).count(), id).toBeGreaterThan(0);
    await page.close();
  });

  it("looks like the stored baseline over a fixed window (pixelmatch, ≤ 1 % of pixels)", async () => {
    const page = await session().newPage();
    await visit(page, `${api()}/insights?${WINDOW}`);
    await page.locator("#chart-weekly canvas").first().waitFor();
    const boxes = await page.locator("figure.chart").evaluateAll((figs) =>
      figs.map((f) => {
        const r = f.getBoundingClientRect();
        return {
          top: r.top + window.scrollY,
          bottom: r.bottom + window.scrollY,
          left: r.left,
          right: r.right,
        };
      }),
    );
    expect(boxes.length).toBe(CHARTS.length);
    const clip = {
      x: Math.floor(Math.min(...boxes.map((b) => b.left))),
      y: Math.floor(Math.min(...boxes.map((b) => b.top))),
      width: Math.ceil(Math.max(...boxes.map((b) => b.right)) - Math.min(...boxes.map((b) => b.left))),
      height: Math.ceil(Math.max(...boxes.map((b) => b.bottom)) - Math.min(...boxes.map((b) => b.top))),
    };
    const shot = await page.screenshot({ clip, fullPage: true, animations: "disabled", caret: "hide" });
    const result = compareWithBaseline(shot, BASELINE);
    console.info(
      `insights screenshot: ${result.width}×${result.height}, ${result.diffPixels} pixels differ (${(result.diffRatio * 100).toFixed(3)} %)${result.written ? ", baseline written" : ""}`,
    );
    expect(result.sizeMatches, "same size as the baseline").toBe(true);
    expect(result.ok, `${(result.diffRatio * 100).toFixed(2)} % of the pixels differ; see .artifacts/`).toBe(
      true,
    );
    await page.close();
  });
});
