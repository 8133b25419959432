import { createEmulator } from "@doffin/emulator";
import { createNavEmulator } from "@doffin/emulator-nav";
import { foldSearchWords } from "../src/alerts/text-terms";
import { createDoffinClient } from "../src/client/index";
import type { ResolvedSearchFilters } from "../src/domain/filters";
import type { Notice, NoticeSummary } from "../src/domain/notice";
import { CONTRACT_NATURES, NOTICE_STATUSES, NOTICE_TYPES } from "../src/domain/vocabulary";
import { createNavClient } from "../src/nav/client";

/**
 * The alert tests' corpus: the emulator's generated notices (plus the real captures), read through core's
 * own clients in-process — web client hits and details, Public API CPV codes — so the predicate is
 * compared with what the gateway itself would get.
 */

export const NOW = "2026-12-01T12:00:00Z";

export const startCorpus = async (seed: number, count: number) => {
  const emu = createEmulator({ now: NOW, seed, count, rateLimit: false, apiKeys: ["test-key"] });
  const fetchEmu: typeof fetch = async (input, init) => emu.fetch(new Request(input, init));
  const web = createDoffinClient({ baseUrl: "http://emu", fetch: fetchEmu, retry: { attempts: 1 } });
  /** Every hit of a search (the corpus stays under Doffin's 1000-hit window). */
  const searchAll = async (
    client: typeof web,
    filters: Omit<ResolvedSearchFilters, "page" | "limit">,
  ): Promise<NoticeSummary[]> => {
    const out: NoticeSummary[] = [];
    for (let page = 1; page <= 10; page++) {
      const res = await client.search({ ...filters, page, limit: 100, sort: "published_desc" });
      out.push(...res.items);
      if (page * 100 >= res.total) break;
    }
    return out;
  };
  const pub = createDoffinClient({
    baseUrl: "http://emu",
    kind: "public-api",
    apiKey: "test-key",
    fetch: fetchEmu,
    retry: { attempts: 1 },
  });
  // CPV codes as Doffin indexes them (Public API hits); a captured notice's list can skip an ancestor that
  // the detail's expansion adds, and the search follows the indexed list.
  const cpvOf = new Map((await searchAll(pub, {})).map((n) => [n.id, n.cpvCodes]));
  // The tracker holds each notice's detail (direct CPV codes, eForm sections); so does this corpus.
  const notices: Notice[] = [];
  for (const hit of await searchAll(web, {}))
    notices.push({ ...(await web.getNotice(hit.id)), cpvCodes: cpvOf.get(hit.id) ?? null });
  return { emu, web, searchAll, notices };
};

/** A small seeded PRNG (mulberry32), so every random query of a failing run can be replayed. */
export const createRng = (seed: number) => {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const chance = (p: number): boolean => next() < p;
  const some = <T>(xs: readonly T[], max: number): T[] => {
    const n = 1 + int(max);
    return [...new Set(Array.from({ length: n }, () => pick(xs)))];
  };
  return { next, int, pick, chance, some };
};
export type Rng = ReturnType<typeof createRng>;

const COUNTY_NAMES = ["Oslo", "Vestland", "Viken", "Innlandet", "Trøndelag", "Nordland", "Agder", "Rogaland"];

/** A random search built from the corpus' own values, 1–3 filters, raw as a caller would send it. */
export const randomNoticeParams = (rng: Rng, notices: NoticeSummary[]): Record<string, string | string[]> => {
  const n = rng.pick(notices);
  const params: Record<string, string | string[]> = {};
  const builders: (() => void)[] = [
    () => {
      const words = foldSearchWords(`${n.heading} ${rng.chance(0.3) ? n.description : ""}`).split(" ");
      const w = rng.pick(words.filter((x) => x.length > 0));
      const second = rng.chance(0.3) ? ` ${rng.pick(words)}` : "";
      params.q =
        rng.chance(0.3) && w.length > 3
          ? `${w.slice(0, 2 + rng.int(w.length - 2))}*${second}`
          : `${w}${second}`;
    },
    () => {
      params.type = rng.some(rng.chance(0.5) ? ["PLANNING", "COMPETITION", "RESULT"] : NOTICE_TYPES, 2);
    },
    () => {
      params.status = rng.some(NOTICE_STATUSES, 2);
    },
    () => {
      const code = rng.pick(n.cpvCodes ?? ["72000000"]);
      const cut = rng.pick([2, 3, 4, 8]);
      params.cpv = cut === 8 ? code : `${code.slice(0, cut)}*`;
    },
    () => {
      params.location = rng.chance(0.5)
        ? rng.some(COUNTY_NAMES, 2)
        : [rng.pick(n.locations.length > 0 ? n.locations : ["NO081"])];
    },
    () => {
      params.contract_nature = rng.some(CONTRACT_NATURES, 2);
    },
    () => {
      const day = n.publishedOn ?? "2026-06-01";
      if (rng.chance(0.5)) params.published_from = day;
      else params.published_to = day;
    },
  ];
  const count = 1 + rng.int(3);
  for (let i = 0; i < count; i++) rng.pick(builders)();
  return params;
};

/** A search hit with every field set (an open competition), for hand-written cases. */
export const noticeHit = (id: string, over: Partial<NoticeSummary> = {}): NoticeSummary => ({
  id,
  url: `https://www.doffin.no/notices/${id}`,
  heading: `Notice ${id}`,
  description: "",
  type: "ANNOUNCEMENT_OF_COMPETITION",
  allTypes: ["ANNOUNCEMENT_OF_COMPETITION", "COMPETITION"],
  status: "ACTIVE",
  buyers: [],
  locations: [],
  placeOfPerformance: [],
  issuedAt: null,
  publishedOn: "2026-11-20",
  deadline: "2026-12-20T12:00:00Z",
  estimatedValue: null,
  cpvCodes: null,
  sentToTed: null,
  lots: [],
  strategicLabels: [],
  receivedTenders: null,
  ...over,
});

/** The NAV emulator in-process and core's NAV client reading it (no sockets). */
export const inProcessNav = (options: { seed: number; count: number; now: string }) => {
  const emu = createNavEmulator({ ...options, waf: false });
  const nav = createNavClient({
    feedBaseUrl: "http://nav",
    searchBaseUrl: "http://nav",
    fetch: async (input, init) => emu.fetch(new Request(input, init)),
    retry: { attempts: 1 },
  });
  return { emu, nav };
};
