import { describe, expect, it } from "vitest";
import { htmlToText, sanitizeHtml } from "../src/nav/sanitize";

/** The allow-list sanitizer against hostile HTML: nothing executable survives, structure does. */

const HOSTILE: [string, string][] = [
  ["<p>Hei<script>alert(1)</script></p>", "<p>Hei</p>"],
  ["<style>p{color:red}</style><p>Tekst</p>", "<p>Tekst</p>"],
  ['<p onclick="steal()" style="x">Klikk</p>', "<p>Klikk</p>"],
  ['<img src=x onerror="alert(1)">Bilde', "Bilde"],
  ['<a href="javascript:alert(1)">lenke</a>', "<a>lenke</a>"],
  ['<a href="  JaVaScRiPt:alert(1)">lenke</a>', "<a>lenke</a>"],
  ['<a href="java\tscript:alert(1)">lenke</a>', "<a>lenke</a>"],
  ['<a href="&#106;avascript:alert(1)">lenke</a>', "<a>lenke</a>"],
  ['<a href="data:text/html;base64,PHNjcmlwdD4=">lenke</a>', "<a>lenke</a>"],
  ['<a href="vbscript:msgbox">lenke</a>', "<a>lenke</a>"],
  ['<iframe src="https://evil.example"></iframe>Etter', "Etter"],
  ["<svg><script>alert(1)</script></svg>OK", "OK"],
  ["<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"],
  ['<div><form action="x"><input name="a"><button>Send</button></form></div>', "<div>Send</div>"],
  ["<p>Uavsluttet <b>fet", "<p>Uavsluttet <b>fet</b></p>"],
  ["<b><i>kryss</b></i>", "<b><i>kryss</i></b>"],
  // A stray </p> is an empty paragraph in HTML parsing (as in browsers); a stray </div> is dropped.
  ["</p></div>løs tekst", "<p></p>løs tekst"],
  ["<!-- kommentar --><p>Synlig</p>", "<p>Synlig</p>"],
  ['<math><mi xlink:href="javascript:alert(1)">x</mi></math>Ferdig', "Ferdig"],
  ['<p title="&quot; onmouseover=alert(1)">t</p>', "<p>t</p>"],
];

describe("sanitizeHtml", () => {
  it.each(HOSTILE)("neutralizes %s", (input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });

  it("keeps safe links with rel, and escapes text and attribute quotes", () => {
    expect(sanitizeHtml('<a href="https://nav.no/?a=1&amp;b=&quot;2">Søk</a>')).toBe(
      '<a href="https://nav.no/?a=1&amp;b=&quot;2" rel="noopener noreferrer nofollow">Søk</a>',
    );
    expect(sanitizeHtml('<a href="mailto:post@nav.no">E-post</a>')).toContain('href="mailto:post@nav.no"');
    expect(sanitizeHtml("<p>1 &lt; 2 &amp; 3 > 2</p>")).toBe("<p>1 &lt; 2 &amp; 3 &gt; 2</p>");
  });

  it("keeps the structure an ad text needs", () => {
    const html =
      "<h2>Om stillingen</h2><ul><li>Fast</li><li>100 %</li></ul><p>Søk <strong>nå</strong><br>Takk</p>";
    expect(sanitizeHtml(html)).toBe(
      "<h2>Om stillingen</h2><ul><li>Fast</li><li>100 %</li></ul><p>Søk <strong>nå</strong><br>Takk</p>",
    );
  });

  it("never lets a tag or a javascript: URL through, whatever the nesting", () => {
    const junk = '<<p>>"<a href=javascript:x>&<script>x</script><p <b>"'.repeat(50);
    const out = sanitizeHtml(junk);
    expect(out).not.toMatch(/<script|javascript:|on\w+=/i);
    expect(sanitizeHtml(null)).toBe("");
    expect(sanitizeHtml("")).toBe("");
  });
});

describe("htmlToText", () => {
  it("turns blocks into lines, decodes entities and drops scripts", () => {
    expect(htmlToText("<p>Hei&nbsp;du</p><ul><li>En</li><li>To</li></ul><script>x()</script>")).toBe(
      "Hei du\nEn\nTo",
    );
    expect(htmlToText("Linje 1<br>Linje 2<br/>   Linje   3")).toBe("Linje 1\nLinje 2\nLinje 3");
    expect(htmlToText(undefined)).toBe("");
  });
});
