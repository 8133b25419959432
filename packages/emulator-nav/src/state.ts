/**
 * The emulator's world: ads, the feed's append-only lines, the clock, the public token, and the
 * mutations that change them (publish, update, expire, withdraw). Every change of a non-FINN ad appends
 * one feed line, as NAV's feed does.
 */
import { generateAd } from "./generator";
import { type Ad, type FeedLine, feedStatusOf, isMasked } from "./model";
import { type Random, seededRandom } from "./random";

const DAY = 86_400_000;

export type WorldOptions = {
  /** Seed of every random choice (default 42). */
  seed?: number;
  /** Ads generated at start (default 300). */
  count?: number;
  /** The clock at start (ISO or epoch ms; default real now). */
  now?: string | number;
  /** Ads are published over this many days before `now` (default 60). */
  days?: number;
  /** Share of FINN ads (search only; default 0.08). */
  finnShare?: number;
};

const fakeJwt = (n: number, iat: number): string => {
  const b64 = (o: object) =>
    btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  const payload = {
    sub: "public@arbeidsplassen.example",
    kid: `public-${n}`,
    iss: "nav-emulator",
    aud: "feed-api-v2",
    iat: Math.floor(iat / 1000),
    exp: Math.floor(iat / 1000) + 35 * 86_400,
  };
  return `${b64({ alg: "HS256", typ: "JWT" })}.${b64(payload)}.emulator-signature-${n}`;
};

export type AdPatch = Partial<
  Pick<Ad, "title" | "description" | "expires" | "applicationDue" | "extent" | "remote" | "engagementtype">
>;

export const createWorld = (options: WorldOptions = {}) => {
  const seed = options.seed ?? 42;
  const rng: Random = seededRandom(seed);
  const gen = { finnShare: options.finnShare ?? 0.08 };
  let now =
    options.now == null
      ? Date.now()
      : typeof options.now === "number"
        ? options.now
        : Date.parse(options.now);
  if (Number.isNaN(now)) throw new Error(`emulator-nav: unreadable now ${String(options.now)}`);
  const ads = new Map<string, Ad>();
  const lines: FeedLine[] = [];
  const lineIndex = new Map<string, number>();
  let tokenNo = 1;
  let token: string | null = fakeJwt(tokenNo, now);

  const writeLine = (ad: Ad, time: number): FeedLine | null => {
    if (ad.source === "FINN") return null; // FINN ads are never in the feed.
    const masked = isMasked(ad);
    const line: FeedLine = {
      pageItemId: rng.uuid(),
      seq: lines.length + 1,
      adUuid: ad.uuid,
      time,
      status: feedStatusOf(ad),
      title: masked ? "..." : ad.title,
      businessName: masked ? "" : ad.businessName,
      municipal: ad.locations[0]?.municipal ?? "?",
    };
    lineIndex.set(line.pageItemId, lines.length);
    lines.push(line);
    return line;
  };

  // The initial history, in time order: publication, some updates, expiries and withdrawals before now.
  const days = options.days ?? 60;
  const events: { time: number; ad: Ad; apply?: () => void }[] = [];
  for (let i = 0; i < (options.count ?? 300); i++) {
    const published = now - Math.floor(rng.float() * days * DAY);
    const ad = generateAd(rng, published, gen);
    ads.set(ad.uuid, ad);
    const history = { status: ad.status, title: ad.title };
    events.push({ time: published, ad, apply: () => Object.assign(ad, history) });
    if (rng.maybe(0.2)) {
      const at = published + Math.floor(rng.float() * Math.min(now - published, 3 * DAY));
      const newTitle = `${ad.title} (oppdatert)`;
      events.push({ time: at, ad, apply: () => Object.assign(ad, { title: newTitle, updated: at }) });
    }
    if (ad.expires <= now)
      events.push({ time: ad.expires, ad, apply: () => Object.assign(ad, { status: "INACTIVE" }) });
    else if (rng.maybe(0.03)) {
      const at = published + Math.floor(rng.float() * (now - published));
      events.push({ time: at, ad, apply: () => Object.assign(ad, { status: "STOPPED" }) });
    }
  }
  events.sort((a, b) => a.time - b.time);
  // Replay so each line shows the ad as it was at that moment.
  for (const e of events) {
    e.apply?.();
    writeLine(e.ad, e.time + (e.ad.uuid.charCodeAt(0) % 997));
  }

  const mustGet = (uuid: string): Ad | null => ads.get(uuid) ?? null;
  const change = (ad: Ad, patch: Partial<Ad>) => {
    Object.assign(ad, patch, { updated: now });
    return { ad, line: writeLine(ad, now) };
  };

  return {
    seed,
    ads,
    lines,
    lineIndex,
    get now() {
      return now;
    },
    get token() {
      return token;
    },
    /** Moves the clock (never backwards) and expires ads whose time has come, one line each. */
    setNow(ms: number) {
      now = Math.max(now, ms);
      for (const ad of ads.values())
        if (ad.status === "ACTIVE" && ad.expires <= now) change(ad, { status: "INACTIVE" });
      return now;
    },
    rotateToken() {
      token = fakeJwt(++tokenNo, now);
      return token;
    },
    setTokenAvailable(available: boolean) {
      token = available ? (token ?? fakeJwt(++tokenNo, now)) : null;
    },
    /** Whether a bearer token is the current public one (earlier tokens are refused after a rotation). */
    acceptsToken: (bearer: string | null) => bearer != null && token != null && bearer === token,
    publish(overrides: Partial<Ad> = {}) {
      const ad = generateAd(rng, now, gen, overrides);
      ads.set(ad.uuid, ad);
      return { ad, line: writeLine(ad, now) };
    },
    update: (uuid: string, patch: AdPatch) => {
      const ad = mustGet(uuid);
      return ad ? change(ad, patch) : null;
    },
    expire: (uuid: string) => {
      const ad = mustGet(uuid);
      return ad ? change(ad, { status: "INACTIVE", expires: Math.min(ad.expires, now) }) : null;
    },
    withdraw: (uuid: string) => {
      const ad = mustGet(uuid);
      return ad ? change(ad, { status: "STOPPED" }) : null;
    },
  };
};
export type World = ReturnType<typeof createWorld>;
