import { ToolError } from "./dispatch";

/**
 * Response budgeting for agents: answers that blow a model's context window fail or spill to disk, so
 * every tool answer is kept under a character budget. When something has to go, the answer says so
 * (`truncated: true`) and says how to get the rest (`continuation`, and `next` when a follow-up call
 * can be spelled out).
 */
export const RESPONSE_BUDGET = 20_000;

export type Truncation = {
  truncated: true;
  /** What was cut and how to get it. */
  continuation: string;
};

/**
 * The JSON text of the last answers measured, so the answer that fits is not serialized a second time
 * when it is sent (`serialized`): on a cache hit the two stringifications were a good part of a call.
 */
const texts = new WeakMap<object, string>();

const size = (v: unknown): number => {
  const text = JSON.stringify(v);
  if (typeof v === "object" && v !== null) texts.set(v, text);
  return text.length;
};

/** `JSON.stringify(value)`, reusing the text `fitList`/`clipToBudget` already made for it. */
export const serialized = (value: object): string => texts.get(value) ?? JSON.stringify(value);

/**
 * Keeps as many leading items of `payload[listKey]` as fit the budget. `onCut(kept)` describes how to
 * fetch the rest; it is merged into the payload together with `truncated: true`.
 */
export function fitList<T extends Record<string, unknown>>(
  payload: T,
  listKey: keyof T & string,
  onCut: (kept: number) => Record<string, unknown> & { continuation: string },
  budget = RESPONSE_BUDGET,
): Record<string, unknown> {
  if (size(payload) <= budget) return payload;
  const list = payload[listKey];
  if (!Array.isArray(list)) return clipToBudget(payload, budget);
  const build = (n: number) => ({ ...payload, [listKey]: list.slice(0, n), truncated: true, ...onCut(n) });
  // Largest n whose answer fits: size grows monotonically with n, so a binary search is exact.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (size(build(mid)) <= budget) lo = mid;
    else hi = mid - 1;
  }
  if (lo > 0) return build(lo);
  // Not even one item fits whole (a giant description): keep the first item, clipped.
  return clipToBudget(build(1), budget);
}

const CLIP_STEPS: Array<[maxString: number, maxArray: number]> = [
  [4000, 200],
  [2000, 100],
  [1000, 50],
  [500, 20],
  [200, 10],
  [80, 5],
  [40, 2],
];

/**
 * Generic last resort: shortens long strings and long arrays anywhere in the value, step by step,
 * until it fits. Used for single objects (a notice with a huge eForm section tree).
 */
export function clipToBudget(
  payload: Record<string, unknown>,
  budget = RESPONSE_BUDGET,
): Record<string, unknown> {
  if (size(payload) <= budget) return payload;
  const note = {
    truncated: true,
    continuation:
      "Long texts and lists were shortened to keep this answer under 20,000 characters. Ask for fewer " +
      "`fields` (or detail='summary') to get the parts you need in full.",
  };
  for (const [maxString, maxArray] of CLIP_STEPS) {
    const clipped = { ...(clip(payload, maxString, maxArray) as Record<string, unknown>), ...note };
    if (size(clipped) <= budget) return clipped;
  }
  // Pathological width (thousands of keys): keep only the scalar top-level fields.
  const scalars = Object.fromEntries(Object.entries(payload).filter(([, v]) => typeof v !== "object"));
  return { ...(clip(scalars, 40, 2) as Record<string, unknown>), ...note };
}

function clip(value: unknown, maxString: number, maxArray: number): unknown {
  if (typeof value === "string") return value.length > maxString ? `${value.slice(0, maxString)}…` : value;
  if (Array.isArray(value)) return value.slice(0, maxArray).map((v) => clip(v, maxString, maxArray));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clip(v, maxString, maxArray)]));
  return value;
}

/** `fields` arrives as an array (MCP) or a comma-separated string (REST bridge). */
export function parseFields(fields: string | string[] | undefined): string[] | undefined {
  if (fields === undefined) return undefined;
  const list = (Array.isArray(fields) ? fields : fields.split(","))
    .map((f) => f.trim())
    .filter((f) => f.length > 0);
  return list.length > 0 ? list : undefined;
}

/**
 * Field projection. `id` is always kept so results stay addressable; an unknown field is a tool error
 * that lists the valid ones instead of a silently empty object.
 */
export function project(
  item: Record<string, unknown>,
  fields: string[] | undefined,
  allowed: readonly string[],
): Record<string, unknown> {
  if (!fields) return item;
  const unknown = fields.filter((f) => !allowed.includes(f));
  if (unknown.length > 0)
    throw new ToolError(
      "invalid_request",
      `Unknown field${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}. Valid fields: ${allowed.join(", ")}.`,
    );
  const out: Record<string, unknown> = {};
  for (const f of ["id", ...fields]) if (f in item) out[f] = item[f];
  return out;
}
