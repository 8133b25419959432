import { Parser } from "htmlparser2";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import {
  EFORMS_MAX_BYTES,
  EFORMS_MAX_DEPTH,
  EformsParseError,
  type EformsParseReason,
  isEformsParseError,
  parseEformsNotice,
} from "../src/index";
import { readEformsXml } from "./eforms-support";

/**
 * Hostile and broken input. Each case asserts the typed error (reason and, where it applies, path) and
 * that the input never reached the XML parser — the proof that nothing was expanded or built from it.
 * No timing assertions: bounded work follows from the refusal happening before any parsing.
 */

let parse: MockInstance;
beforeEach(() => {
  parse = vi.spyOn(Parser.prototype, "end");
});
afterEach(() => {
  parse.mockRestore();
});

const refusal = (input: unknown): EformsParseError => {
  try {
    parseEformsNotice(input as string);
  } catch (error) {
    if (isEformsParseError(error)) return error;
    throw error;
  }
  throw new Error("expected an EformsParseError");
};

const expectRefusedBeforeParsing = (input: unknown, reason: EformsParseReason): EformsParseError => {
  const error = refusal(input);
  expect(error).toBeInstanceOf(EformsParseError);
  expect(error.name).toBe("EformsParseError");
  expect(error.reason).toBe(reason);
  expect(parse).not.toHaveBeenCalled();
  return error;
};

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<ContractNotice><cbc:ID>&lol9;</cbc:ID></ContractNotice>`;

describe("eForms parser on hostile input", () => {
  it("parses a real notice through the parser (the spy sees it)", () => {
    parseEformsNotice(readEformsXml("2024-102293"));
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it("refuses an entity bomb (billion laughs) before expansion", () => {
    expect(expectRefusedBeforeParsing(BILLION_LAUGHS, "forbidden_dtd").path).toBeNull();
  });

  it("refuses external entities (XXE) and external DTDs", () => {
    expectRefusedBeforeParsing(
      `<?xml version="1.0"?><!DOCTYPE n [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><ContractNotice>&xxe;</ContractNotice>`,
      "forbidden_dtd",
    );
    expectRefusedBeforeParsing(
      `<!doctype ContractNotice SYSTEM "http://127.0.0.1:9/evil.dtd"><ContractNotice/>`,
      "forbidden_dtd",
    );
  });

  it("refuses an entity declaration hidden inside the document, with its path", () => {
    const error = expectRefusedBeforeParsing(
      `<ContractNotice><cac:X><!ENTITY a "b"></cac:X></ContractNotice>`,
      "forbidden_dtd",
    );
    expect(error.path).toBe("/ContractNotice/cac:X");
  });

  it("refuses a 6 MB document by size alone", () => {
    const big = `<ContractNotice>${"<cbc:Note>x</cbc:Note>".repeat(Math.ceil((6 * 1024 * 1024) / 22))}</ContractNotice>`;
    expect(big.length).toBeGreaterThan(EFORMS_MAX_BYTES);
    expectRefusedBeforeParsing(big, "too_large");
  });

  it("counts UTF-8 bytes, not characters, against the cap", () => {
    const chars = Math.floor(EFORMS_MAX_BYTES / 2) + 10; // under the cap in characters, over it in bytes
    const multibyte = `<ContractNotice><cbc:Note>${"ø".repeat(chars)}</cbc:Note></ContractNotice>`;
    expect(multibyte.length).toBeLessThan(EFORMS_MAX_BYTES);
    expectRefusedBeforeParsing(multibyte, "too_large");
  });

  it("refuses 10,000-deep nesting at the depth limit, naming where", () => {
    const deep = `<ContractNotice>${"<a>".repeat(10_000)}${"</a>".repeat(10_000)}</ContractNotice>`;
    const error = expectRefusedBeforeParsing(deep, "too_deep");
    expect(error.message).toContain(String(EFORMS_MAX_DEPTH));
    expect(error.path).toMatch(/^\/ContractNotice\/a\/a\/…\/a\/a$/);
  });

  it("accepts nesting right at the limit", () => {
    const depth = EFORMS_MAX_DEPTH - 1;
    const ok = `<ContractNotice>${"<a>".repeat(depth)}${"</a>".repeat(depth)}</ContractNotice>`;
    expect(parseEformsNotice(ok).documentType).toBe("ContractNotice");
  });

  it("refuses truncated documents (a real notice cut anywhere)", () => {
    const xml = readEformsXml("2026-107778");
    for (const cut of [0.25, 0.5, 0.9, 0.999]) {
      const error = expectRefusedBeforeParsing(xml.slice(0, Math.floor(xml.length * cut)), "truncated");
      expect(error.path).toMatch(/^\/ContractNotice/);
    }
  });

  it("refuses unbalanced tags with the path of the open element", () => {
    const error = expectRefusedBeforeParsing(
      "<ContractNotice><cac:ProcurementProjectLot><cbc:ID>x</cbc:Name></cac:ProcurementProjectLot></ContractNotice>",
      "malformed",
    );
    expect(error.path).toBe("/ContractNotice/cac:ProcurementProjectLot/cbc:ID");
    expect(error.message).toContain("</cbc:Name>");
  });

  it("refuses two root elements and text after the root", () => {
    expectRefusedBeforeParsing("<ContractNotice/><ContractNotice/>", "malformed");
    expectRefusedBeforeParsing("<ContractNotice/>trailing junk", "malformed");
  });

  it("refuses non-XML junk and non-strings", () => {
    expectRefusedBeforeParsing("", "not_xml");
    expectRefusedBeforeParsing("   \n ", "not_xml");
    expectRefusedBeforeParsing('{"hits":[]}', "not_xml");
    expectRefusedBeforeParsing("%PDF-1.7 \u0000\u0001", "not_xml");
    expectRefusedBeforeParsing(null, "not_xml");
    expectRefusedBeforeParsing(new Uint8Array([60, 97, 47, 62]), "not_xml");
  });

  it("refuses a wrong root element with its path, before parsing", () => {
    const error = expectRefusedBeforeParsing(
      '<?xml version="1.0"?><html><body>Service unavailable</body></html>',
      "wrong_root",
    );
    expect(error.path).toBe("/html");
    expectRefusedBeforeParsing("<Invoice><cbc:ID>1</cbc:ID></Invoice>", "wrong_root");
  });

  it("refuses a stray `<` inside a start tag", () => {
    expectRefusedBeforeParsing('<ContractNotice a="1" <b/></ContractNotice>', "malformed");
  });

  it("ignores markup inside comments and CDATA (no false refusals)", () => {
    const xml =
      "<ContractNotice><!-- <!DOCTYPE x> <unclosed> --><cbc:Note><![CDATA[<a><b>]]></cbc:Note></ContractNotice>";
    expect(parseEformsNotice(xml).documentType).toBe("ContractNotice");
  });
});
