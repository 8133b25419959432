import type { z } from "zod";
import { UpstreamError } from "../errors";
import { parseJsonLenient } from "../normalize/json";
import type { DoffinApi, DoffinClientOptions, RetryPolicy } from "./types";

/**
 * The one place the client talks HTTP: per-attempt timeout, bounded retries with exponential backoff and
 * full jitter, `Retry-After` on 429, and the mapping of failures to typed `UpstreamError`s.
 */

/**
 * Defaults for `DoffinClientOptions.retry` and `timeoutMs`.
 *
 * @example createDoffinClient({ baseUrl, retry: { ...DEFAULT_RETRY, attempts: 5 } })
 */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 10_000 };
export const DEFAULT_TIMEOUT_MS = 10_000;

export type Transport = {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  timeoutMs: number;
  retry: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onAttempt: DoffinClientOptions["onAttempt"];
  deadline: () => number | undefined;
  beforeAttempt: DoffinClientOptions["beforeAttempt"];
  now: () => number;
  /** The upstream's name in error messages ("Doffin", "NAV"). */
  upstream: string;
  /** The Doffin API this transport speaks, passed to `beforeAttempt` (unset for other upstreams). */
  api?: DoffinApi | undefined;
};

/** An attempt shorter than this is not worth starting: it could only time out. */
export const MIN_ATTEMPT_MS = 50;

/** Builds the transport from client options, filling in defaults. */
export const createTransport = (
  options: DoffinClientOptions & { upstream?: string; api?: DoffinApi },
): Transport => {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  return {
    // Called through a closure so a platform fetch is never invoked with a foreign `this` (Workers throw
    // "Illegal invocation" for that).
    fetch: (url, init) => fetchImpl(url, init),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: {
      attempts: Math.max(1, Math.floor(options.retry?.attempts ?? DEFAULT_RETRY.attempts)),
      baseDelayMs: Math.max(0, options.retry?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs),
      maxDelayMs: Math.max(0, options.retry?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs),
    },
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    onAttempt: options.onAttempt,
    deadline: options.deadline ?? (() => undefined),
    beforeAttempt: options.beforeAttempt,
    now: options.now ?? Date.now,
    upstream: options.upstream ?? "Doffin",
    api: options.api,
  };
};

/** A completed exchange the caller has to interpret (2xx, or 404 when the caller asked for it). */
export type RawResponse = {
  status: number;
  headers: Headers;
  text: string;
  attempts: number;
  /** The transport's upstream name, for `decode`'s messages. */
  upstream?: string;
};

/**
 * `Retry-After` as seconds: delta-seconds or an HTTP date; null when absent or unreadable.
 *
 * @example parseRetryAfter("4") // 4
 */
export const parseRetryAfter = (value: string | null, now = Date.now()): number | null => {
  if (value == null || value.trim() === "") return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
};

/**
 * Wait before the next attempt: the upstream's `Retry-After` when it gave one, else full jitter over an
 * exponentially growing window; both capped by `maxDelayMs`.
 *
 * @example backoffDelay({ attempts: 3, baseDelayMs: 200, maxDelayMs: 10_000 }, 2, null, Math.random) // 0..399
 */
export const backoffDelay = (
  policy: RetryPolicy,
  attempt: number,
  retryAfterSeconds: number | null,
  random: () => number,
): number => {
  if (retryAfterSeconds != null) return Math.min(retryAfterSeconds * 1000, policy.maxDelayMs);
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * window);
};

const isRetryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

type AttemptOutcome = { ok: true; response: RawResponse } | { ok: false; error: UpstreamError };

const describe = (method: string, url: string): string => {
  // Only the path goes into messages: the query may be long and the base URL is configuration.
  try {
    return `${method} ${new URL(url).pathname}`;
  } catch {
    return `${method} ${url}`;
  }
};

const attemptOnce = async (
  t: Transport,
  url: string,
  init: RequestInit,
  attempt: number,
  passStatuses: readonly number[],
  timeoutMs: number,
): Promise<AttemptOutcome> => {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const started = Date.now();
  const what = describe(init.method ?? "GET", url);
  let status: number | null = null;
  try {
    const res = await t.fetch(url, { ...init, signal: controller.signal });
    status = res.status;
    // The body is read under the same timeout: a server that sends headers and then stalls is a timeout.
    const text = await res.text();
    if ((res.status >= 200 && res.status < 300) || passStatuses.includes(res.status)) {
      return {
        ok: true,
        response: { status: res.status, headers: res.headers, text, attempts: attempt, upstream: t.upstream },
      };
    }
    const retryAfterSeconds = res.status === 429 ? parseRetryAfter(res.headers.get("retry-after")) : null;
    return {
      ok: false,
      error: new UpstreamError({
        kind: "http",
        message: `${t.upstream} answered ${res.status} to ${what}`,
        status: res.status,
        retryable: isRetryableStatus(res.status),
        retryAfterSeconds,
        attempts: attempt,
        cause: { body: text.slice(0, 500) },
      }),
    };
  } catch (cause) {
    const kind = timedOut ? "timeout" : "network";
    return {
      ok: false,
      error: new UpstreamError({
        kind,
        message: timedOut
          ? `${t.upstream} did not answer ${what} within ${timeoutMs} ms`
          : `Could not reach ${t.upstream} for ${what}: ${cause instanceof Error ? cause.message : String(cause)}`,
        retryable: true,
        attempts: attempt,
        cause,
      }),
    };
  } finally {
    clearTimeout(timer);
    try {
      t.onAttempt?.({ url, status, ms: Date.now() - started, attempt });
    } catch {
      // A failing metrics hook must not turn a good answer into an error.
    }
  }
};

const outOfTime = (url: string, init: RequestInit, attempt: number): UpstreamError =>
  new UpstreamError({
    kind: "timeout",
    message: `No time left for ${describe(init.method ?? "GET", url)} before the request's deadline`,
    retryable: false,
    attempts: attempt,
  });

/**
 * Sends one logical request, retrying only what is retryable (network error, timeout, 408, 429, 5xx) up
 * to `retry.attempts` times. Returns 2xx responses and any status listed in `passStatuses` (e.g. 404 for
 * lookups); throws `UpstreamError` for everything else, with `attempts` set.
 *
 * With a deadline (`DoffinClientOptions.deadline`) everything fits before it: each attempt's timeout is
 * clipped to what is left, and a wait (backoff or `Retry-After`) that would leave no room for another
 * attempt is not taken — the last failure is thrown at once, so a 429 keeps its `retryAfterSeconds`.
 */
export const send = async (
  t: Transport,
  url: string,
  init: RequestInit,
  passStatuses: readonly number[] = [],
): Promise<RawResponse> => {
  const deadlineAt = t.deadline();
  const left = () => (deadlineAt === undefined ? Number.POSITIVE_INFINITY : deadlineAt - t.now());
  for (let attempt = 1; ; attempt++) {
    if (left() < MIN_ATTEMPT_MS) throw outOfTime(url, init, attempt - 1);
    await t.beforeAttempt?.({ url, attempt, deadlineAt, api: t.api });
    const timeoutMs = Math.min(t.timeoutMs, left());
    if (timeoutMs < MIN_ATTEMPT_MS) throw outOfTime(url, init, attempt - 1);
    const outcome = await attemptOnce(t, url, init, attempt, passStatuses, timeoutMs);
    if (outcome.ok) return outcome.response;
    const { error } = outcome;
    if (!error.retryable || attempt >= t.retry.attempts) throw error;
    const delay = backoffDelay(t.retry, attempt, error.retryAfterSeconds, t.random);
    // An upstream Retry-After longer than our own cap is a wait we will not make either.
    const wantedMs = error.retryAfterSeconds == null ? delay : error.retryAfterSeconds * 1000;
    if (wantedMs + MIN_ATTEMPT_MS > left()) throw error;
    await t.sleep(delay);
  }
};

/**
 * Parses a response body (leniently, see `parseJsonLenient`) and validates it with an upstream schema.
 * Invalid JSON and schema mismatches (renamed or missing keys) are `UpstreamError` kind "parse", never
 * retried: asking again would get the same answer.
 */
export const decode = <T extends z.ZodType>(schema: T, raw: RawResponse, what: string): z.output<T> => {
  let json: unknown;
  try {
    json = parseJsonLenient(raw.text);
  } catch (cause) {
    throw new UpstreamError({
      kind: "parse",
      message: `${raw.upstream ?? "Doffin"} sent invalid JSON for ${what}`,
      status: raw.status,
      attempts: raw.attempts,
      cause,
    });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
  throw new UpstreamError({
    kind: "parse",
    message: `${raw.upstream ?? "Doffin"}'s ${what} response does not match the expected shape (${issues})`,
    status: raw.status,
    attempts: raw.attempts,
    cause: parsed.error,
  });
};

/** `baseUrl` + path, without doubled slashes. */
export const joinUrl = (baseUrl: string, path: string): string => `${baseUrl.replace(/\/+$/, "")}${path}`;
