import type { ResolvedSearchFilters, SearchFilters } from "../domain/filters";
import type { Notice, SearchResult } from "../domain/notice";

/** A node of Doffin's CPV tree as the web client serves it. */
export type CpvTreeNode = { id: string; label: string; children: CpvTreeNode[] };

/**
 * The small interface every Doffin source implements (web client API, Public API, later NAV-style
 * sources). Apps depend on this, never on a concrete upstream.
 */
export interface DoffinSource {
  readonly kind: "webclient" | "public-api";
  /** One page of hits. Throws UpstreamError on failure. */
  search(filters: SearchFilters): Promise<SearchResult>;
  /** The full notice. Throws NotFoundError for an unknown id, UpstreamError on failure. */
  getNotice(id: string): Promise<Notice>;
  /** The CPV tree as the upstream serves it (web client); null when the source has none. */
  getCpvTree(): Promise<CpvTreeNode[] | null>;
  /** Raw eForms XML of a notice (Public API); null when the source cannot download. */
  downloadXml(id: string): Promise<string | null>;
}

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
  kind?: "webclient" | "public-api";
  /** Public API subscription key (`Ocp-Apim-Subscription-Key`). */
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
  beforeAttempt?: (info: { url: string; attempt: number; deadlineAt: number | undefined }) => Promise<void>;
  /** Injected for tests: the clock the deadline is measured on (default Date.now). */
  now?: () => number;
  /** Called after every upstream attempt, for metrics/logging. */
  onAttempt?: (info: { url: string; status: number | null; ms: number; attempt: number }) => void;
};

export type { ResolvedSearchFilters };
