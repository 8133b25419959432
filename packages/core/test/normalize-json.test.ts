import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  normalizeMoney,
  normalizeOrgNumber,
  parseJsonLenient,
  toDateOnly,
  toUtcTimestamp,
} from "../src/normalize/index";

/** Re-inserts raw control characters where JSON.stringify escaped them, as a sloppy server would. */
const withRawControlChars = (json: string): string =>
  // Escapes are matched pairwise from the left, so an escaped backslash (`\\n`) is never taken for `\n`.
  json.replace(/\\(u00[01][0-9a-f]|[ntrbf]|.)/g, (match, esc: string) => {
    if (esc.length === 5) return String.fromCharCode(Number.parseInt(esc.slice(3), 16));
    const raw: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" };
    return raw[esc] ?? match;
  });

describe("parseJsonLenient", () => {
  it("parses strict JSON like JSON.parse", () => {
    expect(parseJsonLenient('{"a":[1,"x"]}')).toEqual({ a: [1, "x"] });
  });

  it("accepts raw newlines and tabs inside strings (Doffin sometimes sends them)", () => {
    const text = '{"heading":"Linje 1\nLinje 2","description":"a\tb\r\n"}';
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(parseJsonLenient(text)).toEqual({ heading: "Linje 1\nLinje 2", description: "a\tb\r\n" });
  });

  it("leaves whitespace between tokens and escaped quotes alone", () => {
    expect(parseJsonLenient('{\n\t"a": "say \\"hi\\"\n"\n}')).toEqual({ a: 'say "hi"\n' });
  });

  it("still throws a SyntaxError for truncated or malformed JSON", () => {
    expect(() => parseJsonLenient('{"hits":[{"id":"2026-1')).toThrow(SyntaxError);
    expect(() => parseJsonLenient("<html>502 Bad Gateway</html>")).toThrow(SyntaxError);
    expect(() => parseJsonLenient('{"a":"x\ny"')).toThrow(SyntaxError);
  });

  it("round-trips any JSON value after its escapes are turned back into raw control characters", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const sloppy = withRawControlChars(JSON.stringify(value));
        expect(parseJsonLenient(sloppy)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});

describe("primitive normalizers", () => {
  it("org numbers: spaces stripped; exactly 9 digits, else null", () => {
    expect(normalizeOrgNumber("999 601 391")).toBe("999601391");
    expect(normalizeOrgNumber(" 974760673\t")).toBe("974760673");
    expect(normalizeOrgNumber(974760673)).toBe("974760673");
    expect(normalizeOrgNumber("123")).toBeNull();
    expect(normalizeOrgNumber("12345678901")).toBeNull();
    expect(normalizeOrgNumber("NO974760673MVA")).toBeNull();
    expect(normalizeOrgNumber(null)).toBeNull();
  });

  it("money: amount required, currency upper-cased, NOK when missing", () => {
    expect(normalizeMoney({ amount: 5000000.0, currencyCode: "EUR" })).toEqual({
      amount: 5000000,
      currency: "EUR",
    });
    expect(normalizeMoney({ amount: "1200", code: "nok" })).toEqual({ amount: 1200, currency: "NOK" });
    expect(normalizeMoney({ amount: 10 })).toEqual({ amount: 10, currency: "NOK" });
    expect(normalizeMoney({ amount: null, currencyCode: "NOK" })).toBeNull();
    expect(normalizeMoney({ amount: "", currencyCode: "NOK" })).toBeNull();
    expect(normalizeMoney({ amount: "abc" })).toBeNull();
    expect(normalizeMoney(null)).toBeNull();
  });

  it("timestamps: canonical UTC, offsets converted, junk null", () => {
    expect(toUtcTimestamp("2026-07-30T12:36:32Z")).toBe("2026-07-30T12:36:32Z");
    expect(toUtcTimestamp("2026-07-30T14:36:32+02:00")).toBe("2026-07-30T12:36:32Z");
    expect(toUtcTimestamp("2026-07-30T12:36:32.250Z")).toBe("2026-07-30T12:36:32.250Z");
    expect(toUtcTimestamp("28.05.2026 12:00")).toBeNull();
    expect(toUtcTimestamp("")).toBeNull();
  });

  it("dates: YYYY-MM-DD kept, the date of a timestamp taken as printed, junk null", () => {
    expect(toDateOnly("2026-08-03")).toBe("2026-08-03");
    expect(toDateOnly("2026-08-03T23:30:00+02:00")).toBe("2026-08-03");
    expect(toDateOnly("yesterday")).toBeNull();
  });

  it("never throw on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const ts = toUtcTimestamp(s);
        expect(ts === null || !Number.isNaN(Date.parse(ts))).toBe(true);
        const d = toDateOnly(s);
        expect(d === null || /^\d{4}-\d{2}-\d{2}$/.test(d) || /^[+-]\d{6}-\d{2}-\d{2}$/.test(d)).toBe(true);
        normalizeOrgNumber(s);
        normalizeMoney({ amount: s, currencyCode: s });
      }),
      { numRuns: 500 },
    );
  });
});
