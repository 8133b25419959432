import { z } from "zod";

/**
 * Zod schemas of NAV's job-ad feed (`pam-stilling-feed.nav.no`). Tolerant on purpose, like the Doffin
 * schemas: unknown keys pass, optional strings may be null or absent, so one renamed or added field never
 * turns a whole page into a parse error. Only what a consumer cannot do without (ids, status) is required.
 */

const text = z.string().nullish();

/** One feed line's `_feed_entry`: a compact view of the ad at the time the line was written. */
export const NavFeedLineEntry = z.looseObject({
  uuid: z.string(),
  status: z.string(),
  title: text,
  businessName: text,
  municipal: text,
  sistEndret: text,
});

/** One line of a feed page. The same ad uuid recurs once per change. */
export const NavFeedLine = z.looseObject({
  id: z.string(),
  url: text,
  title: text,
  content_text: text,
  date_modified: text,
  _feed_entry: NavFeedLineEntry,
});
export type NavFeedLine = z.infer<typeof NavFeedLine>;

/** `GET /api/v1/feed[/{pageId}]`. `next_id` is null on the tip page. */
export const NavFeedPage = z.looseObject({
  version: text,
  title: text,
  home_page_url: text,
  feed_url: text,
  description: text,
  id: z.string(),
  next_id: z.string().nullish(),
  next_url: z.string().nullish(),
  items: z.array(NavFeedLine).default([]),
});
export type NavFeedPage = z.infer<typeof NavFeedPage>;

const NavWorkLocation = z.looseObject({
  country: text,
  address: text,
  city: text,
  postalCode: text,
  county: text,
  municipal: text,
});

const NavContact = z.looseObject({ name: text, email: text, phone: text, role: text, title: text });

/** `ad_content` of a feed entry (only ACTIVE entries carry one). */
export const NavAdContent = z.looseObject({
  uuid: text,
  published: text,
  expires: text,
  updated: text,
  workLocations: z.array(NavWorkLocation).nullish(),
  contactList: z.array(NavContact).nullish(),
  title: text,
  description: text,
  sourceurl: text,
  source: text,
  applicationUrl: text,
  applicationDue: text,
  occupationCategories: z.array(z.looseObject({ level1: text, level2: text })).nullish(),
  categoryList: z
    .array(z.looseObject({ categoryType: text, code: text, name: text, description: text }))
    .nullish(),
  jobtitle: text,
  link: text,
  employer: z.looseObject({ name: text, orgnr: text, description: text, homepage: text }).nullish(),
  engagementtype: text,
  extent: text,
  starttime: text,
  positioncount: z.union([z.string(), z.number()]).nullish(),
  sector: text,
  // Not in the documented shape; tolerated in case NAV ever adds remote work to the feed entry.
  remote: text,
});
export type NavAdContent = z.infer<typeof NavAdContent>;

/** `GET /api/v1/feedentry/{uuid}`. INACTIVE entries have no `ad_content`. */
export const NavFeedEntry = z.looseObject({
  uuid: z.string(),
  status: z.string(),
  sistEndret: text,
  ad_content: NavAdContent.nullish(),
});
export type NavFeedEntry = z.infer<typeof NavFeedEntry>;

/**
 * The JWT from `GET /api/publicToken` (text/plain): the last non-empty line of the body.
 * Returns null when that line does not look like a JWT (three dot-separated parts).
 *
 * @example parsePublicTokenText("Current public token for Nav Job Vacancy Feed:\neyJ.a.b\n") // "eyJ.a.b"
 */
export const parsePublicTokenText = (body: string): string | null => {
  const lines = body
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const last = lines.at(-1) ?? "";
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(last) ? last : null;
};
