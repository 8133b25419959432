import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { HarvestState } from "@doffin/core";
import { z } from "zod";
import { usageError } from "../errors";

/**
 * What an interrupted export leaves next to its output (`<output>.state.json`): the harvest splitter's
 * serializable state plus what the export was asked for, so `--resume` refuses to continue a different
 * export into the same file. Which notices were written is read back from the output itself.
 */
export const ExportState = z.object({
  v: z.literal(1),
  format: z.enum(["ndjson", "csv"]),
  /** The export's filters in canonical JSON, compared on resume. */
  filters: z.string(),
  total: z.number(),
  startedAt: z.string(),
  /** The last publication day harvested (Oslo date); moves on when notices turn up past it. */
  upTo: z.string().optional(),
  harvest: HarvestState,
});
export type ExportState = z.infer<typeof ExportState>;

export function loadState(path: string): ExportState | null {
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw usageError(`the state file ${path} is not valid JSON; delete it to start the export afresh`);
  }
  const parsed = ExportState.safeParse(raw);
  if (!parsed.success) {
    throw usageError(`the state file ${path} is not an export state; delete it to start the export afresh`);
  }
  return parsed.data;
}

/** Atomic: a crash mid-save leaves the previous state, never a torn file. */
export function saveState(path: string, state: ExportState): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, path);
}

export function removeState(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.tmp`, { force: true });
}
