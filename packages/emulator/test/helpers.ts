import { createEmulator, type Emulator, type EmulatorOptions } from "../src/index";

/** The capture date of most fixtures: with the clock here, captured statuses come back unchanged. */
export const CAPTURE_NOW = "2026-08-03T12:00:00Z";

export const makeEmulator = (options: EmulatorOptions = {}): Emulator =>
  createEmulator({ seed: 42, count: 3000, now: CAPTURE_NOW, rateLimit: false, ...options });

/** 400 notices, half of them on the clock's day (2026-07-01): one big publication-date tie. */
export const tiedEmulator = (): Emulator =>
  makeEmulator({
    count: 400,
    fixtures: false,
    now: "2026-07-01T23:00:00Z",
    hotDays: { days: ["2026-07-01"], share: 0.5 },
  });

/** Pages 1..`pages` of `size` ids each, fetched one after another and concatenated. */
export async function firstPages(
  page: (size: number, p: number) => Promise<string[]>,
  size: number,
  pages: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let p = 1; p <= pages; p++) ids.push(...(await page(size, p)));
  return ids;
}

export const KEY = { "Ocp-Apim-Subscription-Key": "test-key" };

/** GET on the Public API with the test key; `query` may repeat keys (pass an array of pairs). */
export const publicGet = (
  emu: Emulator,
  query: string | [string, string][] = "",
  headers: Record<string, string> = KEY,
) => {
  const qs = typeof query === "string" ? query : new URLSearchParams(query).toString();
  return emu.fetch(new Request(`http://emu/public/v2/search${qs ? `?${qs}` : ""}`, { headers }));
};

export type PublicBody = {
  numHitsTotal: number;
  numHitsAccessible: number;
  hits: Array<
    Record<string, unknown> & { id: string; allTypes: string[]; status: string | null; cpvCodes: string[] }
  >;
};
export type WebBody = {
  numHitsTotal: number;
  numHitsAccessible: number;
  hits: Array<
    Record<string, unknown> & {
      id: string;
      allTypes: string[];
      status: string | null;
      publicationDate: string;
    }
  >;
  facets: Record<string, { items: { id: string; total: number }[] }>;
};

export const publicSearch = async (
  emu: Emulator,
  query: string | [string, string][] = "",
): Promise<PublicBody> => {
  const res = await publicGet(emu, query);
  if (res.status !== 200) throw new Error(`public search ${res.status}: ${await res.text()}`);
  return (await res.json()) as PublicBody;
};

export const webPost = (emu: Emulator, body: unknown, path = "/webclient/api/v2/search-api/search") =>
  emu.fetch(
    new Request(`http://emu${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

export const webSearch = async (emu: Emulator, body: Record<string, unknown>): Promise<WebBody> => {
  const res = await webPost(emu, body);
  if (res.status !== 200) throw new Error(`web search ${res.status}: ${await res.text()}`);
  return (await res.json()) as WebBody;
};

export const detail = (emu: Emulator, id: string) =>
  emu.fetch(new Request(`http://emu/webclient/api/v2/notices-api/notices/${id}`));

export const control = (emu: Emulator, method: string, path: string, body?: unknown) =>
  emu.fetch(
    new Request(`http://emu/_emulator${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );

/** Every published, non-withdrawn notice, via the control API's records (ground truth for counting). */
export const allRecords = (emu: Emulator) => {
  const out = [];
  const corpus = emu.state.corpus;
  const { lo, hi } = corpus.window();
  for (let i = lo; i < hi; i++) {
    const e = corpus.at(i);
    if (!e.n.withdrawn) out.push({ ...e.n, status: corpus.status(e) });
  }
  return out;
};

/**
 * Ground truth for word search, written independently of src/text-match.ts: does `text` contain `word`
 * as a whole word (or, with `prefix`, a word starting with it), ignoring case and diacritics?
 */
export const hasWord = (text: string, word: string, prefix = false): boolean => {
  const fold = (s: string) =>
    s
      .toLocaleLowerCase("nb")
      .replaceAll("ø", "o")
      .replaceAll("æ", "ae")
      .normalize("NFKD")
      .replace(/\p{M}/gu, "");
  const w = fold(word);
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .some((t) => (prefix ? t.startsWith(w) : t === w));
};
