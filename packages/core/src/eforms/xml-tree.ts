import { Parser } from "htmlparser2";

/**
 * The XML tree and the few total accessors the mappers read it with.
 *
 * Parser choice: htmlparser2 (xmlMode) — pure JavaScript with no Node built-ins (runs unchanged in
 * workerd), actively maintained (it is cheerio's parser) and fast: on the Doffin fixtures it tokenizes
 * 2–3× faster than fast-xml-parser 5.12, whose per-attribute processing dominated (eForms puts a
 * `listName`/`schemeName`/`currencyID`/`languageID` on most leaves). It never reads a DTD, and we ask it
 * to decode nothing: the five XML entities and character references are decoded here, lazily, only in
 * the values the mappers read. Its leniency (it would accept a truncated document) does not matter: the
 * guard in `guard.ts` has already refused DTDs, oversize, over-deep and unbalanced input.
 *
 * The tree is deliberately plain: child elements by local name (namespace prefix dropped, so a notice
 * binding `cbc` to another prefix reads the same), always as arrays; attributes as `@_name`; the text
 * directly inside an element as `#text`. No values are coerced: org numbers and version "01" stay text.
 */

/** One element: child elements by local name (always arrays), attributes as `@_name`, text as `#text`. */
export type XmlNode = { readonly [key: string]: unknown };
type MutableNode = { [key: string]: unknown };

// Local names repeat thousands of times per notice; slicing each once per process is measurably cheaper.
const LOCAL_NAMES = new Map<string, string>();
const localName = (qualified: string): string => {
  let local = LOCAL_NAMES.get(qualified);
  if (local === undefined) {
    local = qualified.slice(qualified.indexOf(":") + 1);
    if (LOCAL_NAMES.size < 10_000) LOCAL_NAMES.set(qualified, local);
  }
  return local;
};

/** Parses guarded XML to its root element's node; null when there is no element. */
export const parseXmlTree = (xml: string): { name: string; node: XmlNode } | null => {
  const doc: MutableNode = {};
  const stack: MutableNode[] = [doc];
  let top: MutableNode = doc;
  let rootName: string | null = null;
  let inCdata = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const node: MutableNode = {};
        for (const key in attributes) node[`@_${localName(key)}`] = attributes[key];
        const local = localName(name);
        const siblings = top[local];
        if (Array.isArray(siblings)) siblings.push(node);
        else top[local] = [node];
        rootName ??= name;
        stack.push(node);
        top = node;
      },
      ontext(raw) {
        // CDATA is literal text: escape its `&` so the lazy decoding below gives it back unchanged.
        const chunk = inCdata ? raw.replaceAll("&", "&amp;") : raw;
        const before = top["#text"];
        top["#text"] = typeof before === "string" ? before + chunk : chunk;
      },
      oncdatastart() {
        inCdata = true;
      },
      oncdataend() {
        inCdata = false;
      },
      onclosetag() {
        stack.pop();
        top = stack[stack.length - 1] ?? doc;
      },
    },
    { xmlMode: true, decodeEntities: false, recognizeSelfClosing: true, recognizeCDATA: true },
  );
  parser.end(xml);
  if (rootName === null) return null;
  const root = (doc[localName(rootName)] as MutableNode[] | undefined)?.[0];
  return root ? { name: rootName, node: root } : null;
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
