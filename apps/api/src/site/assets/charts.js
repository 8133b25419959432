// Draws the /insights time series with uPlot (loaded before this file as /assets/uplot.*.js). The data
// is the figure's own fallback table (src/site/page-insights.ts): one source of truth, no inline JSON
// (the CSP forbids inline script). Rows carry `data-x` (epoch seconds), cells `data-value`.
(() => {
  const uPlot = window.uPlot;
  if (!uPlot) return;
  const COLOURS = ["#0b57a4", "#b35c00", "#17521f", "#6a1b9a"];

  const read = (table) => {
    const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
    const names = heads.slice(1, table.dataset.series ? Number(table.dataset.series) + 1 : undefined);
    const rows = [...table.querySelectorAll("tbody tr[data-x]")];
    const xs = rows.map((tr) => Number(tr.dataset.x));
    const ys = names.map((_, i) =>
      rows.map((tr) => {
        const cell = tr.querySelectorAll("td[data-value]")[i];
        return cell ? Number(cell.dataset.value) : null;
      }),
    );
    return { xLabel: heads[0], names, data: [xs, ...ys] };
  };

  for (const figure of document.querySelectorAll("figure.chart[data-plot]")) {
    const table = figure.querySelector("table.chart-data");
    const target = figure.querySelector(".plot");
    if (!table || !target) continue;
    const { xLabel, names, data } = read(table);
    if (data[0].length === 0) continue;
    const bars = figure.dataset.plot === "bars";
    const locale = document.documentElement.lang === "en" ? "en-GB" : "nb-NO";
    const number = new Intl.NumberFormat(locale, { notation: "compact" });
    // Weeks are labelled by day, award months by month; both as Oslo dates (the data's calendar).
    const day = new Intl.DateTimeFormat(locale, {
      timeZone: "Europe/Oslo",
      ...(bars ? { month: "short", year: "numeric" } : { day: "numeric", month: "short" }),
    });
    const when = (t) => (t == null ? "–" : day.format(t * 1000));
    const width = () => Math.max(280, Math.min(target.clientWidth || 640, 960));
    const plot = new uPlot(
      {
        width: width(),
        height: 260,
        legend: { show: names.length > 1 },
        // Bars: half a month of room either side, one tick per bar (monthly ticks would repeat labels).
        ...(bars ? { scales: { x: { range: (_u, min, max) => [min - 15 * 86400, max + 15 * 86400] } } } : {}),
        axes: [
          { values: (_u, ticks) => ticks.map(when), ...(bars ? { splits: () => data[0] } : {}) },
          // Wide enough for a compact NOK figure ("120 mill.", "1,2 mrd.") without clipping.
          { values: (_u, ticks) => ticks.map((t) => number.format(t)), size: 84 },
        ],
        series: [
          { label: xLabel, value: (_u, t) => when(t) },
          ...names.map((label, i) => ({
            label,
            stroke: COLOURS[i % COLOURS.length],
            width: 2,
            ...(bars
              ? { fill: `${COLOURS[i % COLOURS.length]}cc`, paths: uPlot.paths.bars({ size: [0.7] }) }
              : {}),
          })),
        ],
      },
      data,
      target,
    );
    // The canvas says nothing to a screen reader; the table beside it does.
    plot.root.setAttribute("aria-hidden", "true");
    window.addEventListener("resize", () => plot.setSize({ width: width(), height: 260 }));
  }
})();
