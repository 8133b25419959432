// Relative to this file: apps/api/node_modules/swagger-ui-dist. Wrangler applies module `rules` only to
// relative imports, so the package is reached by path, not by name.

import swaggerCss from "../../node_modules/swagger-ui-dist/swagger-ui.css";
import swaggerJs from "../../node_modules/swagger-ui-dist/swagger-ui-bundle.js";

/**
 * The interactive docs page: Swagger UI served by the Worker itself, so it works offline and behind
 * firewalls (no CDN). The UI is told not to call the public swagger.io validator either.
 */

export const DOCS_ASSETS = {
  css: "/docs/swagger-ui.css",
  js: "/docs/swagger-ui-bundle.js",
  init: "/docs/init.js",
} as const;

/** Both files must arrive as strings; without the wrangler Text rule they would not. */
export const assetsBundled = (): boolean =>
  typeof swaggerJs === "string" &&
  swaggerJs.length > 1000 &&
  typeof swaggerCss === "string" &&
  swaggerCss.length > 1000;

export const swaggerUiJs = (): string => swaggerJs;
export const swaggerUiCss = (): string => swaggerCss;

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
