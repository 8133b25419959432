// The demo's "Doffin evolves" loop (started by scripts/demo.sh). Time in the demo is real time: the
// emulator's clock starts at real now, and every INTERVAL seconds this loop sets it to real now again
// (it never jumps ahead), applies a couple of real-world changes to active competitions (deadline moved,
// value changed, cancelled, awarded, corrected, withdrawn) through the emulator's control API, then runs
// one tracker tick (POST /_demo/tick, the demo entry's synchronous cron), so `/v1/changes` fills with
// typed events whose `detectedAt` is the moment they happened. Nothing a user sees is in the future.
// `--prime` (run by demo.sh before it prints the tour): the first sweep, one change of each kind plus a
// correction of the real captured notice 2026-107918 (which the demo's tracker watches), a second sweep,
// then exit, so the feed has varied events from the first step of the tour.
// Plain Node (>= 20), no dependencies. Env: EMU, TRACKER, INTERVAL (seconds, default 20), SEED.
const EMU = process.env.EMU ?? "http://127.0.0.1:8790";
const TRACKER = process.env.TRACKER ?? "http://127.0.0.1:8788";
const INTERVAL_MS = Number(process.env.INTERVAL ?? 20) * 1000;
const PRIME = process.argv.includes("--prime");
/** The real captured notice the README tour uses (see WATCH_IDS in scripts/demo.sh). */
const TOUR_NOTICE = "2026-107918";

// Deterministic choices (mulberry32), so two demo runs with the same seed tell the same story.
let state = Number(process.env.SEED ?? 7) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (items) => items[Math.floor(random() * items.length)];

const json = async (url, init) => {
  const res = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", "x-emulator-client": "demo-churn", ...init?.headers },
  });
  if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${url} → ${res.status}`);
  return res.json();
};

async function activeCompetitions() {
  const body = {
    numHitsPerPage: 50,
    page: 1,
    searchString: "",
    sortBy: "PUBLICATION_DATE_DESC",
    facets: { type: { checkedItems: ["COMPETITION"] }, status: { checkedItems: ["ACTIVE"] } },
  };
  const res = await json(`${EMU}/webclient/api/v2/search-api/search`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  return res.hits ?? [];
}

const mutations = {
  deadline: (hit) => {
    const base = hit.deadline ? Date.parse(hit.deadline) : Date.now();
    const shiftDays = pick([-3, 2, 7, 14]);
    return { op: "deadline", deadline: new Date(base + shiftDays * 86_400_000).toISOString() };
  },
  value: () => ({
    op: "value",
    estimatedValue: { amount: Math.round(100_000 + random() * 9_900_000), currencyCode: "NOK" },
  }),
  status: () => ({ op: "status", status: "CANCELLED" }),
  award: () => ({
    op: "award",
    winners: [{ name: pick(["Nordvik Bygg AS", "Fjordtech AS", "Kyst IT AS"]), organizationId: "987654321" }],
  }),
  correct: (hit) => ({ op: "correct", changes: { heading: `${hit.heading} (rettelse)` } }),
  withdraw: () => ({ op: "withdraw" }),
};

async function mutate(id, mutation) {
  try {
    const res = await json(`${EMU}/_emulator/notices/${id}/mutations`, {
      method: "POST",
      body: JSON.stringify(mutation),
    });
    const extra = res.id && res.id !== id ? ` → new notice ${res.id}` : "";
    console.error(`churn: ${id} ${mutation.op}${extra}`);
  } catch (err) {
    console.error(`churn: ${id} ${mutation.op} skipped (${err.message})`);
  }
}

/** The emulator's clock follows real time: set, never advanced past it. */
const syncClock = () =>
  json(`${EMU}/_emulator/clock`, { method: "POST", body: JSON.stringify({ set: new Date().toISOString() }) });

/** One tracker tick, run to the end (the demo entry's POST /_demo/tick). */
async function sweep() {
  const res = await fetch(`${TRACKER}/_demo/tick`, { method: "POST" });
  if (!res.ok) throw new Error(`tracker tick → ${res.status}`);
  const { sweep: s } = await res.json();
  return s ? `${s.status}, ${s.events} events, ${s.upstreamRequests} upstream calls` : "off";
}

async function tick() {
  const { now } = await syncClock();
  const hits = await activeCompetitions();
  const changes = Math.min(hits.length, 1 + Math.floor(random() * 2));
  for (let i = 0; i < changes; i++) {
    const hit = pick(hits);
    const kind = pick(["deadline", "deadline", "value", "status", "award", "correct", "withdraw"]);
    await mutate(hit.id, mutations[kind](hit));
  }
  console.error(`churn: clock ${now}; tracker sweep ${await sweep()}`);
}

async function prime() {
  await syncClock();
  console.error(`demo: first sweep (one detail fetch per notice of the last 7 days, paced like Doffin)…`);
  console.error(`demo: first sweep ${await sweep()}`);
  const hits = await activeCompetitions();
  // One change of each kind on distinct notices, and a correction of the tour's captured notice.
  const kinds = ["deadline", "value", "status", "award", "correct", "withdraw"];
  for (const [i, kind] of kinds.entries()) {
    const hit = hits[(i * 7) % Math.max(1, hits.length)];
    if (hit) await mutate(hit.id, mutations[kind](hit));
  }
  await mutate(TOUR_NOTICE, { op: "correct", changes: { deadline: "2026-06-04T10:00:00Z" } });
  await syncClock();
  console.error(`demo: second sweep ${await sweep()}`);
}

if (PRIME) {
  await prime();
} else {
  let stopped = false;
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => (stopped = true));
  while (!stopped) {
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
    if (stopped) break;
    await tick().catch((err) => console.error(`churn: tick failed (${err.message})`));
  }
}
