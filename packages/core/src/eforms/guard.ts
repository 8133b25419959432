import { EformsParseError } from "../errors";

/**
 * The safety gate in front of the XML parser. One linear pass over the text, before any parser runs:
 * it enforces the size cap, refuses every DTD (`<!DOCTYPE`, `<!ENTITY`: no entity can ever be defined,
 * so none can expand), bounds the nesting depth and checks that tags are balanced — the parser we use is
 * lenient and would otherwise turn a truncated download into a silently half-empty notice.
 */

/**
 * Largest accepted document, in UTF-8 bytes. Real Doffin notices are 10–250 KB.
 *
 * @example new TextEncoder().encode(xml).length <= EFORMS_MAX_BYTES
 */
export const EFORMS_MAX_BYTES = 5 * 1024 * 1024;
/**
 * Deepest accepted element nesting. Real notices reach about 15.
 *
 * @example "<a>".repeat(EFORMS_MAX_DEPTH + 1) // refused with reason "too_deep"
 */
export const EFORMS_MAX_DEPTH = 200;

/** What the gate learnt on the way: the root element's qualified name. */
export type ScannedXml = { rootName: string };

/** UTF-8 length without allocating an encoded copy. */
const utf8Length = (text: string): number => {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
};

const pathOf = (stack: readonly string[]): string | null => {
  if (stack.length === 0) return null;
  // A 200-deep path is noise in an error message; its head and tail say where it went wrong.
  if (stack.length > 8) return `/${stack.slice(0, 3).join("/")}/…/${stack.slice(-2).join("/")}`;
  return `/${stack.join("/")}`;
};

const isNameEnd = (c: number): boolean =>
  c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f /* / */ || c === 0x3e; /* > */

const isBlank = (text: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xfeff) return false;
  }
  return true;
};

/**
 * Index just past the `>` closing a start tag that begins at `from`, skipping quoted attribute values;
 * -1 when the text ends first, -2 at a `<` inside the tag (not XML).
 */
const endOfStartTag = (text: string, from: number): number => {
  let quote = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i + 1;
    else if (c === 0x3c) return -2;
  }
  return -1;
};

/**
 * Checks `xml` against the limits and for balanced tags; throws a typed {@link EformsParseError}
 * (`not_xml`, `too_large`, `forbidden_dtd`, `too_deep`, `malformed`, `truncated`) and otherwise returns
 * the root element's name. Never allocates more than a stack of at most {@link EFORMS_MAX_DEPTH} names.
 *
 * @example guardEformsXml("<ContractNotice><cbc:ID>1</cbc:ID></ContractNotice>") // { rootName: "ContractNotice" }
 */
export const guardEformsXml = (xml: unknown): ScannedXml => {
  if (typeof xml !== "string") throw new EformsParseError("not_xml", "the notice body is not text");
  // String length (UTF-16 units) never exceeds the UTF-8 byte length, so only near the cap do we count.
  if (
    xml.length > EFORMS_MAX_BYTES ||
    (xml.length * 3 > EFORMS_MAX_BYTES && utf8Length(xml) > EFORMS_MAX_BYTES)
  ) {
    throw new EformsParseError("too_large", `the document is larger than ${EFORMS_MAX_BYTES} bytes`);
  }
  const stack: string[] = [];
  let rootName: string | null = null;
  let i = 0;
  function fail(reason: "malformed" | "truncated", message: string): never {
    throw new EformsParseError(reason, message, pathOf(stack));
  }
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const textEnd = lt === -1 ? xml.length : lt;
    if (stack.length === 0 && !isBlank(xml, i, textEnd)) {
      if (rootName === null)
        throw new EformsParseError("not_xml", "the body does not start with an XML element");
      fail("malformed", "text after the root element");
    }
    if (lt === -1) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x3f /* ? */) {
      const end = xml.indexOf("?>", lt + 2);
      if (end === -1) fail("truncated", "unterminated processing instruction");
      i = end + 2;
    } else if (next === 0x21 /* ! */) {
      if (xml.startsWith("<!--", lt)) {
        const end = xml.indexOf("-->", lt + 4);
        if (end === -1) fail("truncated", "unterminated comment");
        i = end + 3;
      } else if (xml.startsWith("<![CDATA[", lt) && stack.length > 0) {
        const end = xml.indexOf("]]>", lt + 9);
        if (end === -1) fail("truncated", "unterminated CDATA section");
        i = end + 3;
      } else if (/^<!\s*(doctype|entity|element|attlist|notation)/i.test(xml.slice(lt, lt + 32))) {
        throw new EformsParseError(
          "forbidden_dtd",
          "document type declarations and entity definitions are not accepted",
          pathOf(stack),
        );
      } else {
        fail("malformed", "unexpected markup declaration");
      }
    } else if (next === 0x2f /* / */) {
      const end = xml.indexOf(">", lt + 2);
      if (end === -1) fail("truncated", "unterminated end tag");
      const name = xml.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (open === undefined) fail("malformed", `end tag </${name}> without a start tag`);
      if (open !== name) {
        stack.push(open);
        fail("malformed", `end tag </${name}> does not close <${open}>`);
      }
      i = end + 1;
    } else {
      let nameEnd = lt + 1;
      while (nameEnd < xml.length && !isNameEnd(xml.charCodeAt(nameEnd))) nameEnd++;
      const name = xml.slice(lt + 1, nameEnd);
      if (!name) fail("malformed", "a `<` that starts no element");
      const end = endOfStartTag(xml, nameEnd);
      if (end === -1) fail("truncated", `unterminated start tag <${name}`);
      if (end === -2) fail("malformed", `a \`<\` inside the start tag <${name}`);
      if (stack.length === 0) {
        if (rootName !== null) fail("malformed", "more than one root element");
        rootName = name;
      }
      if (xml.charCodeAt(end - 2) !== 0x2f /* / */) {
        stack.push(name);
        if (stack.length > EFORMS_MAX_DEPTH) {
          throw new EformsParseError(
            "too_deep",
            `elements are nested deeper than ${EFORMS_MAX_DEPTH} levels`,
            pathOf(stack),
          );
        }
      }
      i = end;
    }
  }
  if (rootName === null) throw new EformsParseError("not_xml", "the body contains no XML element");
  if (stack.length > 0) fail("truncated", `the document ends inside <${stack[stack.length - 1]}>`);
  return { rootName };
};
