import { XMLParser } from "fast-xml-parser";
import { EFORMS_MAX_DEPTH } from "./guard";

/**
 * The XML tree and the few total accessors the mappers read it with.
 *
 * Parser choice: fast-xml-parser 5 — pure JavaScript (no Node built-ins, so it runs unchanged in workerd),
 * actively maintained, one of the fastest JS parsers, and configurable to do nothing clever: no entity
 * processing (we decode the five XML entities and character references ourselves, lazily, on the values
 * we read), no value coercion (org numbers and version "01" stay strings), namespace prefixes dropped so
 * a notice that binds `cbc` to another prefix still reads the same. Safety does not depend on it: the
 * guard in `guard.ts` has already refused DTDs, oversize and over-deep input.
 */

/** One element: child elements by local name (always arrays), attributes as `@_name`, text as `#text`. */
export type XmlNode = { readonly [key: string]: unknown };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  alwaysCreateTextNode: true,
  // Every element is a list, so one accessor serves elements that occur once or many times.
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
  maxNestedTags: EFORMS_MAX_DEPTH + 1,
});

/** Parses guarded XML to the root element's node (the first element of the document). */
export const parseXmlTree = (xml: string): { name: string; node: XmlNode } | null => {
  const doc = parser.parse(xml) as Record<string, unknown>;
  for (const [name, value] of Object.entries(doc)) {
    if (Array.isArray(value) && typeof value[0] === "object" && value[0] !== null) {
      return { name, node: value[0] as XmlNode };
    }
  }
  return null;
};

const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

const decode = (raw: string): string =>
  raw.indexOf("&") === -1
    ? raw
    : raw.replace(ENTITY, (whole, hex?: string, dec?: string, name?: string) => {
        if (name) return NAMED[name] ?? whole;
        const code = hex ? Number.parseInt(hex, 16) : Number(dec);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      });

/** Child elements with local name `name` ([] when none). */
export const kids = (node: XmlNode | null | undefined, name: string): XmlNode[] => {
  const value = node?.[name];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
};

/** All elements along a path of local names (like the XPath `a/b/c`). */
export const all = (node: XmlNode | null | undefined, ...path: string[]): XmlNode[] => {
  let level: XmlNode[] = node ? [node] : [];
  for (const name of path) level = level.flatMap((n) => kids(n, name));
  return level;
};

/** The first element along a path, or null. */
export const at = (node: XmlNode | null | undefined, ...path: string[]): XmlNode | null => {
  let current: XmlNode | null | undefined = node;
  for (const name of path) current = kids(current, name)[0];
  return current ?? null;
};

/** An element's decoded, trimmed text; null when empty or absent. */
export const text = (node: XmlNode | null | undefined): string | null => {
  const raw = node?.["#text"];
  if (typeof raw !== "string") return null;
  const value = decode(raw).trim();
  return value ? value : null;
};

/** Text of the first element along a path. */
export const textAt = (node: XmlNode | null | undefined, ...path: string[]): string | null =>
  text(at(node, ...path));

/** A decoded attribute value; null when absent or empty. */
export const attr = (node: XmlNode | null | undefined, name: string): string | null => {
  const raw = node?.[`@_${name}`];
  if (typeof raw !== "string") return null;
  const value = decode(raw).trim();
  return value ? value : null;
};

/** The first element along `path` whose `listName` attribute is `listName` (eForms codes share element names). */
export const coded = (
  node: XmlNode | null | undefined,
  listName: string,
  ...path: string[]
): XmlNode | null => all(node, ...path).find((n) => attr(n, "listName") === listName) ?? null;

/** The eForms extension block of an element (`ext:UBLExtensions/…/efext:EformsExtension`). */
export const extension = (node: XmlNode | null | undefined): XmlNode | null =>
  at(node, "UBLExtensions", "UBLExtension", "ExtensionContent", "EformsExtension");

/**
 * The text of a multilingual element list in the preferred language (the notice's), else the first.
 * eForms repeats `cbc:Name`/`cbc:Description` once per language with `languageID`.
 */
export const localized = (nodes: readonly XmlNode[], language: string | null): string | null => {
  if (language) {
    for (const n of nodes) if (attr(n, "languageID") === language) return text(n) ?? null;
  }
  for (const n of nodes) {
    const value = text(n);
    if (value) return value;
  }
  return null;
};
