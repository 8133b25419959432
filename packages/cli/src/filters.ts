import {
  ACCESSIBLE_HITS_CAP,
  CONTRACT_NATURES,
  MAX_PAGE_SIZE,
  NOTICE_STATUSES,
  NOTICE_TYPES,
  SORT_ORDERS,
} from "@doffin/core";
import { type Command, Option } from "commander";
import { usageError } from "./errors";
import type { CliFilters } from "./transport/types";

/** Repeatable and comma-separated: `--type RESULT --type COMPETITION` = `--type RESULT,COMPETITION`. */
export const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean),
];

/** The search filters shared by `search` and `export` (the same names as the API's query). */
export function addFilterOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        "--type <type>",
        `notice type, repeatable or comma-separated (${NOTICE_TYPES.join(", ")})`,
      ).argParser(collect),
    )
    .addOption(
      new Option("--status <status>", `status, repeatable (${NOTICE_STATUSES.join(", ")})`).argParser(
        collect,
      ),
    )
    .addOption(
      new Option("--cpv <code>", "CPV code or prefix, repeatable (72000000, 72*, 45000000-7)").argParser(
        collect,
      ),
    )
    .addOption(
      new Option(
        "--location <loc>",
        'NUTS code or county/region name, repeatable (NO081, "Oslo", Vestland)',
      ).argParser(collect),
    )
    .addOption(
      new Option(
        "--contract-nature <nature>",
        `contract nature, repeatable (${CONTRACT_NATURES.join(", ")})`,
      ).argParser(collect),
    )
    .option("--published-from <date>", "published on or after (YYYY-MM-DD)")
    .option("--published-to <date>", "published on or before (YYYY-MM-DD)");
}

export type RawFilterOptions = {
  type?: string[];
  status?: string[];
  cpv?: string[];
  location?: string[];
  contractNature?: string[];
  publishedFrom?: string;
  publishedTo?: string;
  sort?: string;
  page?: string;
  limit?: string;
};

function enumList(
  name: string,
  values: string[] | undefined,
  allowed: readonly string[],
): string[] | undefined {
  if (!values || values.length === 0) return undefined;
  return values.map((v) => {
    const up = v.toUpperCase().replace(/-/g, "_");
    if (!allowed.includes(up)) throw usageError(`unknown ${name} "${v}"; use one of ${allowed.join(", ")}`);
    return up;
  });
}

/** A real calendar day in YYYY-MM-DD (rejects 2026-02-30). */
export function isoDay(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(d.getTime()) ||
    d.toISOString().slice(0, 10) !== value
  ) {
    throw usageError(`--${name} must be a date like 2026-01-31, got "${value}"`);
  }
  return value;
}

export function intOption(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
  dflt: number,
): number {
  if (value === undefined) return dflt;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < min || n > max) {
    throw usageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/**
 * Validates and normalizes the filter options before any request is made, so bad input fails fast with
 * exit code 2 and the same rules the API applies (page × limit ≤ 1000, from ≤ to).
 */
export function parseFilters(q: string | undefined, o: RawFilterOptions): CliFilters {
  const publishedFrom = isoDay("published-from", o.publishedFrom);
  const publishedTo = isoDay("published-to", o.publishedTo);
  if (publishedFrom && publishedTo && publishedFrom > publishedTo) {
    throw usageError(`--published-from (${publishedFrom}) is after --published-to (${publishedTo})`);
  }
  const page = intOption("page", o.page, 1, ACCESSIBLE_HITS_CAP, 1);
  const limit = intOption("limit", o.limit, 1, MAX_PAGE_SIZE, 20);
  if (page * limit > ACCESSIBLE_HITS_CAP) {
    throw usageError(
      `--page × --limit may not exceed ${ACCESSIBLE_HITS_CAP} (Doffin serves only the first ${ACCESSIBLE_HITS_CAP} hits); narrow the filters or use \`doffin export\``,
    );
  }
  let sort: string | undefined;
  if (o.sort !== undefined) {
    sort = o.sort.toLowerCase();
    if (!(SORT_ORDERS as readonly string[]).includes(sort)) {
      throw usageError(`unknown --sort "${o.sort}"; use one of ${SORT_ORDERS.join(", ")}`);
    }
  }
  const text = q?.trim();
  if (text && text.length > 500) throw usageError("the search text may be at most 500 characters");
  const filters: CliFilters = { page, limit };
  if (text) filters.q = text;
  const types = enumList("type", o.type, NOTICE_TYPES);
  if (types) filters.types = types;
  const statuses = enumList("status", o.status, NOTICE_STATUSES);
  if (statuses) filters.statuses = statuses;
  const natures = enumList("contract nature", o.contractNature, CONTRACT_NATURES);
  if (natures) filters.contractNatures = natures;
  if (o.cpv?.length) filters.cpv = o.cpv;
  if (o.location?.length) filters.locations = o.location;
  if (publishedFrom) filters.publishedFrom = publishedFrom;
  if (publishedTo) filters.publishedTo = publishedTo;
  if (sort) filters.sort = sort;
  return filters;
}
