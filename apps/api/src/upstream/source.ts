import {
  type BudgetPriority,
  createBudgetGate,
  createDoffinClient,
  type DoffinClientOptions,
  type DoffinSource,
} from "@doffin/core";
import { ApiError, currentDeadline } from "@doffin/http";
import type { ApiConfig } from "../config";
import { admitted } from "../middleware/admission";
// Types only from the object's module: it imports `cloudflare:workers`, and this one also runs in Node
// (the CLI's tests build the API app there).
import type { BudgetSnapshot } from "./budget-object";
import { BUDGET_OBJECT_NAME } from "./budget-rules";

/** The budget object's stub, or null when the Worker runs without the binding (plain `app.request`). */
export const budgetOf = (env: Env) => {
  const ns = (env as Partial<Env>).BUDGET;
  return ns ? ns.get(ns.idFromName(BUDGET_OBJECT_NAME)) : null;
};

/** The budget as /health shows it; null without the binding or when the object cannot be reached. */
export async function budgetSnapshot(env: Env): Promise<BudgetSnapshot | null> {
  try {
    return ((await budgetOf(env)?.snapshot()) as BudgetSnapshot | undefined) ?? null;
  } catch {
    return null;
  }
}

/** An empty budget is our own limit, not Doffin's answer: 503 with when to come back, never a 429. */
const refused = (retryAfterMs: number): Error =>
  new ApiError(
    "upstream_unavailable",
    "Our share of Doffin's request budget is used up right now; retry shortly.",
    {
      headers: { "retry-after": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
      log: { budget: "empty" },
    },
  );

/**
 * The Doffin client of the API: bounded by the request's deadline (`currentDeadline`, set by the
 * deadline middleware) and, when the Worker has the `BUDGET` binding, gated by the shared upstream
 * budget at interactive priority. `overrides` lets tests point it elsewhere or cut retries.
 * @example createUpstreamSource(config, fetch, env)
 */
export function createUpstreamSource(
  config: ApiConfig,
  fetchImpl: typeof fetch,
  env: Env,
  overrides: Partial<DoffinClientOptions> & { priority?: BudgetPriority } = {},
): DoffinSource {
  const { priority = "interactive", ...options } = overrides;
  const gated = Boolean((env as Partial<Env>).BUDGET);
  return createDoffinClient({
    baseUrl: config.UPSTREAM_BASE_URL,
    kind: config.UPSTREAM_KIND,
    apiKey: config.DOFFIN_API_KEY,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    fetch: fetchImpl,
    deadline: currentDeadline,
    ...(gated
      ? {
          beforeAttempt: createBudgetGate({
            // A stub per call: the source lives as long as the isolate, and a stub made during one
            // request cannot be used from another ("Cannot perform I/O on behalf of a different request").
            // Not before the request's rate-limit verdict: a limited request spends no budget. The bucket
            // is the one of the API each attempt goes to (a web-client source with a key downloads XML
            // from the Public API).
            take: async (p, api) => {
              await admitted();
              return (budgetOf(env) as NonNullable<ReturnType<typeof budgetOf>>).take(
                (api ?? config.UPSTREAM_KIND) === "public-api" ? "doffin-public-api" : "doffin-webclient",
                p,
              );
            },
            priority,
            refused,
          }),
        }
      : {}),
    ...options,
  });
}
