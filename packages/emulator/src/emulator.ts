/**
 * `createEmulator`: the runtime-agnostic core (no Node APIs) — corpus, clock, rate limit, faults, stats
 * and the Hono app serving both Doffin surfaces plus the control API.
 */
import type { Hono } from "hono";
import { buildApp } from "./app";
import { Corpus, type Entry } from "./corpus";
import { truthIn } from "./eforms/truth";
import type { Emulator, EmulatorState, NoticeRecord } from "./emulator-types";
import { FaultSpec, Faults } from "./faults";
import { FIXTURE_IDS, fixtureNotices } from "./fixtures";
import { buildPools, generateCorpus } from "./generator";
import { toIsoSeconds } from "./model";
import { Mutation, mutate, PublishInput as PublishSchema, publish } from "./mutations";
import {
  CorpusOptions as CorpusSchema,
  type EmulatorOptions,
  RateLimitPatch,
  resolveRateLimit,
} from "./options";
import { osloDay } from "./oslo";
import { createRng } from "./prng";
import { RateLimiter } from "./rate-limit";
import { Stats } from "./stats";

const toMs = (value: string | Date | undefined): number => {
  if (value === undefined) return Date.now();
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`invalid emulator clock value: ${String(value)}`);
  return ms;
};

const buildCorpus = (o: EmulatorOptions, nowMs: number) => {
  const seed = o.seed ?? 42;
  const today = osloDay(nowMs);
  const withFixtures = o.fixtures ?? true;
  const pools = buildPools(seed);
  const generated = generateCorpus(
    {
      seed,
      count: o.count ?? 2000,
      from: o.from ?? "2017-01-02",
      to: o.to ?? today,
      hotDays: o.hotDays,
      reservedIds: FIXTURE_IDS,
    },
    pools,
  );
  const notices = withFixtures ? [...generated, ...fixtureNotices()] : generated;
  return { corpus: new Corpus(notices, nowMs), pools, rng: createRng(seed ^ 0x9ab1) };
};

export const createEmulator = (options: EmulatorOptions = {}): Emulator => {
  // Every reset starts from the creation options, so one test's reset options never leak into the next reset.
  const base: EmulatorOptions = { ...options };
  let built = buildCorpus(base, toMs(base.now));
  const state: EmulatorState = {
    corpus: built.corpus,
    limiter: new RateLimiter(resolveRateLimit(base.rateLimit)),
    faults: new Faults(base.seed ?? 42),
    stats: new Stats(),
    apiKeys: new Set(base.apiKeys ?? ["test-key"]),
    tieOrder: base.tieOrder ?? "page-size",
    publicPastCap: base.publicPastCap ?? "error",
    fixtureXml: base.fixtureXml ?? {},
    lifetime: new AbortController(),
  };
  const publisher = () => ({ corpus: state.corpus, rng: built.rng, pools: built.pools });
  const record = (e: Entry): NoticeRecord => ({
    ...e.n,
    status: state.corpus.status(e),
    published: e.n.publicationDate <= state.corpus.today,
  });
  const now = () => toIsoSeconds(state.corpus.nowMs);

  const emulator: Emulator = {
    state,
    app: undefined as unknown as Hono, // assigned right below; buildApp needs the emulator object
    fetch: (req) => Promise.resolve(emulator.app.fetch(req)),
    health: () => ({ ok: true, notices: state.corpus.size, now: now() }),
    stats: () => state.stats.snapshot(),
    resetStats: () => state.stats.reset(),
    reset: (next = {}) => {
      const merged: EmulatorOptions = { ...base, ...CorpusSchema.parse(next) };
      built = buildCorpus(merged, toMs(merged.now));
      state.corpus = built.corpus;
      state.faults.clear();
      state.stats.reset();
      state.limiter.reset();
    },
    now,
    setClock: (iso) => {
      state.corpus.nowMs = toMs(iso);
      return now();
    },
    advanceClock: (ms) => {
      state.corpus.nowMs += ms;
      return now();
    },
    rateLimit: (patch) => {
      if (patch) {
        const p = RateLimitPatch.parse(patch);
        state.limiter.settings = {
          ...state.limiter.settings,
          ...Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)),
        };
        state.limiter.reset();
      }
      return { ...state.limiter.settings };
    },
    addFault: (spec) => state.faults.add(FaultSpec.parse(spec)),
    clearFaults: () => state.faults.clear(),
    faults: () => state.faults.all(),
    notice: (id) => {
      const e = state.corpus.record(id);
      return e ? record(e) : undefined;
    },
    contract: (id) => {
      const e = state.corpus.record(id);
      if (!e) return undefined;
      return state.fixtureXml[id]
        ? { fixtureXml: true }
        : { ...truthIn(state.corpus, e.n), fixtureXml: false };
    },
    publish: (input = {}) => record(publish(publisher(), PublishSchema.parse(input))),
    mutate: (id, mutation) => {
      const newId = mutate(publisher(), id, Mutation.parse(mutation));
      const e = state.corpus.record(newId) as Entry; // mutate() returns an id it just wrote
      return { id: newId, notice: record(e) };
    },
    dispose: () => {
      state.lifetime.abort();
      state.lifetime = new AbortController();
    },
  };
  emulator.app = buildApp(emulator);
  return emulator;
};
