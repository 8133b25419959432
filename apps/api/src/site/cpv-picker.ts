import { cpvTree } from "@doffin/core";
import { withParams } from "./components";
import { type Html, html } from "./html";
import type { PageContext } from "./page-context";

/**
 * The CPV picker's server half: a plain `cpv` text input (codes or prefixes, comma-separated: the API's
 * own syntax) and the 45 divisions as links, so it works without JS. `assets/cpv-picker.js` adds the
 * label search (/v1/codes/cpv?q=) and expands divisions (/v1/codes/cpv/{code}) in place.
 */

let divisions: { code: string; nb: string; en: string }[] | undefined;
const divisionList = () => {
  divisions ??= cpvTree().map((d) => ({ code: d.code.slice(0, 2), nb: d.nameNb, en: d.nameEn }));
  return divisions;
};

export function cpvPicker(p: PageContext, typed: readonly string[]): Html {
  const { s } = p;
  const base = new URLSearchParams(p.url.searchParams);
  base.delete("lang");
  return html`<div id="cpv-picker" class="field" data-lang="${s.lang}" data-search-label="${s.t.cpvSearch}" data-no-match="${s.t.cpvNoMatch}" data-expand-label="${s.t.cpvExpand}">
<label for="cpv-input">${s.t.cpvPicker}</label>
<input id="cpv-input" name="cpv" value="${typed.join(", ")}" aria-describedby="cpv-hint" autocomplete="off" spellcheck="false">
<p id="cpv-hint" class="muted">${s.t.cpvHint}</p>
<details class="cpv-divisions"><summary>${s.t.cpvDivisions}</summary>
<ul>${divisionList().map(
    (d) =>
      html`<li data-code="${d.code}"><a href="${withParams(base, { cpv: `${d.code}*`, page: null })}" data-cpv="${d.code}*">${d.code}</a> ${s.lang === "en" ? d.en : d.nb}</li>`,
  )}</ul>
</details>
</div>`;
}
