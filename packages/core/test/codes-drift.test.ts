import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DATA_DIR, renderCodeModules } from "../scripts/build-codes";

describe("generated code-list modules", () => {
  const rendered = renderCodeModules();

  it.each(Object.keys(rendered))("%s is up to date with the fixtures (run `pnpm build:codes`)", (name) => {
    const committed = readFileSync(join(DATA_DIR, name), "utf8");
    // Compare without a diff of 600 kB on failure: equality plus a pointer to the first difference.
    const expected = rendered[name] ?? "";
    let at = 0;
    while (at < expected.length && expected[at] === committed[at]) at++;
    expect({ equal: committed === expected, firstDifferenceAt: committed === expected ? -1 : at }).toEqual({
      equal: true,
      firstDifferenceAt: -1,
    });
  });

  it("renders the whole CPV list and every location", () => {
    expect(rendered["cpv.ts"]).toContain("/** 9454 CPV codes");
    expect(rendered["locations.ts"]).toContain('"code":"NO082"');
    expect(rendered["locations.ts"]).toContain('"successors":["NO083","NO084","NO085"]');
  });
});
