/**
 * The emulator at the tracker's backfill scale: generation time and memory of a 160,000-notice corpus,
 * and the latency of typical queries (in-process, no HTTP).
 *
 *   cd /work/main && . scripts/env.sh && cd bench && pnpm exec tsx emulator-perf.ts [count]
 *
 * Figures, not assertions.
 */
import { createEmulator } from "@doffin/emulator";

const count = Number(process.argv[2] ?? 160_000);
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const heapBefore = process.memoryUsage().heapUsed;
let started = performance.now();
const emu = createEmulator({ seed: 1, count, now: "2026-09-29T12:00:00Z", rateLimit: false });
const genMs = performance.now() - started;
globalThis.gc?.();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
console.log(
  `corpus: ${emu.health().notices} notices generated in ${(genMs / 1000).toFixed(2)} s, heap +${heapMb.toFixed(0)} MB`,
);

const web = (body: unknown) =>
  new Request("http://emu/webclient/api/v2/search-api/search", {
    method: "POST",
    body: JSON.stringify(body),
  });
const pub = (qs: string) =>
  new Request(`http://emu/public/v2/search?${qs}`, { headers: { "Ocp-Apim-Subscription-Key": "test-key" } });

const cases: [string, () => Request][] = [
  [
    "web: 1-day window, 100 hits + facets",
    () => web({ numHitsPerPage: 100, facets: { publicationDate: { from: "2025-03-04", to: "2025-03-04" } } }),
  ],
  [
    "web: 7-day window, 100 hits + facets",
    () => web({ numHitsPerPage: 100, facets: { publicationDate: { from: "2025-03-03", to: "2025-03-09" } } }),
  ],
  [
    "web: 1-day window, page 3 of 20, ASC",
    () =>
      web({
        numHitsPerPage: 20,
        page: 3,
        sortBy: "PUBLICATION_DATE_ASC",
        facets: { publicationDate: { from: "2025-03-04", to: "2025-03-04" } },
      }),
  ],
  ["web: whole corpus, 20 hits + facets", () => web({ numHitsPerPage: 20 })],
  [
    "web: whole corpus, type=COMPETITION + status",
    () => web({ facets: { type: { checkedItems: ["COMPETITION"] }, status: { checkedItems: ["ACTIVE"] } } }),
  ],
  ["web: searchString 'skole' (relevance)", () => web({ searchString: "skole" })],
  ["web: searchString 'it' (relevance)", () => web({ searchString: "it" })],
  ["web: searchString 'skole*' (prefix, relevance)", () => web({ searchString: "skole*" })],
  [
    "web: searchString 'renhold' + 7-day window",
    () =>
      web({ searchString: "renhold", facets: { publicationDate: { from: "2025-03-03", to: "2025-03-09" } } }),
  ],
  ["public: searchString 'skoleskyss fylkeskommune'", () => pub("searchString=skoleskyss%20fylkeskommune")],
  ["public: issueDateFrom/To one Oslo day", () => pub("issueDateFrom=2025-03-04&issueDateTo=2025-03-04")],
  ["public: default page (15 hits)", () => pub("")],
  ["public: type=RESULT, 100 hits", () => pub("type=RESULT&numHitsPerPage=100")],
  ["public: sortBy=DEADLINE, 100 hits", () => pub("sortBy=DEADLINE&numHitsPerPage=100")],
  ["web: notice detail", () => new Request("http://emu/webclient/api/v2/notices-api/notices/2026-107918")],
];

// The first free-text search builds every notice's searchable text (folded words) once.
started = performance.now();
await (await emu.fetch(web({ searchString: "skole" }))).text();
console.log(
  `first free-text search (builds the word index of every notice): ${(performance.now() - started).toFixed(0)} ms`,
);

console.log("\nquery (median of 15 runs, in-process)                 ms");
for (const [name, make] of cases) {
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    started = performance.now();
    const res = await emu.fetch(make());
    await res.text();
    times.push(performance.now() - started);
  }
  console.log(`${name.padEnd(52)} ${median(times).toFixed(2).padStart(7)}`);
}
