import type { ResolvedSearchFilters, SearchFilters } from "../domain/filters";
import type { Notice, SearchResult } from "../domain/notice";

/** A node of Doffin's CPV tree as the web client serves it. */
export type CpvTreeNode = { id: string; label: string; children: CpvTreeNode[] };

/**
 * The small interface every Doffin source implements (web client API, Public API, later NAV-style
 * sources). Apps depend on this, never on a concrete upstream.
 */
export interface DoffinSource {
  readonly kind: DoffinApi;
  /**
   * Whether `downloadXml` can return eForms XML: always with the Public API, and in web-client mode
   * when a Public API key was given. Callers test this, never `kind`.
   */
  readonly hasXml: boolean;
  /** One page of hits. Throws UpstreamError on failure. */
  search(filters: SearchFilters): Promise<SearchResult>;
  /** The full notice. Throws NotFoundError for an unknown id, UpstreamError on failure. */
  getNotice(id: string): Promise<Notice>;
  /** The CPV tree as the upstream serves it (web client); null when the source has none. */
  getCpvTree(): Promise<CpvTreeNode[] | null>;
  /** Raw eForms XML of a notice (Public API download); null when the source cannot download (`!hasXml`). */
  downloadXml(id: string): Promise<string | null>;
}

/** Doffin's two APIs under one base URL; each has its own rate limit (and budget bucket). */
export type DoffinApi = "webclient" | "public-api";

/** What `beforeAttempt` is told about the attempt it gates. */
export type AttemptInfo = {
  url: string;
  attempt: number;
  deadlineAt: number | undefined;
  /** Which Doffin API the attempt goes to (unset for other upstreams), so a gate can pick its bucket. */
  api?: DoffinApi | undefined;
};

export type RetryPolicy = {
  /** Total attempts including the first (default 3). */
  attempts: number;
  /** Base backoff in ms, doubled per attempt, with full jitter (default 200). */
  baseDelayMs: number;
  /** Longest single wait, including an upstream `Retry-After` (default 10_000). */
  maxDelayMs: number;
};

export type DoffinClientOptions = {
  /** e.g. `https://api.doffin.no` or the emulator's `http://127.0.0.1:8790`. */
  baseUrl: string;
  /** Which upstream API to speak (default "webclient"). "public-api" needs `apiKey`. */
  kind?: DoffinApi;
  /**
   * Public API subscription key (`Ocp-Apim-Subscription-Key`). In web-client mode it adds the Public
   * API's XML download (`hasXml`); search and detail stay on the web client.
   */
  apiKey?: string;
  fetch?: typeof fetch;
  /** Per-attempt timeout (default 10_000). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Injected for tests: how to wait between retries. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests: the jitter source, a number in [0, 1) (default Math.random). */
  random?: () => number;
  /**
   * Epoch ms by which the whole logical request (every attempt and wait) must be over, read once per
   * call; undefined means no deadline. A retry that cannot finish in time is not started, each attempt's
   * timeout is clipped to what is left, and a `Retry-After` past it ends the call at once.
   */
  deadline?: () => number | undefined;
  /**
   * Awaited before every attempt (e.g. to take a token from a shared upstream budget). Whatever it throws
   * ends the call as is, never retried: refusing is the gate's decision, not an upstream failure.
   */
  beforeAttempt?: (info: AttemptInfo) => Promise<void>;
  /** Injected for tests: the clock the deadline is measured on (default Date.now). */
  now?: () => number;
  /** Called after every upstream attempt, for metrics/logging. */
  onAttempt?: (info: { url: string; status: number | null; ms: number; attempt: number }) => void;
};

export type { ResolvedSearchFilters };
