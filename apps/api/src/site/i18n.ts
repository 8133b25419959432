import { DOFFIN_TIME_ZONE } from "@doffin/core";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { en } from "./strings-en";
import { nb, type Strings } from "./strings-nb";

/**
 * Language of a page: `?lang=nb|en` wins (the switch link; it also sets the `lang` cookie), then the
 * `lang` cookie, then the best of `Accept-Language` (nb, nn and no all read as bokmål), else bokmål.
 * Dates are Oslo dates because Doffin's calendar is Norway's, whatever the reader's clock says.
 */

export const LANGS = ["nb", "en"] as const;
export type Lang = (typeof LANGS)[number];

const isLang = (v: string | undefined): v is Lang => v === "nb" || v === "en";

/** The language an Accept-Language header prefers among ours, or null when it names neither. */
export function langFromAcceptLanguage(header: string | undefined): Lang | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { base: tag.split("-")[0] ?? "", q: q === undefined ? 1 : Number(q), i };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { base } of ranked) {
    if (base === "en") return "en";
    if (base === "nb" || base === "nn" || base === "no") return "nb";
  }
  return null;
}

/** `explicit` is the `?lang` value when it is one of ours (the caller then sets the cookie). */
export function langOf(c: Context): { lang: Lang; explicit: Lang | null } {
  const q = c.req.query("lang");
  if (isLang(q)) return { lang: q, explicit: q };
  const cookie = getCookie(c, "lang");
  if (isLang(cookie)) return { lang: cookie, explicit: null };
  return { lang: langFromAcceptLanguage(c.req.header("accept-language")) ?? "nb", explicit: null };
}

const LOCALE: Record<Lang, string> = { nb: "nb-NO", en: "en-GB" };

/** Everything a page needs to speak one language: its strings and its formatters. */
export type Speaker = {
  lang: Lang;
  t: Strings;
  date: (iso: string | null) => string;
  dateTime: (iso: string | null) => string;
  number: (n: number) => string;
  money: (amount: number, currency: string) => string;
};

const speakers = new Map<Lang, Speaker>();

/**
 * The strings and formatters of a language (built once per isolate: Intl formatters are costly).
 * @example speakerFor("en").number(1234567) // "1,234,567"
 */
export function speakerFor(lang: Lang): Speaker {
  const hit = speakers.get(lang);
  if (hit) return hit;
  const locale = LOCALE[lang];
  const day = new Intl.DateTimeFormat(locale, { timeZone: DOFFIN_TIME_ZONE, dateStyle: "medium" });
  const dayTime = new Intl.DateTimeFormat(locale, {
    timeZone: DOFFIN_TIME_ZONE,
    dateStyle: "medium",
    timeStyle: "short",
  });
  const num = new Intl.NumberFormat(locale);
  const moneys = new Map<string, Intl.NumberFormat>();
  const when = (f: Intl.DateTimeFormat) => (iso: string | null) => {
    if (!iso) return "–";
    const t = Date.parse(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
    return Number.isNaN(t) ? iso : f.format(t);
  };
  const speaker: Speaker = {
    lang,
    t: lang === "en" ? en : nb,
    date: when(day),
    dateTime: when(dayTime),
    number: (n) => num.format(n),
    money: (amount, currency) => {
      let f = moneys.get(currency);
      if (!f) {
        try {
          f = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 });
        } catch {
          // Not an ISO 4217 code (upstream typo): the number with the code as Doffin gave it.
          return `${num.format(amount)} ${currency}`;
        }
        moneys.set(currency, f);
      }
      return f.format(amount);
    },
  };
  speakers.set(lang, speaker);
  return speaker;
}
