import { createWriteStream } from "node:fs";
import { OCDS_FILTER_PARAMS, OcdsFilterFields, OcdsRecordsQuery, OcdsReleasesQuery } from "@doffin/core";
import { Command, Option } from "commander";
import { CliError, EXIT, flagOf, usageError } from "../errors";
import { issuesMessage, keyOf, schemaHelp } from "../filters";
import { errorFrom } from "../transport/gateway";
import { contextOf, examples, type Io, printJson } from "./shared";

/**
 * `doffin ocds releases|records|export`: the gateway's OCDS publication (`/ocds/*`, needs a gateway).
 * The flags are the fields of core's OCDS query contract (`OcdsFilterFields`, the object `/ocds/releases`
 * and `/ocds/records` validate) by their contract names (`--contract-type` for `contract_type`), with
 * the contract's descriptions and values as help. Values are checked with the same schema before any
 * request, so a malformed value is a usage error (exit 2) in the gateway's words; whether a value exists
 * in the stored releases only the gateway knows, and its 400 (with suggestions) is shown the same way.
 */

type Options = Record<string, string | boolean | undefined>;
type OcdsQuerySchema = typeof OcdsReleasesQuery | typeof OcdsRecordsQuery;

/** The paging fields the commands that show one page offer as flags (`export` pages itself). */
const PAGE_FIELDS = ["page_size", "cursor"] as const;

function withFilters(cmd: Command, paging: readonly (typeof PAGE_FIELDS)[number][] = ["page_size"]): Command {
  for (const p of OCDS_FILTER_PARAMS)
    cmd.addOption(new Option(`${flagOf(p)} <value>`, schemaHelp(p, OcdsFilterFields.shape[p])));
  for (const p of paging)
    cmd.addOption(new Option(`${flagOf(p)} <value>`, schemaHelp(p, OcdsReleasesQuery.shape[p])));
  return cmd;
}

/** The options → the query string as given, after the contract accepted it (else a usage error). */
function query(schema: OcdsQuerySchema, o: Options, extra: Record<string, string | undefined> = {}) {
  const raw: Record<string, string> = {};
  for (const p of [...OCDS_FILTER_PARAMS, ...PAGE_FIELDS]) {
    const v = o[keyOf(p)];
    if (typeof v === "string") raw[p] = v;
  }
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) raw[k] = v;
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw usageError(
      issuesMessage(
        parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
      ),
    );
  return new URLSearchParams(raw);
}

type Page = { releases?: unknown[]; records?: unknown[]; links?: { next?: string } };

/** One GET against the gateway; its error envelope → CliError (400 → usage, 404 → not found). */
async function getPage(base: string, pathAndQuery: string): Promise<Page> {
  let res: Response;
  try {
    res = await fetch(new URL(pathAndQuery, `${base}/`), { headers: { accept: "application/json" } });
  } catch (err) {
    throw new CliError(EXIT.unavailable, `cannot reach the gateway at ${base} (${(err as Error).message})`);
  }
  if (!res.ok) throw await errorFrom(res, base);
  return (await res.json()) as Page;
}

function gatewayOf(self: Command): string {
  const ctx = contextOf(self);
  if (ctx.target.mode !== "gateway") throw usageError("doffin ocds needs a gateway (drop --direct)");
  return ctx.target.url.replace(/\/+$/, "");
}

/** Follows links.next to the end, handing each item to `each`. Returns the number of items. */
async function crawl(
  base: string,
  first: string,
  key: "releases" | "records",
  each: (x: unknown) => Promise<void>,
) {
  let next: string | undefined = first;
  let n = 0;
  while (next) {
    const page = await getPage(base, next);
    for (const item of page[key] ?? []) {
      await each(item);
      n++;
    }
    const link = page.links?.next;
    next = link ? `${new URL(link).pathname.slice(1)}${new URL(link).search}` : undefined;
  }
  return n;
}

export function ocdsCommand(io: Io): Command {
  const cmd = new Command("ocds").description(
    "OCDS 1.1 releases and records published by the gateway (needs a gateway)",
  );
  cmd.addCommand(
    withFilters(new Command("releases").description("one page of the release package (JSON)"), PAGE_FIELDS)
      .addHelpText(
        "after",
        examples([
          "doffin ocds releases --buyer 974760673 --year 2026",
          "doffin ocds releases --tag award --page-size 10",
        ]),
      )
      .action(async (o: Options, self: Command) => {
        const base = gatewayOf(self);
        printJson(io, await getPage(base, `ocds/releases?${query(OcdsReleasesQuery, o)}`));
      }),
  );
  cmd.addCommand(
    withFilters(new Command("records").description("one page of the record package (JSON)"), PAGE_FIELDS)
      .option("--no-embed", "list release URLs instead of embedding the releases")
      .addHelpText(
        "after",
        examples([
          "doffin ocds records --supplier 884039312",
          "doffin ocds records --ocid ocds-xxxxxx-… --no-embed",
        ]),
      )
      .action(async (o: Options, self: Command) => {
        const base = gatewayOf(self);
        const extra = { embed: o.embed === false ? "false" : undefined };
        printJson(io, await getPage(base, `ocds/records?${query(OcdsRecordsQuery, o, extra)}`));
      }),
  );
  cmd.addCommand(
    withFilters(
      new Command("export").description("every matching release (or record) as NDJSON, following links.next"),
    )
      .option("--records", "records instead of releases")
      .option("-o, --output <file>", "write to this file instead of stdout")
      .addHelpText(
        "after",
        examples([
          "doffin ocds export --year 2026 -o 2026.ndjson",
          "doffin ocds export --records --buyer 974760673",
        ]),
      )
      .action(async (o: Options, self: Command) => {
        const base = gatewayOf(self);
        const key = o.records ? "records" : "releases";
        const out = typeof o.output === "string" ? createWriteStream(o.output) : null;
        const write = (line: string) =>
          out
            ? new Promise<void>((ok, fail) => out.write(line, (e) => (e ? fail(e) : ok())))
            : Promise.resolve(io.stdout(line));
        const q = query(o.records ? OcdsRecordsQuery : OcdsReleasesQuery, o);
        const n = await crawl(base, `ocds/${key}?${q}`, key, (x) => write(`${JSON.stringify(x)}\n`));
        if (out) await new Promise<void>((ok) => out.end(ok));
        io.stderr(`doffin: ${n} ${key} written${out ? ` to ${o.output}` : ""}\n`);
      }),
  );
  return cmd;
}
