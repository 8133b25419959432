/**
 * A tiny HTML builder: a tagged template that escapes every interpolated value unless it is already
 * `Html` (built by this template or `raw`). Pages are plain strings, so there is no JSX runtime and no
 * build step in the Worker; escaping by default is what keeps notice text from becoming markup.
 */

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text for an element body or a quoted attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

/** Markup that is trusted as it is (our own constants only, never upstream text). */
export const raw = (markup: string): Html => new Html(markup);

type Part = Html | string | number | null | undefined | false | readonly Part[];

const render = (part: Part): string => {
  if (part === null || part === undefined || part === false) return "";
  if (part instanceof Html) return part.value;
  if (Array.isArray(part)) return part.map(render).join("");
  return escapeHtml(String(part));
};

/**
 * Builds escaped markup; arrays are joined, null/undefined/false render nothing.
 * @example html`<p class="x">${"a < b"}</p>`.value // '<p class="x">a &lt; b</p>'
 */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  let out = strings[0] ?? "";
  parts.forEach((part, i) => {
    out += render(part) + (strings[i + 1] ?? "");
  });
  return new Html(out);
}
