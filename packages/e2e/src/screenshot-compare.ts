import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import pixelmatch from "pixelmatch";
import { PNG } from "pngjs";

/**
 * A screenshot against a stored baseline PNG (packages/e2e/baselines/), within a tolerance: pixelmatch's
 * per-pixel colour threshold absorbs anti-aliasing, and up to `maxDiffRatio` of the pixels may differ
 * (font hinting across Chromium versions). `UPDATE_BASELINES=1` writes the shot as the new baseline
 * instead (how to refresh: packages/e2e/README.md). A failed comparison leaves the actual shot and the
 * diff image in `.artifacts/` next to the baselines' folder for a look.
 */

export type Comparison = {
  baseline: string;
  written: boolean;
  width: number;
  height: number;
  diffPixels: number;
  diffRatio: number;
  sizeMatches: boolean;
};

export function compareWithBaseline(
  shot: Buffer,
  baseline: string,
  opts: { threshold?: number; maxDiffRatio?: number; update?: boolean } = {},
): Comparison & { ok: boolean } {
  const actual = PNG.sync.read(shot);
  const update = opts.update ?? process.env.UPDATE_BASELINES === "1";
  if (update || !existsSync(baseline)) {
    if (!update) throw new Error(`no baseline at ${baseline}: run with UPDATE_BASELINES=1 to create it`);
    mkdirSync(dirname(baseline), { recursive: true });
    writeFileSync(baseline, shot);
    return {
      baseline,
      written: true,
      width: actual.width,
      height: actual.height,
      diffPixels: 0,
      diffRatio: 0,
      sizeMatches: true,
      ok: true,
    };
  }
  const expected = PNG.sync.read(readFileSync(baseline));
  const artifacts = join(dirname(dirname(baseline)), ".artifacts");
  const keep = (name: string, png: Buffer) => {
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, name), png);
  };
  const name = baseline.split("/").at(-1) ?? "shot.png";
  if (expected.width !== actual.width || expected.height !== actual.height) {
    keep(`actual-${name}`, shot);
    return {
      baseline,
      written: false,
      width: actual.width,
      height: actual.height,
      diffPixels: actual.width * actual.height,
      diffRatio: 1,
      sizeMatches: false,
      ok: false,
    };
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const diffPixels = pixelmatch(expected.data, actual.data, diff.data, actual.width, actual.height, {
    threshold: opts.threshold ?? 0.1,
  });
  const diffRatio = diffPixels / (actual.width * actual.height);
  const ok = diffRatio <= (opts.maxDiffRatio ?? 0.01);
  if (!ok) {
    keep(`actual-${name}`, shot);
    keep(`diff-${name}`, PNG.sync.write(diff));
  }
  return {
    baseline,
    written: false,
    width: actual.width,
    height: actual.height,
    diffPixels,
    diffRatio,
    sizeMatches: true,
    ok,
  };
}
