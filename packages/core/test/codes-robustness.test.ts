import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CodeLookupFailure,
  expandCpvPattern,
  foldText,
  resolveLocation,
  searchCpv,
  suggestCpv,
  suggestLocation,
} from "../src/codes/index";

// Junk the API's query linting must turn into a clean 400, never an exception.
const junk = fc.oneof(
  fc.stringMatching(/^[aoeåøæ ]{0,8}$/),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    "'; DROP TABLE notices;--",
    "<script>alert(1)</script>",
    "\u0000\u0007",
    "💥",
    "72**",
    "-7",
  ),
  fc.stringMatching(/^[0-9*\- ]{0,12}$/),
);

describe("code look-ups on arbitrary input", () => {
  it("folding is idempotent and yields only lower-case ASCII words", () => {
    for (const s of ["aaa", "oee", "aåa", "Øe", "Moere"]) expect(foldText(foldText(s))).toBe(foldText(s));
    fc.assert(
      fc.property(junk, (s) => {
        const folded = foldText(s);
        expect(foldText(folded)).toBe(folded);
        expect(folded).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
      }),
    );
  });

  it("expandCpvPattern and resolveLocation either resolve or fail with a well-formed failure", () => {
    fc.assert(
      fc.property(junk, (s) => {
        for (const result of [expandCpvPattern(s), resolveLocation(s)]) {
          if (result.ok) expect(result.codes.length).toBeGreaterThan(0);
          else expect(CodeLookupFailure.parse(result.failure).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("search and suggestions never throw and respect their limits", () => {
    fc.assert(
      fc.property(junk, fc.integer({ min: 0, max: 8 }), (s, limit) => {
        expect(searchCpv(s, { limit }).length).toBeLessThanOrEqual(limit);
        expect(suggestCpv(s, { limit }).length).toBeLessThanOrEqual(limit);
        expect(suggestLocation(s, { limit }).length).toBeLessThanOrEqual(limit);
      }),
      { numRuns: 60 },
    );
  });
});
