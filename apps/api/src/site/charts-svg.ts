import { type Html, html } from "./html";

/**
 * Horizontal bar charts drawn on the server as SVG (counties, CPV divisions, buyers). Chosen over uPlot's
 * bars path for these three: their x axis is categories, not time, which uPlot is not built for; the SVG
 * costs no JavaScript, shows without JS, and weighs less than the script that would draw it. Colours and
 * fonts come from site.css classes (no inline style: the CSP forbids it).
 */

export type Bar = { label: string; value: number; shown: string };

const WIDTH = 640;
const ROW = 24;
const LABEL_W = 230;
const VALUE_W = 70;

const clip = (text: string, max = 34) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** `<svg>` with one bar per row, longest = the full plot width; `title` names it for assistive tech. */
export function barChart(bars: readonly Bar[], title: string): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plot = WIDTH - LABEL_W - VALUE_W;
  const height = Math.max(ROW, bars.length * ROW);
  return html`<svg viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${title}" focusable="false">
${bars.map((b, i) => {
  const y = i * ROW;
  const w = Math.max(1, Math.round((b.value / max) * plot));
  return html`<g><title>${b.label}: ${b.shown}</title><text x="0" y="${y + 16}">${clip(b.label)}</text><rect class="bar" x="${LABEL_W}" y="${y + 4}" width="${w}" height="${ROW - 8}"></rect><text x="${LABEL_W + w + 6}" y="${y + 16}">${b.shown}</text></g>\n`;
})}</svg>`;
}
