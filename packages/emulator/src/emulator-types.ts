/**
 * The emulator's public types, in a module of their own: the app, the routes and `createEmulator` all
 * depend on them, and keeping them apart from `emulator.ts` (which builds the app) leaves no import circle.
 */
import type { Hono } from "hono";
import type { Corpus } from "./corpus";
import type { ContractTruth } from "./eforms/truth-types";
import type { Fault, FaultSpec, Faults } from "./faults";
import type { MasterNotice, statusAt } from "./model";
import type { Mutation, PublishInput } from "./mutations";
import type { CorpusOptions, RateLimitPatch } from "./options";
import type { RateLimiter, RateLimitSettings } from "./rate-limit";
import type { Stats } from "./stats";

export type NoticeRecord = MasterNotice & { status: ReturnType<typeof statusAt>; published: boolean };

export type Emulator = {
  fetch(req: Request): Promise<Response>;
  app: Hono;
  health(): { ok: true; notices: number; now: string };
  stats(): ReturnType<Stats["snapshot"]>;
  resetStats(): void;
  /** Regenerates the corpus (options merged over the creation options, not over earlier resets) and clears faults, stats, mutations. */
  reset(options?: CorpusOptions): void;
  now(): string;
  setClock(iso: string | Date): string;
  advanceClock(ms: number): string;
  rateLimit(patch?: RateLimitPatch): RateLimitSettings;
  addFault(spec: FaultSpec): Fault;
  clearFaults(): void;
  faults(): Fault[];
  /** The internal record (with its status at the clock), published or not; undefined when unknown. */
  notice(id: string): NoticeRecord | undefined;
  /**
   * The contract data its eForms XML is written from (lots, organisations, results, changes);
   * undefined when unknown. Real captures are served verbatim and have none (`fixtureXml: true`).
   */
  contract(id: string): (ContractTruth & { fixtureXml: false }) | { fixtureXml: true } | undefined;
  publish(input?: PublishInput): NoticeRecord;
  mutate(id: string, mutation: Mutation): { id: string; notice: NoticeRecord };
  /** Ends pending timeout/latency faults (used by the Node server's close()). */
  dispose(): void;
  /** Internal state for the app and tests. */
  readonly state: EmulatorState;
};

export type EmulatorState = {
  corpus: Corpus;
  limiter: RateLimiter;
  faults: Faults;
  stats: Stats;
  apiKeys: ReadonlySet<string>;
  tieOrder: "page-size" | "page";
  publicPastCap: "error" | "empty";
  fixtureXml: Readonly<Record<string, string>>;
  lifetime: AbortController;
};
