import type { CacheEntry } from "../cache";

/**
 * Cached bodies are stored serialized (KV holds strings); REST serves the bytes as they are, tools need
 * the value. The memory LRU hands out the same entry object on every hit, so the parse is done once per
 * entry and a hot tool call costs no more JSON work than the REST call serving the same bytes.
 */
const parsed = new WeakMap<CacheEntry, unknown>();

/** The JSON value of a cached 200 body (validated by its schema before it was stored). */
export function bodyOf<T>(entry: CacheEntry): T {
  if (parsed.has(entry)) return parsed.get(entry) as T;
  const value = JSON.parse(entry.body) as T;
  parsed.set(entry, value);
  return value;
}
