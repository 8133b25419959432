import { Parser } from "htmlparser2";

/**
 * Allow-list HTML sanitizer for NAV ad texts (`description`, employer descriptions). Ads come from many
 * employer systems and carry anything from clean `<p>` to pasted Word markup; only structure and links
 * survive. Everything not listed is dropped: `<script>`/`<style>` (and their content), event handlers,
 * `style`, and any URL that is not http(s)/mailto/tel.
 */

/** Heading tags: allowed, and block-level (a line break in plain text). */
const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"];
const ALLOWED_TAGS = new Set([
  "p",
  "br",
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ul",
  "ol",
  "li",
  ...HEADINGS,
  "a",
  "blockquote",
  "div",
  "span",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "hr",
  "sub",
  "sup",
]);
/** Tags whose whole content is dropped, not only the tag. */
const DROP_CONTENT = new Set([
  "script",
  "style",
  "iframe",
  "object",
  "embed",
  "noscript",
  "template",
  "svg",
  "math",
  "head",
  "title",
]);
const VOID_TAGS = new Set(["br", "hr"]);
const BLOCK_TAGS = new Set([
  "p",
  "div",
  "li",
  ...HEADINGS,
  "blockquote",
  "tr",
  "table",
  "ul",
  "ol",
  "br",
  "hr",
]);
const SAFE_URL = /^(https?:|mailto:|tel:)/i;

const escapeText = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, "&quot;");

/** A URL is kept only when, with control characters and whitespace removed, it starts with a safe scheme. */
const safeHref = (raw: string): string | null => {
  // Browsers ignore tabs/newlines/controls inside schemes ("java\tscript:"), so judge the compacted form.
  const compact = [...raw].filter((ch) => ch.charCodeAt(0) > 0x20 && ch.charCodeAt(0) !== 0x7f).join("");
  return SAFE_URL.test(compact) ? raw.trim() : null;
};

/**
 * Sanitized HTML: allow-listed tags only, `href` only on `<a>` and only http(s)/mailto/tel, links open
 * with `rel="noopener noreferrer nofollow"`. Never throws; empty input gives "".
 *
 * @example sanitizeHtml('<p onclick="x()">Hei<script>alert(1)</script></p>') // "<p>Hei</p>"
 */
export const sanitizeHtml = (html: string | null | undefined): string => {
  if (html == null || html === "") return "";
  let out = "";
  let dropDepth = 0;
  const open: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (dropDepth > 0 || DROP_CONTENT.has(name)) {
          if (DROP_CONTENT.has(name)) dropDepth++;
          return;
        }
        if (!ALLOWED_TAGS.has(name)) return;
        let attrText = "";
        if (name === "a") {
          const href = attrs.href == null ? null : safeHref(attrs.href);
          if (href) attrText = ` href="${escapeAttr(href)}" rel="noopener noreferrer nofollow"`;
        }
        out += `<${name}${attrText}>`;
        if (!VOID_TAGS.has(name)) open.push(name);
      },
      ontext(data) {
        if (dropDepth === 0) out += escapeText(data);
      },
      onclosetag(name) {
        if (DROP_CONTENT.has(name)) {
          if (dropDepth > 0) dropDepth--;
          return;
        }
        if (dropDepth > 0 || VOID_TAGS.has(name) || !ALLOWED_TAGS.has(name)) return;
        const at = open.lastIndexOf(name);
        if (at === -1) return;
        // Close anything left open inside it, so the output is always well nested.
        while (open.length > at) out += `</${open.pop()}>`;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  while (open.length > 0) out += `</${open.pop()}>`;
  return out.trim();
};

/**
 * Plain text of an HTML fragment: tags removed, block elements become line breaks, entities decoded,
 * whitespace collapsed, script/style content dropped. Never throws.
 *
 * @example htmlToText("<p>Hei&nbsp;du</p><ul><li>En</li><li>To</li></ul>") // "Hei du\nEn\nTo"
 */
export const htmlToText = (html: string | null | undefined): string => {
  if (html == null || html === "") return "";
  const parts: string[] = [];
  let dropDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (DROP_CONTENT.has(name)) dropDepth++;
        else if (BLOCK_TAGS.has(name)) parts.push("\n");
      },
      ontext(data) {
        if (dropDepth === 0) parts.push(data);
      },
      onclosetag(name) {
        if (DROP_CONTENT.has(name)) dropDepth = Math.max(0, dropDepth - 1);
        else if (BLOCK_TAGS.has(name)) parts.push("\n");
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return parts
    .join("")
    .replace(/\u00a0/g, " ")
    .split("\n")
    .map((line) => line.replace(/[ \t\r\f\v]+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
};
