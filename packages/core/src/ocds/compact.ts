import type { Json, JsonObject } from "./types";

/** A JSON draft that may still hold `undefined`/null/empty parts; {@link compact} cleans it. */
export type Loose = Json | undefined | Loose[] | { [key: string]: Loose };

/**
 * Drops `undefined`, `null`, empty arrays and empty objects, recursively. The mapper must never emit a null
 * for "not in this notice": in the OCDS merge a null *removes* the field an earlier release set.
 */
export const compact = (value: { [key: string]: Loose }): JsonObject => compactValue(value) as JsonObject;

const compactValue = (value: Loose): Json | undefined => {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(compactValue).filter((v): v is Json => v !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof value === "object") {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      const c = compactValue(v);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
};

/** `YYYY-MM-DD` → an OCDS date-time: start of day for starts, 23:59:59 for ends (the profile's rule), UTC. */
export const dayToDateTime = (day: string | null, end: boolean): string | undefined =>
  day ? `${day.slice(0, 10)}T${end ? "23:59:59" : "00:00:00"}Z` : undefined;
