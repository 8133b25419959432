import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type HarvestSource,
  type HarvestState,
  HarvestState as HarvestStateSchema,
  type HarvestWindow,
  initialHarvestState,
  type NoticeSummary,
  runHarvest,
  splitWindowByDays,
} from "../src/index";

type Fake = { id: string; day: string; type: string; also?: string; status?: string };

const hit = (f: Fake): NoticeSummary => ({
  id: f.id,
  url: "",
  heading: f.id,
  description: "",
  type: f.type,
  allTypes: f.also ? [f.type, f.also] : [f.type],
  status: f.status ?? null,
  buyers: [],
  locations: [],
  placeOfPerformance: [],
  issuedAt: null,
  publishedOn: f.day,
  deadline: null,
  estimatedValue: null,
  cpvCodes: null,
  sentToTed: null,
  lots: [],
  strategicLabels: [],
  receivedTenders: null,
});

/** A fake upstream with Doffin's cap: only the first 1000 hits of a query are reachable. */
function fakeSource(corpus: Fake[], opts: { failAfter?: number } = {}) {
  let calls = 0;
  const source: HarvestSource & { calls: () => number } = {
    calls: () => calls,
    async fetchPage(w: HarvestWindow, page: number, pageSize: number) {
      if (opts.failAfter !== undefined && calls >= opts.failAfter) throw new Error("boom");
      calls++;
      expect(pageSize).toBeLessThanOrEqual(100);
      expect(page * pageSize).toBeLessThanOrEqual(1000);
      const only = w.types ?? (w.type ? [w.type] : null);
      const hits = corpus.filter(
        (f) =>
          f.day >= w.from &&
          f.day <= w.to &&
          (!only || only.includes(f.type) || (f.also !== undefined && only.includes(f.also))) &&
          (!w.status || f.status === w.status),
      );
      const start = (page - 1) * pageSize;
      const typeCounts: Record<string, number> = {};
      const statusCounts: Record<string, number> = {};
      for (const h of hits) {
        typeCounts[h.type] = (typeCounts[h.type] ?? 0) + 1;
        if (h.status) statusCounts[h.status] = (statusCounts[h.status] ?? 0) + 1;
      }
      return {
        items: hits.slice(start, start + pageSize).map(hit),
        total: hits.length,
        typeCounts,
        statusCounts,
      };
    },
  };
  return source;
}

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const TYPES = ["ANNOUNCEMENT_OF_COMPETITION", "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT", "ADVISORY_NOTICE"];

function corpus(perDay: number[], hot: Record<number, number> = {}): Fake[] {
  const out: Fake[] = [];
  let seq = 100000;
  perDay.forEach((n, d) => {
    const count = hot[d] ?? n;
    for (let i = 0; i < count; i++)
      out.push({ id: `2026-${seq++}`, day: day(d), type: TYPES[i % TYPES.length] ?? "" });
  });
  return out;
}

async function harvestAll(source: HarvestSource, state: HarvestState, budget: number) {
  const got: string[] = [];
  let runs = 0;
  let s = state;
  while (!s.done) {
    const run = await runHarvest({
      source,
      state: s,
      budget,
      onItems: (items) => void got.push(...items.map((i) => i.id)),
    });
    // Round-trip through JSON like the tracker does between invocations.
    s = HarvestStateSchema.parse(JSON.parse(JSON.stringify(run.state)));
    expect(run.requests).toBeLessThanOrEqual(budget);
    runs++;
    if (runs > 10_000) throw new Error("no progress");
  }
  return { got, runs, state: s };
}

describe("splitWindowByDays", () => {
  it("covers the window exactly, without gaps or overlaps", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 400 }), fc.integer({ min: 1001, max: 50_000 }), (days, total) => {
        const w = { from: day(0), to: day(days - 1) };
        const parts = splitWindowByDays(w, total, 900);
        expect(parts[0]?.from).toBe(w.from);
        expect(parts.at(-1)?.to).toBe(w.to);
        for (let i = 1; i < parts.length; i++) {
          const prevTo = Date.parse(parts[i - 1]?.to ?? "");
          expect(Date.parse(parts[i]?.from ?? "") - prevTo).toBe(86_400_000);
        }
        expect(parts.length).toBeGreaterThanOrEqual(2);
      }),
    );
  });
});

describe("runHarvest", () => {
  it("harvests every notice exactly once past the cap, including days over 1000 hits", async () => {
    const docs = corpus(Array(60).fill(60), { 10: 1500, 11: 2500, 40: 1200 });
    const source = fakeSource(docs);
    const { got, runs, state } = await harvestAll(source, initialHarvestState(day(0), day(59)), 45);
    expect(new Set(got).size).toBe(got.length);
    expect([...got].sort()).toEqual(docs.map((d) => d.id).sort());
    expect(runs).toBeGreaterThan(1);
    expect(state.truncated).toEqual([]);
    expect(state.harvested).toBe(docs.length);
    expect(state.requests).toBe(source.calls());
    // Near the minimum of one request per 100 notices.
    expect(source.calls()).toBeLessThan(Math.ceil(docs.length / 100) * 1.3);
  });

  it("records a day/type window it cannot split below the cap and harvests its first 1000", async () => {
    const docs = corpus([10, 3300, 10]); // 1100 of each type on day 1
    const { got, state } = await harvestAll(fakeSource(docs), initialHarvestState(day(0), day(2)), 45);
    expect(state.truncated).toHaveLength(3);
    expect(got).toHaveLength(20 + 3000);
    expect(new Set(got).size).toBe(got.length);
  });

  it("resumes after a failure without losing or repeating a notice (every failure point)", async () => {
    const docs = corpus(Array(20).fill(80), { 5: 1300 });
    const clean = await harvestAll(fakeSource(docs), initialHarvestState(day(0), day(19)), 1000);
    for (let k = 0; k < 30; k++) {
      const got = new Set<string>();
      const first = await runHarvest({
        source: fakeSource(docs, { failAfter: k }),
        state: initialHarvestState(day(0), day(19)),
        budget: 1000,
        onItems: (items) => {
          for (const i of items) got.add(i.id);
        },
      });
      expect(first.error).toBeInstanceOf(Error);
      const rest = await harvestAll(fakeSource(docs), first.state, 7);
      for (const id of rest.got) got.add(id);
      // Items after the failure point are delivered once; before it at most the failed page repeats.
      expect(rest.got.length + first.harvested).toBe(docs.length);
      expect([...got].sort()).toEqual([...clean.got].sort());
    }
  });

  it("de-duplicates ids repeated across pages of one window", async () => {
    const docs = corpus([250]);
    const base = fakeSource(docs);
    const shifty: HarvestSource = {
      async fetchPage(w, page, size) {
        const res = await base.fetchPage(w, page, size);
        // Upstream tie-order shift: page 2 repeats the last hit of page 1.
        if (page === 2 && res.items[0]) res.items[0] = hit(docs[99] as Fake);
        return res;
      },
    };
    const { got, state } = await harvestAll(shifty, initialHarvestState(day(0), day(0)), 45);
    expect(new Set(got).size).toBe(got.length);
    expect(got).toHaveLength(249);
    expect(state.short).toBe(1);
    // The short window is named, with how many of its hits were served, so a consumer can report it.
    expect(state.shortWindows).toEqual([{ window: { from: day(0), to: day(0) }, total: 250, seen: 249 }]);
  });

  it("parses a state saved before shortWindows existed", () => {
    const { shortWindows: _drop, ...old } = initialHarvestState(day(0), day(3));
    expect(HarvestStateSchema.parse(old).shortWindows).toEqual([]);
  });

  it("splits windows on calendar days across a DST change and a month end", () => {
    // 2026-03-29 is the spring-forward day in Oslo: a 23-hour day must still count as one window day.
    const parts = splitWindowByDays({ from: "2026-03-28", to: "2026-04-02" }, 3000, 900);
    expect(parts.map((p) => [p.from, p.to])).toEqual([
      ["2026-03-28", "2026-03-28"],
      ["2026-03-29", "2026-03-30"],
      ["2026-03-31", "2026-03-31"],
      ["2026-04-01", "2026-04-02"],
    ]);
  });

  it("delivers a notice listing two concrete types once, from its own type's window", async () => {
    // Day 1 is over the cap, so it is split by type; a third of its notices also list another type.
    const docs = corpus([10, 1800, 10]).map((d, i) => (i % 3 === 0 ? { ...d, also: "ADVISORY_NOTICE" } : d));
    const { got, state } = await harvestAll(fakeSource(docs), initialHarvestState(day(0), day(2)), 45);
    expect(got).toHaveLength(docs.length);
    expect(new Set(got).size).toBe(docs.length);
    expect(state.short).toBe(0);
  });

  it("splits an over-full (day, type) by status when every hit has one", async () => {
    const statuses = ["ACTIVE", "EXPIRED", "AWARDED", "CANCELLED"];
    const docs = corpus([10, 3300, 10]).map((d, i) => ({ ...d, status: statuses[i % 4] }));
    const { got, state } = await harvestAll(fakeSource(docs), initialHarvestState(day(0), day(2)), 45);
    expect(state.truncated).toEqual([]);
    expect([...got].sort()).toEqual(docs.map((d) => d.id).sort());
  });

  it("finishes at once on an empty range", async () => {
    const source = fakeSource([]);
    const { got, state } = await harvestAll(source, initialHarvestState(day(0), day(9)), 45);
    expect(got).toEqual([]);
    expect(state.done).toBe(true);
    expect(source.calls()).toBe(1);
  });
});
