// Workers with nodejs_compat (all of ours) and Node provide it; the Workers-only type sets of the tracker
// and feedback Workers do not describe node: modules, so the import is typed by the local Store below.
// biome-ignore lint/suspicious/noTsIgnore: typed where @types/node is loaded, untyped elsewhere; expect-error would fail in one of the two
// @ts-ignore
import { AsyncLocalStorage } from "node:async_hooks";
import type { MiddlewareHandler } from "hono";
import { errorResponse } from "./errors";

/**
 * The per-request deadline every Worker keeps: whatever an upstream or a sibling does, a request ends
 * within `REQUEST_DEADLINE_MS` (default 10 s). The middleware answers 504 `upstream_timeout` when the
 * handler is not done by then; the upstream client learns the time it has left through
 * `currentDeadline()`, which ends a little earlier, so a handler usually answers first with something
 * better (a stale copy, the upstream's own 429) than the generic 504.
 */

export const DEFAULT_REQUEST_DEADLINE_MS = 10_000;

/** Time kept back from the upstream's share to build the answer (read KV, serve stale): ms/10, ≤ 500 ms. */
export const answerHeadroomMs = (deadlineMs: number): number => Math.min(500, Math.floor(deadlineMs / 10));

type Store<T> = { run<R>(value: T, fn: () => R): R; getStore(): T | undefined };
const upstreamDeadline: Store<number> = new AsyncLocalStorage();

/**
 * Epoch ms by which upstream work of the current request must be over; undefined outside a request
 * (a cron sweep has no request deadline). Pass it as core's `createDoffinClient({ deadline })`.
 * @example createDoffinClient({ baseUrl, deadline: currentDeadline })
 */
export const currentDeadline = (): number | undefined => upstreamDeadline.getStore();

/** `REQUEST_DEADLINE_MS` from a Worker env: empty → default; anything but an integer in 100..600000 throws. */
export function requestDeadlineMs(env: unknown): number {
  const raw = (env as Record<string, unknown> | undefined)?.REQUEST_DEADLINE_MS;
  if (raw === undefined || raw === null || raw === "") return DEFAULT_REQUEST_DEADLINE_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 100 || ms > 600_000)
    throw new Error(`REQUEST_DEADLINE_MS must be an integer between 100 and 600000 (ms), got ${String(raw)}`);
  return ms;
}

/**
 * Middleware: runs the rest of the chain under the deadline and answers 504 when it is not done in time.
 * `createWorkerApp` installs it right after the request id, so it covers every route of every Worker.
 * @example app.use(deadline())
 */
export const deadline =
  (now: () => number = Date.now): MiddlewareHandler =>
  async (c, next) => {
    const ms = requestDeadlineMs(c.env);
    const at = now() + ms;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<"expired">((resolve) => {
      timer = setTimeout(() => resolve("expired"), ms);
    });
    const run = upstreamDeadline.run(at - answerHeadroomMs(ms), () => next());
    const first = await Promise.race([run.then(() => "done" as const), expired]);
    if (timer !== undefined) clearTimeout(timer);
    if (first === "done") return;
    // The handler goes on in the background until its own I/O gives up; its outcome is not sent.
    run.catch(() => undefined);
    c.res = errorResponse(c, "upstream_timeout", `The request did not finish within ${ms} ms.`, {
      log: { deadlineMs: ms },
    });
  };
