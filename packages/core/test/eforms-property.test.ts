import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EformsNotice, isEformsParseError, parseEformsNotice } from "../src/index";
import { eformsFixtureIds, readEformsXml } from "./eforms-support";

/**
 * "Tolerant, never a crash", as a property: whatever is done to a real notice — cut, spliced, a tag
 * dropped, an attribute mangled, junk inserted — the parser either returns a notice that passes the
 * public schema or throws the typed EformsParseError. Any other exception fails the property.
 */
const outcome = (xml: string): "notice" | "refused" => {
  try {
    const notice = parseEformsNotice(xml);
    expect(EformsNotice.safeParse(notice).error).toBeUndefined();
    return "notice";
  } catch (error) {
    if (isEformsParseError(error)) return "refused";
    throw error;
  }
};

const sources = eformsFixtureIds().map(readEformsXml);

const JUNK = [
  "<",
  ">",
  "&",
  "&#0;",
  "&#x110000;",
  "&bogus;",
  "</x>",
  "<x>",
  '"',
  "]]>",
  "<!--",
  "\u0000",
  "ø",
  "<?",
];

const mutated = fc
  .record({
    source: fc.integer({ min: 0, max: sources.length - 1 }),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 0, max: 400 }),
    insert: fc.oneof(fc.constantFrom(...JUNK), fc.string({ maxLength: 20 })),
  })
  .map(({ source, at, length, insert }) => {
    const xml = sources[source] as string;
    const from = Math.floor(at * xml.length);
    return xml.slice(0, from) + insert + xml.slice(from + length);
  });

describe("eForms parser on mutated real notices", () => {
  it("returns a schema-valid notice or throws EformsParseError, nothing else", () => {
    fc.assert(
      fc.property(mutated, (xml) => {
        outcome(xml);
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it("keeps every lot of a real notice when only text content is mangled", () => {
    const xml = readEformsXml("2023-689565");
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (noise) => {
        const safe = noise.replace(/[<&]/g, "");
        const notice = parseEformsNotice(xml.replaceAll("2023-05-12+02:00", safe));
        expect(notice.lots).toHaveLength(8);
      }),
      { numRuns: 50, seed: 7 },
    );
  });

  it("refuses every truncation of a real notice", () => {
    const xml = readEformsXml("2022-319091");
    fc.assert(
      fc.property(fc.integer({ min: 1, max: xml.trimEnd().length - 1 }), (cut) => {
        expect(outcome(xml.slice(0, cut))).toBe("refused");
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
