/**
 * The interactive docs page: Swagger UI served by the Worker itself, so it works offline and behind
 * firewalls (no CDN). The UI is told not to call the public swagger.io validator either.
 */

export const DOCS_ASSETS = {
  css: "/docs/swagger-ui.css",
  js: "/docs/swagger-ui-bundle.js",
  init: "/docs/init.js",
} as const;

export type SwaggerAssets = { js: string; css: string };

let assets: Promise<SwaggerAssets | null> | undefined;

/**
 * Swagger UI's JS and CSS as strings, or null when they are not bundled as text (the wrangler `rules`
 * entry is missing). Loaded on first use: the app module stays importable in plain Node (benchmarks, the
 * CLI's tests), where `.css` is no module at all. Relative paths on purpose: wrangler applies module
 * `rules` only to relative imports, so the package is reached by path (apps/api/node_modules), not by name.
 */
export const loadSwaggerAssets = (): Promise<SwaggerAssets | null> => {
  assets ??= Promise.all([
    import("../../node_modules/swagger-ui-dist/swagger-ui-bundle.js"),
    import("../../node_modules/swagger-ui-dist/swagger-ui.css"),
  ])
    .then(([js, css]) => {
      const ok =
        typeof js.default === "string" &&
        js.default.length > 1000 &&
        typeof css.default === "string" &&
        css.default.length > 1000;
      return ok ? { js: js.default, css: css.default } : null;
    })
    .catch(() => null);
  return assets;
};

export const docsHtml = (title: string): string => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${title}</title>
    <link rel="stylesheet" href="${DOCS_ASSETS.css}">
    <style>body { margin: 0; } .swagger-ui .topbar { display: none; }</style>
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${DOCS_ASSETS.js}"></script>
    <script src="${DOCS_ASSETS.init}"></script>
  </body>
</html>
`;

/** Kept out of the HTML so a strict Content-Security-Policy (`script-src 'self'`) works. */
export const docsInitJs = (specPath: string): string => `window.ui = SwaggerUIBundle({
  url: ${JSON.stringify(specPath)},
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  tryItOutEnabled: true,
  displayRequestDuration: true,
});
`;
