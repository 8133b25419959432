/**
 * Escapes raw control characters (U+0000–U+001F) that appear *inside* JSON string literals, which
 * strict JSON forbids but Doffin has been reported to send (doffin-upstream.md §1.5). Characters between
 * tokens (ordinary whitespace) are left alone.
 */
const escapeControlCharsInStrings = (text: string): string => {
  let out = "";
  let inString = false;
  let escaped = false;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (code === 0x5c /* \ */) {
        escaped = true;
      } else if (code === 0x22 /* " */) {
        inString = false;
      } else if (code < 0x20) {
        out += `${text.slice(last, i)}\\u${code.toString(16).padStart(4, "0")}`;
        last = i + 1;
      }
    } else if (code === 0x22) {
      inString = true;
    }
  }
  return last === 0 ? text : out + text.slice(last);
};

/**
 * `JSON.parse`, and when that fails, one retry after escaping raw control characters inside string
 * literals. Throws the original `SyntaxError` when the text is not JSON either way.
 *
 * @example parseJsonLenient('{"heading":"Line 1\nLine 2"}') // with a raw newline → { heading: "Line 1\nLine 2" }
 */
export const parseJsonLenient = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    const repaired = escapeControlCharsInStrings(text);
    if (repaired === text) throw error;
    try {
      return JSON.parse(repaired);
    } catch {
      throw error;
    }
  }
};
