// The demo's "Doffin evolves" loop (started by scripts/demo.sh). Every INTERVAL seconds it advances the
// emulator's clock by 15 minutes, applies a couple of random real-world changes to active competitions
// (deadline moved, value changed, cancelled, awarded, corrected, withdrawn) through the emulator's control
// API, then fires the tracker's cron handler, so `/v1/changes` fills with typed events you can watch.
// Plain Node (>= 20), no dependencies. Env: EMU, TRACKER, INTERVAL (seconds, default 20), SEED.
const EMU = process.env.EMU ?? "http://127.0.0.1:8790";
const TRACKER = process.env.TRACKER ?? "http://127.0.0.1:8788";
const INTERVAL_MS = Number(process.env.INTERVAL ?? 20) * 1000;
const CRON = "*/15 * * * *";

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

function mutationFor(hit) {
  const kind = pick(["deadline", "deadline", "value", "status", "award", "correct", "withdraw"]);
  switch (kind) {
    case "deadline": {
      const base = hit.deadline ? Date.parse(hit.deadline) : Date.now();
      const shiftDays = pick([-3, 2, 7, 14]);
      return { op: "deadline", deadline: new Date(base + shiftDays * 86_400_000).toISOString() };
    }
    case "value":
      return {
        op: "value",
        estimatedValue: { amount: Math.round(100_000 + random() * 9_900_000), currencyCode: "NOK" },
      };
    case "status":
      return { op: "status", status: "CANCELLED" };
    case "award":
      return {
        op: "award",
        winners: [
          { name: pick(["Nordvik Bygg AS", "Fjordtech AS", "Kyst IT AS"]), organizationId: "987654321" },
        ],
      };
    case "correct":
      return { op: "correct", changes: { heading: `${hit.heading} (rettelse)` } };
    default:
      return { op: "withdraw" };
  }
}

async function tick() {
  const { now } = await json(`${EMU}/_emulator/clock`, {
    method: "POST",
    body: JSON.stringify({ advanceMs: 900_000 }),
  });
  const hits = await activeCompetitions();
  const changes = Math.min(hits.length, 1 + Math.floor(random() * 2));
  for (let i = 0; i < changes; i++) {
    const hit = pick(hits);
    const mutation = mutationFor(hit);
    try {
      const res = await json(`${EMU}/_emulator/notices/${hit.id}/mutations`, {
        method: "POST",
        body: JSON.stringify(mutation),
      });
      const extra = res.id && res.id !== hit.id ? ` → new notice ${res.id}` : "";
      console.error(`churn: ${hit.id} ${mutation.op}${extra}`);
    } catch (err) {
      console.error(`churn: ${hit.id} ${mutation.op} skipped (${err.message})`);
    }
  }
  const cron = await fetch(`${TRACKER}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(CRON)}`);
  console.error(`churn: clock ${now}; tracker sweep ${cron.ok ? "ran" : `failed (${cron.status})`}`);
}

let stopped = false;
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => (stopped = true));
// The first sweep records the baseline (`created` events); changes follow from the next tick on.
await fetch(`${TRACKER}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(CRON)}`).catch(() => undefined);
while (!stopped) {
  await new Promise((r) => setTimeout(r, INTERVAL_MS));
  if (stopped) break;
  await tick().catch((err) => console.error(`churn: tick failed (${err.message})`));
}
