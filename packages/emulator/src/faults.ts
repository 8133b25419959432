/**
 * Fault injection per route: latency, an error status, a timeout that never answers, a truncated or
 * malformed JSON body, and schema drift (renamed/dropped keys). `times` bounds how many requests a fault
 * affects; `probability` (seeded, deterministic) makes it intermittent.
 */
import { z } from "zod";
import { ROUTE_NAMES, type RouteName } from "./model";
import { createRng, type Rng } from "./prng";

export const FAULT_KINDS = ["latency", "status", "timeout", "truncate", "malformed", "drift"] as const;

export const FaultSpec = z.object({
  route: z.enum([...ROUTE_NAMES, "*"]),
  kind: z.enum(FAULT_KINDS),
  status: z.number().int().min(100).max(599).optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  /** `Retry-After` seconds of a `status` fault (429 or 503); a 429 without it says 1, as before. */
  retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
  times: z.number().int().min(1).optional(),
  probability: z.number().min(0).max(1).optional(),
});
export type FaultSpec = z.infer<typeof FaultSpec>;
export type Fault = FaultSpec & { id: string; remaining: number | null };

export class Faults {
  private list: Fault[] = [];
  private counter = 0;
  private rng: Rng;
  constructor(seed: number) {
    this.rng = createRng(seed ^ 0xfa17);
  }

  add(spec: FaultSpec): Fault {
    this.counter += 1;
    const fault: Fault = { ...spec, id: `fault-${this.counter}`, remaining: spec.times ?? null };
    this.list.push(fault);
    return fault;
  }

  clear(): void {
    this.list = [];
  }

  all(): Fault[] {
    return [...this.list];
  }

  /** The faults that hit this request (consuming one use of each). */
  take(route: RouteName): Fault[] {
    const hit: Fault[] = [];
    for (const f of this.list) {
      if (f.route !== "*" && f.route !== route) continue;
      if (f.remaining !== null && f.remaining <= 0) continue;
      if (f.probability !== undefined && this.rng.next() >= f.probability) continue;
      if (f.remaining !== null) f.remaining -= 1;
      hit.push(f);
    }
    this.list = this.list.filter((f) => f.remaining === null || f.remaining > 0);
    return hit;
  }
}

const RENAMES: Record<string, string> = {
  hits: "results",
  numHitsAccessible: "numHitsAvailable",
  noticeType: "type",
  eform: "eForm",
  children: "nodes",
};
const DROPS = new Set(["heading"]);

/** Schema drift: the kind of change an undocumented API makes without notice. */
export const drift = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(drift);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (DROPS.has(key)) continue;
      out[RENAMES[key] ?? key] = drift(v);
    }
    return out;
  }
  return value;
};

export const MALFORMED_BODY = '{"numHitsTotal": 12, "hits": [{"id": "2026-100001", "heading": "Ufullstendig';

const STATUS_TEXT: Record<number, string> = {
  500: "Internal server error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** An upstream-ish error body (APIM style); a 429 names its wait, as APIM does. */
export const statusBody = (status: number, retryAfterSeconds = 1): string =>
  JSON.stringify({
    statusCode: status,
    message:
      status === 429
        ? `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.`
        : (STATUS_TEXT[status] ?? "Error"),
  });

/** The `Retry-After` a status fault sends: its own, else 1 on a 429, else none. */
export const faultRetryAfter = (fault: FaultSpec): number | undefined =>
  fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
