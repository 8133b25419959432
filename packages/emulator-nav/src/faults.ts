/** Fault injection per route: an error status, latency, a hang (timeout), or a malformed body. */
import { z } from "zod";
import { ROUTE_NAMES } from "./model";

export const NavFaultSpec = z.object({
  route: z.enum([...ROUTE_NAMES, "*"]),
  kind: z.enum(["status", "latency", "timeout", "malformed"]),
  status: z.number().int().min(100).max(599).optional(),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  /** How many requests it affects (default: until cleared). */
  times: z.number().int().min(1).optional(),
});
export type NavFaultSpec = z.infer<typeof NavFaultSpec>;
export type NavFault = NavFaultSpec & { id: string; remaining: number | null };

export const createFaults = () => {
  let list: NavFault[] = [];
  let n = 0;
  return {
    add(spec: NavFaultSpec): NavFault {
      const fault = { ...spec, id: `fault-${++n}`, remaining: spec.times ?? null };
      list.push(fault);
      return fault;
    },
    clear() {
      list = [];
    },
    list: () => [...list],
    /** The fault this request hits, consuming one of its `times`. */
    take(route: string): NavFault | null {
      const fault = list.find((f) => f.route === "*" || f.route === route);
      if (!fault) return null;
      if (fault.remaining != null && --fault.remaining <= 0) list = list.filter((f) => f !== fault);
      return fault;
    },
  };
};
export type Faults = ReturnType<typeof createFaults>;
