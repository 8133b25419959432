/**
 * One JSON line per event. Client errors go to `console.info`: `wrangler dev` prints `console.error`
 * as a red `✘ [ERROR]` block, which a 404 or a bad query is not. Our own failures go to `console.error`.
 */
export function logLine(level: "info" | "warn" | "error", fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.info(line);
}
