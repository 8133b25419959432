import { AsyncLocalStorage } from "node:async_hooks";
import { ApiError } from "@doffin/http";

/**
 * The rate-limit verdict of a read that runs while the limiter is still being asked (access.ts). A
 * cache hit needs no upstream, so it need not wait for the verdict to be computed; anything that goes
 * out of the isolate on the request's behalf — an upstream fetch, a budget token, a sibling Worker —
 * waits for it here first, so a limited request never reaches Doffin, never spends budget and never
 * writes. The response itself waits for the verdict in the access middleware.
 *
 * The verdict is carried in async context (like the request deadline), so it follows the request
 * into `waitUntil` revalidations without being threaded through every service signature.
 */
type Verdict = Promise<boolean>;
const pending = new AsyncLocalStorage<Verdict>();

/** Runs `fn` (the rest of the middleware chain) with `verdict` as the request's pending admission. */
export const whileAdmitting = <R>(verdict: Verdict, fn: () => R): R => pending.run(verdict, fn);

/**
 * Resolves once the current request may go on; throws our 429 when the limiter said no. At once
 * outside a speculative read (writes, cron, tests without the access middleware).
 */
export async function admitted(): Promise<void> {
  const verdict = pending.getStore();
  if (verdict && !(await verdict))
    throw new ApiError("rate_limited", "Too many requests; retry later.", {
      headers: { "retry-after": "60" },
    });
}

/** `fetchImpl` that waits for the request's admission before every call (the services' one egress). */
export const admittedFetch =
  (fetchImpl: typeof fetch): typeof fetch =>
  async (input, init) => {
    await admitted();
    return fetchImpl(input, init);
  };
