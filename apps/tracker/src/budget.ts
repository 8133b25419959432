import type { DoffinSource } from "@doffin/core";

/** Thrown when an invocation has used its upstream request budget; the caller saves progress and stops. */
export class BudgetExhausted extends Error {
  override readonly name = "BudgetExhausted";
  constructor(budget: number) {
    super(`upstream request budget of ${budget} used up`);
  }
}

export type BudgetedSource = DoffinSource & { readonly used: () => number; readonly remaining: () => number };

/**
 * Wraps a source so it refuses calls past `budget` (the Workers Free plan allows 50 subrequests per
 * invocation; the default budget of 45 leaves room for retries). Calls are counted, not HTTP attempts:
 * the client's own retries on 429/5xx come out of the headroom.
 */
export function withBudget(source: DoffinSource, budget: number): BudgetedSource {
  let used = 0;
  const take = () => {
    if (used >= budget) throw new BudgetExhausted(budget);
    used++;
  };
  return {
    kind: source.kind,
    hasXml: source.hasXml,
    used: () => used,
    remaining: () => Math.max(0, budget - used),
    search: (filters) => {
      take();
      return source.search(filters);
    },
    getNotice: (id) => {
      take();
      return source.getNotice(id);
    },
    getCpvTree: () => {
      take();
      return source.getCpvTree();
    },
    downloadXml: (id) => {
      take();
      return source.downloadXml(id);
    },
  };
}
