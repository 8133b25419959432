/**
 * The job-ad feed (`pam-stilling-feed.nav.no`) over the world's lines: pages that overlap by one line,
 * the tip page, ETag/Last-Modified and the narrow 304, feed entries (INACTIVE without content, FINN 404).
 */
import type { Ad, FeedLine } from "./model";
import { feedStatusOf } from "./model";
import { osloIso, osloRfc1123 } from "./oslo-time";
import type { World } from "./state";

export const FEED_DEFAULT_PAGE_SIZE = 1000;
export const FEED_MAX_PAGE_SIZE = 10_000;
export const UNAUTHORIZED_BODY = {
  title: "Unauthorized",
  status: 401,
  type: "https://javalin.io/documentation#unauthorizedresponse",
  details: {},
};

export type Reply = { status: number; body: string; headers: Record<string, string> };
const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  body: JSON.stringify(value),
  headers: { "content-type": "application/json", ...headers },
});
const text = (status: number, body: string): Reply => ({
  status,
  body,
  headers: { "content-type": "text/plain" },
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const lineJson = (l: FeedLine) => {
  const modified = osloIso(l.time, (l.seq * 7919) % 1000);
  return {
    id: l.adUuid,
    url: `/api/v1/feedentry/${l.adUuid}`,
    title: l.title,
    content_text: "Stillingsannonse",
    date_modified: modified,
    _feed_entry: {
      uuid: l.adUuid,
      status: l.status,
      title: l.title,
      businessName: l.businessName,
      municipal: l.municipal,
      sistEndret: modified,
    },
  };
};

export type FeedRequest = {
  pageId: string | null;
  pageSize: string | null;
  last: boolean;
  ifNoneMatch: string | null;
  ifModifiedSince: string | null;
};

/** `GET /api/v1/feed[/{pageId}]`. */
export const feedPage = (world: World, req: FeedRequest): Reply => {
  let pageSize = FEED_DEFAULT_PAGE_SIZE;
  if (req.pageSize != null) {
    const n = Number(req.pageSize);
    if (!Number.isInteger(n) || n < 1) return text(400, "pageSize must be a positive integer");
    if (n > FEED_MAX_PAGE_SIZE) return text(400, "pageSize must be less than or equal to 10000");
    pageSize = n;
  }
  const since = req.ifModifiedSince == null ? null : Date.parse(req.ifModifiedSince);
  const { lines } = world;
  let start: number;
  if (req.pageId != null) {
    if (!UUID.test(req.pageId)) return text(400, "Invalid UUID string");
    const at = world.lineIndex.get(req.pageId);
    if (at === undefined) return text(404, "Not found");
    start = at;
  } else if (req.last) start = lines.length - 1;
  else if (since != null && !Number.isNaN(since)) start = lines.findIndex((l) => l.time > since);
  else start = 0;
  const first = lines[start];
  if (start < 0 || first == null) return text(404, "Not found");
  // Up to pageSize newer lines; on a page by id, If-Modified-Since also filters them (never the first).
  let newer = lines.slice(start + 1, start + 1 + pageSize);
  if (req.pageId != null && since != null && !Number.isNaN(since))
    newer = newer.filter((l) => l.time >= since);
  const shown = newer.length >= 2 ? [first, ...newer.slice(0, -1)] : [first, ...newer];
  const nextLine = newer.length >= 2 ? shown.at(-1) : undefined;
  const tag = (nextLine ?? shown.at(-1) ?? first).pageItemId;
  const tagTime = (nextLine ?? shown.at(-1) ?? first).time;
  const headers = { etag: tag, "last-modified": osloRfc1123(tagTime) };
  // 304 only when the tag matches AND that line is strictly older than If-Modified-Since.
  if (req.ifNoneMatch === tag && since != null && !Number.isNaN(since) && tagTime < since)
    return { status: 304, body: "", headers };
  const nextId = nextLine?.pageItemId ?? null;
  return json(
    200,
    {
      version: "1.0",
      title: "Stillingsfeeden fra arbeidsplassen.no",
      home_page_url: "https://arbeidsplassen.nav.no",
      feed_url: `/api/v1/feed/${first.pageItemId}`,
      description:
        "Feed med stillinger fra arbeidsplassen.no - En av Norges største oversikter over utlyste stillinger",
      next_url: nextId == null ? null : `/api/v1/feed/${nextId}`,
      id: first.pageItemId,
      next_id: nextId,
      items: shown.map(lineJson),
    },
    headers,
  );
};

const adContent = (ad: Ad) => ({
  uuid: ad.uuid,
  published: osloIso(ad.published),
  expires: osloIso(ad.expires),
  updated: osloIso(ad.updated, 457),
  workLocations: ad.locations,
  contactList: [
    { name: "Kari Nordmann", email: "kari@example.no", phone: "+47 12345678", role: null, title: "Leder" },
  ],
  title: ad.title,
  description: ad.description,
  sourceurl: "",
  source: ad.source,
  applicationUrl: ad.applicationUrl,
  applicationDue: ad.applicationDue,
  occupationCategories: [{ level1: ad.occupation.level1, level2: ad.occupation.level2 }],
  categoryList: [
    { categoryType: "STYRK08", code: ad.category.code, name: ad.category.name, description: "", score: 0.0 },
  ],
  jobtitle: ad.jobtitle,
  link: `https://arbeidsplassen.nav.no/stillinger/stilling/${ad.uuid}`,
  employer: {
    name: ad.businessName || ad.employer.name,
    orgnr: ad.employer.orgnr,
    description: ad.employer.description,
    homepage: ad.employer.homepage,
  },
  engagementtype: ad.engagementtype,
  // The feed writes "Deltid" only when the source says so; everything else becomes "Heltid".
  extent: ad.extent === "Deltid" ? "Deltid" : "Heltid",
  starttime: ad.starttime,
  positioncount: String(ad.positioncount),
  sector: ad.sector,
});

/** `GET /api/v1/feedentry/{uuid}`. */
export const feedEntry = (world: World, uuid: string): Reply => {
  if (!UUID.test(uuid)) return text(400, "Invalid UUID string");
  const ad = world.ads.get(uuid);
  if (ad == null || ad.source === "FINN") return text(404, "Not found");
  const status = feedStatusOf(ad);
  const sistEndret = osloIso(ad.updated, 827);
  return json(
    200,
    status === "ACTIVE"
      ? { uuid, ad_content: adContent(ad), sistEndret, status }
      : { uuid, sistEndret, status },
  );
};

/** `GET /api/publicToken`. */
export const publicToken = (world: World): Reply =>
  world.token == null
    ? text(404, "Public token is not currently available")
    : text(200, `Current public token for Nav Job Vacancy Feed:\n${world.token}\n`);
