import { checkJobSearch, JOB_LIST_PARAMS, JobSearchQuery } from "@doffin/core";
import { type Command, Option } from "commander";
import { usageError } from "../errors";
import { collect, enumValues, issuesMessage, rawParams } from "../filters";

/**
 * The `jobs` filters, one flag per field of core's job search contract (`JobSearchQuery`), validated
 * by the same `parseJobSearchQuery` as the API and the tools, so a bad flag gets the same message.
 */

export type JobField = keyof typeof JobSearchQuery.shape;
export const JOB_FIELDS = Object.keys(JobSearchQuery.shape) as JobField[];
/** `facets` and `export` page and facet themselves. */
export const JOB_FILTER_FIELDS = JOB_FIELDS.filter(
  (f) => !["page", "limit", "offset", "facets", "sort"].includes(f),
);
const LISTS: readonly string[] = JOB_LIST_PARAMS;

const flag = (name: string) => `--${name.replace(/_/g, "-")}`;

export function addJobOptions(cmd: Command, fields: readonly JobField[]): Command {
  for (const name of fields) {
    if (name === "q") continue;
    const schema = JobSearchQuery.shape[name];
    const values = enumValues(schema);
    const help = [
      (schema.description ?? name).replace(/`/g, ""),
      ...(LISTS.includes(name) ? ["repeatable or comma-separated"] : []),
      ...(values ? [`one of ${values.join(", ")}`] : []),
    ].join("; ");
    const option = new Option(`${flag(name)} <value>`, help);
    cmd.addOption(LISTS.includes(name) ? option.argParser(collect) : option);
  }
  return cmd;
}

/** Flags (+ free-text words) → a validated job query, code lists and NAV's window checked too. */
export function parseJobOptions(
  fields: readonly JobField[],
  words: readonly string[],
  opts: Record<string, unknown>,
): JobSearchQuery {
  const checked = checkJobSearch(rawParams(fields, words, opts));
  if (!checked.ok) throw usageError(issuesMessage(checked.issues));
  return checked.query;
}
