/**
 * The seeded corpus generator: any number of realistic notices, the same ones for the same options.
 * Pass 1 draws a publication day and a type per notice; pass 2 walks them in publication order, assigns
 * ids (`YYYY-NNNNNN`, sequential per year) and links procedures (corrections, awards of earlier competitions).
 */
import { cpvAncestors, locationName, NUTS_2024_LEVEL3 } from "./codelists";
import { composeDescription, composeHeading, placeName } from "./compose";
import { drawLots } from "./generator-lots";
import {
  addDays,
  type ConcreteType,
  type MasterNotice,
  type Money,
  type NoticeType,
  type Org,
  ROLL_UP,
  toIsoSeconds,
} from "./model";
import { type Buyer, buildBuyers, buildWinners, natureOf, pickCpvIn, pickDivision } from "./pools";
import { createRng, type Rng } from "./prng";
import {
  CHANGE_REASONS,
  DOCS_HOSTS,
  FOREIGN_LOCATIONS,
  MAIN_ACTIVITIES,
  PROCEDURE_TYPES,
  THEMES,
  type Theme,
} from "./text-bank";

export type GeneratorOptions = {
  seed: number;
  count: number;
  /** First publication day (default 2017-01-02, where Doffin's data starts). */
  from: string;
  /** Last publication day (default: the clock's day). Later days stay hidden until the clock reaches them. */
  to: string;
  hotDays?: { days: string[]; share: number } | undefined;
  /** Ids the generator must not hand out (the real fixtures'). */
  reservedIds?: ReadonlySet<string>;
};

const TYPE_WEIGHTS: Record<ConcreteType, number> = {
  ANNOUNCEMENT_OF_COMPETITION: 600,
  ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT: 190,
  ADVISORY_NOTICE: 80,
  CANCELLED_OR_MISSING_CONCLUSION_OF_CONTRACT: 50,
  ANNOUNCEMENT_OF_INTENT: 25,
  DYNAMIC_PURCHASING_SCHEME: 10,
  PRE_ANNOUNCEMENT: 5,
  QUALIFICATION_SCHEME: 4,
  CHANGE_OF_CONCLUSION_OF_CONTRACT: 4,
  NOTICE_ON_BUYER_PROFILE: 3,
};
const CONCRETE = Object.keys(TYPE_WEIGHTS) as ConcreteType[];
const CURRENCIES = { NOK: 95, EUR: 4, PLN: 1 };
/** 10:00Z (= 12:00 Oslo) dominates; 21:59/22:00Z (midnight Oslo) and date-only 00:00Z occur (S3). */
const DEADLINE_TIMES = { "10:00:00Z": 60, "11:00:00Z": 10, "21:59:00Z": 12, "22:00:00Z": 10, "00:00:00Z": 8 };
/** publicationDate = issue day + 0..7 days. */
const LAG_DAYS = { "0": 35, "1": 30, "2": 12, "3": 10, "4": 5, "5": 4, "6": 2, "7": 2 };
const DAY_MS = 86_400_000;

type Skeleton = {
  day: string;
  type: ConcreteType;
  order: number;
  theme?: Theme | undefined;
  /** A showcase competition: kept open (never cancelled, never turned into a correction). */
  showcase?: boolean;
};

/** Share of notices about an everyday procurement (skoleskyss, renhold, …) instead of a random CPV label. */
const THEME_SHARE = 0.12;
/** Corpora at least this big get one fresh competition per theme in the last days before `to`. */
const SHOWCASE_MIN_COUNT = 200;

const dayRange = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

/** Weekdays carry most notices; volume grows a little over the years (as Doffin's did). */
const dayPicker = (rng: Rng, days: string[]): (() => string) => {
  const cumulative: number[] = [];
  let total = 0;
  days.forEach((day, i) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const base = weekday === 0 ? 0.05 : weekday === 6 ? 0.1 : 1;
    total += base * (0.8 + (0.4 * i) / Math.max(1, days.length));
    cumulative.push(total);
  });
  return () => {
    const roll = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) > roll) hi = mid;
      else lo = mid + 1;
    }
    return days[lo] as string;
  };
};

const money = (rng: Rng): Money | null => {
  if (rng.chance(0.5)) return null;
  const raw = 10 ** (5 + rng.next() * 3.7);
  const step = 10 ** Math.max(3, Math.floor(Math.log10(raw)) - 1);
  const amount = Math.max(step, Math.round(raw / step) * step);
  const currencyCode = rng.weighted(CURRENCIES);
  return { currencyCode, amount: currencyCode === "NOK" ? amount : Math.round(amount / 10) };
};

const legacyOf = (code: string): string => {
  if (code === "NO083" || code === "NO084" || code === "NO085") return "NO082";
  if (code === "NO093" || code === "NO094") return "NO091";
  if (code === "NO072" || code === "NO073") return "NO074";
  return code;
};

const locations = (rng: Rng, buyer: Buyer, day: string): string[] => {
  const roll = rng.next();
  if (roll < 0.002) return [];
  if (roll < 0.012) return ["NOZZZ"];
  if (roll < 0.017) return [rng.pick(FOREIGN_LOCATIONS)];
  if (roll < 0.037) return ["anyw-cou"];
  if (roll < 0.042) return ["anyw-eea"];
  let codes: string[];
  if (buyer.county === null) {
    codes = rng.chance(0.45)
      ? ["anyw"]
      : rng.chance(0.8)
        ? [rng.pick(NUTS_2024_LEVEL3)]
        : rng.shuffle(NUTS_2024_LEVEL3).slice(0, rng.int(2, 3));
  } else if (rng.chance(0.12)) {
    codes = ["anyw"];
  } else {
    codes = rng.chance(0.1) ? [buyer.county, rng.pick(NUTS_2024_LEVEL3)] : [buyer.county];
  }
  // Before the 2024 county reform Doffin carried the NUTS 2021 codes (Viken, Vestfold og Telemark, …).
  if (day < "2024-01-01" && rng.chance(0.7)) codes = codes.map(legacyOf);
  return [...new Set(codes)];
};

const issueTime = (rng: Rng, day: string, lagDays: number): string => {
  const ms = Date.parse(`${day}T00:00:00Z`) - lagDays * DAY_MS + rng.int(5 * 3600, 20 * 3600) * 1000;
  return toIsoSeconds(ms);
};

const deadlineFor = (rng: Rng, type: ConcreteType, issueDate: string): string | null => {
  const issueDay = issueDate.slice(0, 10);
  const clock = rng.weighted(DEADLINE_TIMES);
  switch (type) {
    case "ANNOUNCEMENT_OF_COMPETITION":
      return rng.chance(0.01) ? null : `${addDays(issueDay, rng.int(14, 60))}T${clock}`;
    case "DYNAMIC_PURCHASING_SCHEME":
    case "QUALIFICATION_SCHEME":
      return rng.chance(0.3) ? null : `${addDays(issueDay, rng.int(365, 1500))}T${clock}`;
    case "PRE_ANNOUNCEMENT":
      return rng.chance(0.3) ? null : `${addDays(issueDay, rng.int(30, 120))}T${clock}`;
    case "ADVISORY_NOTICE":
    case "NOTICE_ON_BUYER_PROFILE":
      return null;
    default:
      return rng.chance(0.25) ? `${addDays(issueDay, -rng.int(20, 90))}T${clock}` : null;
  }
};

export type Pools = { buyers: Buyer[]; winners: Org[] };

export const buildPools = (seed: number): Pools => {
  const rng = createRng(seed ^ 0x5eed);
  return { buyers: buildBuyers(rng), winners: buildWinners(rng) };
};

const BUYER_KIND = {
  county: / fylkeskommune$/,
  municipality: / kommune\b/,
  local: /kommune\b/,
  any: /./,
} as const;

/** One fully populated notice (without id; the caller assigns ids in publication order); `theme` picks an everyday procurement. */
export const makeNotice = (
  rng: Rng,
  pools: Pools,
  type: ConcreteType,
  day: string,
  theme?: Theme,
): MasterNotice => {
  const fitting = theme ? pools.buyers.filter((b) => BUYER_KIND[theme.buyer].test(b.name)) : [];
  const buyer = rng.pick(fitting.length > 0 ? fitting : pools.buyers);
  const buyers: Org[] = [{ id: buyer.id, organizationId: buyer.organizationId, name: buyer.name }];
  if (rng.chance(0.07)) {
    for (const extra of rng.shuffle(pools.buyers).slice(0, rng.int(1, 2))) {
      if (extra.id !== buyer.id)
        buyers.push({ id: extra.id, organizationId: extra.organizationId, name: extra.name });
    }
  }
  const themed = theme ? rng.shuffle([...theme.cpv]).slice(0, rng.int(1, 2)) : [];
  const division = themed[0]?.slice(0, 2) ?? pickDivision(rng);
  const direct = theme
    ? themed
    : [...new Set(Array.from({ length: rng.int(1, 4) }, () => pickCpvIn(rng, division)))];
  if (!theme && rng.chance(0.15)) direct.push(pickCpvIn(rng, pickDivision(rng)));
  const all = new Set(direct);
  for (const code of direct) for (const a of cpvAncestors(code)) all.add(a);
  const lagDays = rng.weighted(LAG_DAYS);
  const issueDate = issueTime(rng, day, Number(lagDays));
  const locationIds = locations(rng, buyer, day);
  const rollUp = ROLL_UP[type];
  const allTypes: NoticeType[] = rng.chance(0.5) ? [type, rollUp] : [rollUp, type];
  if (rollUp === "COMPETITION" && rng.chance(0.03)) allTypes.push("PLANNING", "NOTICE_ON_BUYER_PROFILE");
  const estimatedValue = money(rng);
  const place = placeName(buyer.county ?? locationIds[0] ?? "anyw", buyer.name);
  const heading = composeHeading(
    rng,
    type,
    division,
    direct[0] as string,
    buyer.name,
    place,
    day.slice(0, 4),
    theme,
  );
  const description = composeDescription(rng, heading, buyer.name, place);
  const isResult = rollUp === "RESULT";
  const hasWinners =
    type === "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT" ||
    type === "ANNOUNCEMENT_OF_INTENT" ||
    type === "CHANGE_OF_CONCLUSION_OF_CONTRACT";
  const lots = drawLots(rng, pools.winners, heading, description, hasWinners);
  // An award names at least the winning tender; cancelled awards may have received none.
  const tenders = type === "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT" ? rng.int(1, 12) : 0;
  const big = (estimatedValue?.amount ?? 0) > 1_300_000;
  const sentToTed = rng.chance(big ? 0.7 : 0.1);
  return {
    id: "",
    eFormId: rng.uuid(),
    procedureId: rng.uuid(),
    heading,
    description,
    buyers,
    locationIds,
    placeOfPerformance: locationIds.map(locationName),
    estimatedValue,
    type,
    allTypes,
    fixedStatus: null,
    issueDate,
    publicationDate: day,
    deadline: deadlineFor(rng, type, issueDate),
    receivedTenders: isResult && rng.chance(0.7) ? tenders : null,
    allReceivedTenders:
      type === "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT" && rng.chance(0.6)
        ? [
            { type: "tenders", total: tenders },
            { type: "t-esubm", total: rng.int(0, 8) },
          ]
        : null,
    cpvCodes: rng.shuffle([...all]),
    cpvDirect: direct,
    contractNature: natureOf(division),
    strategicLabels: rng.chance(rollUp === "COMPETITION" ? 0.08 : 0.03) ? ["ENVIRONMENT_PROCUREMENT"] : [],
    sentToTed,
    tedId:
      sentToTed && rng.chance(0.8)
        ? `${String(rng.int(1, 99_999_999)).padStart(8, "0")}-${day.slice(0, 4)}`
        : null,
    competitionDocsUrl:
      rollUp === "COMPETITION" || rng.chance(0.5) ? `${rng.pick(DOCS_HOSTS)}${rng.int(1000, 99999)}` : null,
    regulationUrl: rng.chance(0.9) ? "https://lovdata.no/dokument/SF/forskrift/2016-08-12-974?q=foa" : null,
    mainActivity: rng.pick(MAIN_ACTIVITIES),
    procedureType: rng.pick(PROCEDURE_TYPES),
    lots,
    correctsId: null,
    changeReason: null,
    withdrawn: false,
    fixture: false,
  };
};

/** Per-year sequential ids, skipping the ids the real fixtures use. */
export const createIdAllocator = (reserved: ReadonlySet<string>) => {
  const next = new Map<string, number>();
  return (year: string): string => {
    let n = next.get(year) ?? 100_001;
    let id = `${year}-${String(n).padStart(6, "0")}`;
    while (reserved.has(id)) {
      n += 1;
      id = `${year}-${String(n).padStart(6, "0")}`;
    }
    next.set(year, n + 1);
    return id;
  };
};

export const generateCorpus = (
  options: GeneratorOptions,
  pools = buildPools(options.seed),
): MasterNotice[] => {
  const rng = createRng(options.seed);
  const days = dayRange(options.from, options.to);
  if (days.length === 0 || options.count <= 0) return [];
  const pickDay = dayPicker(rng, days);
  const hot = options.hotDays && options.hotDays.days.length > 0 ? options.hotDays : undefined;
  const hotCount = hot ? Math.round(Math.min(1, Math.max(0, hot.share)) * options.count) : 0;
  const skeletons: Skeleton[] = [];
  // The showcase takes the last indices, after the hot-day share and the ten concrete types.
  const showcaseFrom =
    options.count >= SHOWCASE_MIN_COUNT
      ? Math.max(hotCount, CONCRETE.length, options.count - THEMES.length)
      : options.count;
  for (let i = 0; i < options.count; i++) {
    // The first ten cover every concrete type, so even a tiny corpus has all 13 types (with roll-ups).
    if (i < CONCRETE.length) {
      const day = hot && i < hotCount ? rng.pick(hot.days) : pickDay();
      skeletons.push({ day, type: CONCRETE[i] as ConcreteType, order: i });
    } else if (i >= showcaseFrom) {
      // One competition per theme published in the last five days before `to`: its deadline (≥ 14 days
      // after issue, issue ≤ 7 days before publication) is still ahead, so "skoleskyss", "brannbil" …
      // find an ACTIVE competition in every default corpus, whatever the clock.
      const k = i - showcaseFrom;
      const back = k % 5;
      const day = [addDays(options.to, -back), options.from].sort()[1] as string; // the later day (ISO strings)
      const theme = THEMES[k];
      skeletons.push({ day, type: "ANNOUNCEMENT_OF_COMPETITION", order: i, theme, showcase: true });
    } else {
      const type = rng.weighted(TYPE_WEIGHTS);
      const day = hot && i < hotCount ? rng.pick(hot.days) : pickDay();
      const theme = rng.chance(THEME_SHARE) ? rng.pick(THEMES) : undefined;
      skeletons.push({ day, type, order: i, theme });
    }
  }
  skeletons.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.order - b.order));

  const allocate = createIdAllocator(options.reservedIds ?? new Set());
  const out: MasterNotice[] = [];
  const openCompetitions: MasterNotice[] = [];
  for (const s of skeletons) {
    let notice = makeNotice(rng, pools, s.type, s.day, s.theme);
    const pool = openCompetitions.length;
    if (s.showcase) {
      // Stays an open competition of its own (see the showcase skeletons above).
    } else if (s.type === "ANNOUNCEMENT_OF_COMPETITION" && pool > 0 && rng.chance(0.03)) {
      // Corrections follow their original within days: take one of the latest competitions.
      const recent = openCompetitions[pool - 1 - rng.int(0, Math.min(30, pool - 1))] as MasterNotice;
      if (recent.publicationDate < s.day) notice = correctionOf(rng, recent, notice);
    } else if (s.type === "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT" && pool > 0 && rng.chance(0.3)) {
      // Awards come after the deadline: try a few competitions from the whole (recent-months) buffer.
      for (let attempt = 0; attempt < 4; attempt++) {
        if (linkAward(rng, openCompetitions[rng.int(0, pool - 1)] as MasterNotice, notice)) break;
      }
    } else if (notice.type === "ANNOUNCEMENT_OF_COMPETITION" && rng.chance(0.02) && s.day < options.to) {
      notice.fixedStatus = "CANCELLED";
    }
    notice.id = allocate(s.day.slice(0, 4));
    out.push(notice);
    if (notice.type === "ANNOUNCEMENT_OF_COMPETITION" && notice.fixedStatus === null) {
      openCompetitions.push(notice);
      if (openCompetitions.length > 4000) openCompetitions.splice(0, 1000);
    }
  }
  return out;
};

/** A correction: a new notice (new id, new eForm UUID) of the same procedure with a moved deadline. */
const correctionOf = (rng: Rng, original: MasterNotice, fresh: MasterNotice): MasterNotice => ({
  ...original,
  id: "",
  eFormId: fresh.eFormId,
  issueDate: fresh.issueDate,
  publicationDate: fresh.publicationDate,
  deadline: original.deadline
    ? `${addDays(original.deadline.slice(0, 10), rng.int(3, 14))}${original.deadline.slice(10)}`
    : null,
  correctsId: original.id,
  changeReason: rng.pick(CHANGE_REASONS),
  lots: original.lots.map((l) => ({ ...l, winner: [] })),
});

/** An award notice for an earlier competition: same procedure, buyers and CPV; the competition becomes AWARDED. */
const linkAward = (rng: Rng, competition: MasterNotice, award: MasterNotice): boolean => {
  if (competition.fixedStatus !== null || (competition.deadline ?? "9") > award.issueDate) return false;
  competition.fixedStatus = "AWARDED";
  award.procedureId = competition.procedureId;
  award.buyers = competition.buyers;
  award.cpvCodes = competition.cpvCodes;
  award.cpvDirect = competition.cpvDirect;
  award.locationIds = competition.locationIds;
  award.placeOfPerformance = competition.placeOfPerformance;
  award.contractNature = competition.contractNature;
  award.heading = rng.chance(0.5) ? `Kontraktstildeling - ${competition.heading}` : competition.heading;
  award.lots = competition.lots.map((l) => ({ ...l, winner: award.lots[0]?.winner ?? [] }));
  if (rng.chance(0.5)) award.estimatedValue = competition.estimatedValue;
  return true;
};
