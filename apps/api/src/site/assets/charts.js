// Draws the /insights time series with uPlot (loaded before this file as /assets/uplot.*.js). The data
// is the figure's own fallback table (src/site/page-insights.ts): one source of truth, no inline JSON
// (the CSP forbids inline script). Rows carry `data-x` (epoch seconds), cells `data-value`.
(() => {
  const uPlot = window.uPlot;
  if (!uPlot) return;
  const COLOURS = ["#0b57a4", "#b35c00", "#17521f", "#6a1b9a"];

  const read = (table) => {
    const names = [...table.querySelectorAll("thead th")].slice(1).map((th) => th.textContent.trim());
    const rows = [...table.querySelectorAll("tbody tr[data-x]")];
    const xs = rows.map((tr) => Number(tr.dataset.x));
    const ys = names.map((_, i) =>
      rows.map((tr) => {
        const cell = tr.querySelectorAll("td[data-value]")[i];
        return cell ? Number(cell.dataset.value) : null;
      }),
    );
    return { names, data: [xs, ...ys] };
  };

  for (const figure of document.querySelectorAll("figure.chart[data-plot]")) {
    const table = figure.querySelector("table.chart-data");
    const target = figure.querySelector(".plot");
    if (!table || !target) continue;
    const { names, data } = read(table);
    if (data[0].length === 0) continue;
    const bars = figure.dataset.plot === "bars";
    const locale = document.documentElement.lang === "en" ? "en-GB" : "nb-NO";
    const number = new Intl.NumberFormat(locale, { notation: "compact" });
    const width = () => Math.max(280, Math.min(target.clientWidth || 640, 960));
    const plot = new uPlot(
      {
        width: width(),
        height: 260,
        legend: { show: names.length > 1 },
        axes: [{}, { values: (_u, ticks) => ticks.map((t) => number.format(t)) }],
        series: [
          {},
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
