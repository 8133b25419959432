import { sha256Hex } from "@doffin/core";

/**
 * The explorer's JS and CSS, bundled into the Worker as text modules (wrangler `rules`) and served from
 * `/assets/<name>.<hash>.<ext>` with a year-long immutable Cache-Control: the hash changes with the bytes,
 * so a deploy never serves a stale file under a new page. Chosen over Workers Static Assets because text
 * modules behave the same under vitest-pool-workers, `wrangler dev` and a deploy, and the same app code
 * serves them (one CSP, one access log). Loaded on first use, like Swagger UI's (openapi/docs-page.ts), so
 * the app module stays importable in plain Node, where a `.css` file is no module.
 */

export const ASSET_NAMES = ["site.css", "cpv-picker.js", "charts.js", "uplot.js", "uplot.css"] as const;
export type AssetName = (typeof ASSET_NAMES)[number];

export type Asset = { name: AssetName; path: string; body: string; contentType: string; etag: string };
export type AssetTable = { byName: Record<AssetName, Asset>; byPath: Map<string, Asset> };

const textOf = (m: { default: unknown }): string => (typeof m.default === "string" ? m.default : "");

// Wrangler matches its module `rules` against the import specifier as written, not the resolved file:
// hence `../site/assets/…` (the globs need `site/assets/` in it) and node_modules by relative path.
const sources = (): Promise<Record<AssetName, string>> =>
  Promise.all([
    import("../site/assets/site.css").then(textOf),
    import("../site/assets/cpv-picker.js").then(textOf),
    import("../site/assets/charts.js").then(textOf),
    import("../../node_modules/uplot/dist/uPlot.iife.min.js").then(textOf),
    import("../../node_modules/uplot/dist/uPlot.min.css").then(textOf),
  ]).then(([css, picker, charts, uplotJs, uplotCss]) => ({
    "site.css": css,
    "cpv-picker.js": picker,
    "charts.js": charts,
    "uplot.js": uplotJs,
    "uplot.css": uplotCss,
  }));

let table: Promise<AssetTable> | undefined;

/**
 * Every asset with its hashed path (built once per isolate).
 * @throws Error when a file is not bundled as text (the wrangler `rules` entry is missing).
 */
export function loadAssets(): Promise<AssetTable> {
  table ??= sources().then(async (texts) => {
    const byName = {} as Record<AssetName, Asset>;
    const byPath = new Map<string, Asset>();
    for (const name of ASSET_NAMES) {
      const body = texts[name];
      if (body.length === 0) throw new Error(`site asset ${name} is not bundled as text`);
      const hash = (await sha256Hex(body)).slice(0, 12);
      const dot = name.lastIndexOf(".");
      const path = `/assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
      const contentType = name.endsWith(".css")
        ? "text/css; charset=utf-8"
        : "text/javascript; charset=utf-8";
      const asset = { name, path, body, contentType, etag: `"${hash}"` };
      byName[name] = asset;
      byPath.set(path, asset);
    }
    return { byName, byPath };
  });
  table.catch(() => {
    table = undefined;
  });
  return table;
}
