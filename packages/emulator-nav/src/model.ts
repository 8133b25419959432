/** The emulator's master records: one ad as NAV's source system holds it, and the feed's lines. */

/** Source-system status; the feed turns it into ACTIVE/INACTIVE and masks some (see feed.ts). */
export type SourceStatus = "ACTIVE" | "INACTIVE" | "STOPPED" | "DELETED" | "REJECTED";

export type Ad = {
  uuid: string;
  title: string;
  jobtitle: string;
  businessName: string;
  employer: { name: string; orgnr: string | null; description: string; homepage: string | null };
  locations: {
    country: string;
    address: string | null;
    city: string;
    postalCode: string;
    county: string;
    municipal: string;
  }[];
  occupation: { level1: string; level2: string };
  category: { code: string; name: string };
  sector: "Offentlig" | "Privat";
  extent: string;
  engagementtype: string;
  remote: string | null;
  education: string | null;
  workLanguage: string[];
  /** Epoch ms. */
  published: number;
  expires: number;
  updated: number;
  applicationDue: string;
  description: string;
  /** "FINN" ads are never in the feed; "DIR" ads are always INACTIVE there. */
  source: string;
  status: SourceStatus;
  privacy: "SHOW_ALL" | "INTERNAL_NOT_SHOWN";
  positioncount: number;
  starttime: string;
  applicationUrl: string;
};

/** One feed line: written at `time` for a change of ad `adUuid`; `pageItemId` is the page cursor. */
export type FeedLine = {
  pageItemId: string;
  seq: number;
  adUuid: string;
  time: number;
  status: "ACTIVE" | "INACTIVE";
  title: string;
  businessName: string;
  municipal: string;
};

/** Route names used by stats and faults. */
export const ROUTE_NAMES = ["search", "feed", "feedentry", "token"] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

/** The feed's view of an ad: ACTIVE only for a live, non-DIR, fully shown ad. */
export const feedStatusOf = (ad: Ad): "ACTIVE" | "INACTIVE" =>
  ad.status === "ACTIVE" && ad.source !== "DIR" && ad.privacy === "SHOW_ALL" ? "ACTIVE" : "INACTIVE";

/** Stopped, deleted, rejected or hidden ads are written masked ("...", no business name). */
export const isMasked = (ad: Ad): boolean =>
  ad.status === "STOPPED" || ad.status === "DELETED" || ad.status === "REJECTED" || ad.privacy !== "SHOW_ALL";
