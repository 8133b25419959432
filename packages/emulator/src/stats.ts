import type { RouteName } from "./model";

/** Requests that reached an upstream route (including 401/429/faulted ones); the control API is never counted. */
export class Stats {
  total = 0;
  rateLimited = 0;
  byRoute: Partial<Record<RouteName, number>> = {};

  count(route: RouteName): void {
    this.total += 1;
    this.byRoute[route] = (this.byRoute[route] ?? 0) + 1;
  }

  reset(): void {
    this.total = 0;
    this.rateLimited = 0;
    this.byRoute = {};
  }

  snapshot(): { total: number; byRoute: Partial<Record<RouteName, number>>; rateLimited: number } {
    return { total: this.total, byRoute: { ...this.byRoute }, rateLimited: this.rateLimited };
  }
}
