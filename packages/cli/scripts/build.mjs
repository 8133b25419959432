// Bundles the CLI into one self-contained file (dist/doffin.js) with @doffin/core, commander and zod
// inlined, so the published package runs without the workspace: `node dist/doffin.js` or the `doffin` bin.
import { chmodSync, readFileSync } from "node:fs";
import { build } from "esbuild";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const outfile = new URL("../dist/doffin.js", import.meta.url).pathname;

await build({
  entryPoints: [new URL("../src/doffin.ts", import.meta.url).pathname],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: `node${pkg.engines.node.replace(/[^\d.]/g, "").split(".")[0]}`,
  banner: { js: "#!/usr/bin/env node" },
  legalComments: "none",
  logLevel: "warning",
});
chmodSync(outfile, 0o755);
