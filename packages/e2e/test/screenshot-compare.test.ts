import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { compareWithBaseline } from "../src/screenshot-compare";

const dir = mkdtempSync(join(tmpdir(), "doffin-e2e-baseline-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A w×h PNG, white, with a black square of side `square` in the corner. */
function png(w: number, h: number, square = 0): Buffer {
  const img = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const v = x < square && y < square ? 0 : 255;
      img.data[i] = img.data[i + 1] = img.data[i + 2] = v;
      img.data[i + 3] = 255;
    }
  return PNG.sync.write(img);
}

describe("compareWithBaseline", () => {
  const baseline = join(dir, "baselines", "b.png");

  it("refuses to compare without a baseline, and writes one on request", () => {
    expect(() => compareWithBaseline(png(100, 100), baseline, { update: false })).toThrow(
      /UPDATE_BASELINES=1/,
    );
    expect(compareWithBaseline(png(100, 100, 5), baseline, { update: true })).toMatchObject({
      written: true,
    });
    expect(readFileSync(baseline).equals(png(100, 100, 5))).toBe(true);
  });

  it("passes the same image and a change under the tolerance, fails one over it", () => {
    expect(compareWithBaseline(png(100, 100, 5), baseline, { update: false })).toMatchObject({
      ok: true,
      diffPixels: 0,
    });
    // 8×8 − 5×5 = 39 pixels of 10 000 differ: 0.39 %.
    expect(compareWithBaseline(png(100, 100, 8), baseline, { update: false })).toMatchObject({
      ok: true,
      diffPixels: 39,
    });
    const big = compareWithBaseline(png(100, 100, 20), baseline, { update: false });
    expect(big).toMatchObject({ ok: false, diffPixels: 375 });
    expect(readFileSync(join(dir, ".artifacts", "diff-b.png")).length).toBeGreaterThan(0);
  });

  it("fails an image of another size", () => {
    expect(compareWithBaseline(png(100, 90, 5), baseline, { update: false })).toMatchObject({
      ok: false,
      sizeMatches: false,
    });
  });
});
