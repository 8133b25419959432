import { createWriteStream } from "node:fs";
import { Command } from "commander";
import { CliError, EXIT, usageError } from "../errors";
import { errorFrom } from "../transport/gateway";
import { contextOf, examples, type Io, printJson } from "./shared";

/**
 * `doffin ocds releases|records|export`: the gateway's OCDS publication (`/ocds/*`, needs a gateway).
 * The flags are the `/ocds/releases` filters by their contract names (`--contract-type` for
 * `contract_type`); the gateway validates them with the OCDS contract, so a bad or unknown value is the
 * gateway's 400 with suggestions, shown as a usage error (exit 2).
 */

/** The filter parameters of `@doffin/contracts/ocds` (OCDS_RELEASE_PARAMS without the paging ones). */
const FILTERS = [
  ["buyer", "buyer organisation number or name"],
  ["supplier", "supplier organisation number or name"],
  ["year", "year of the release date"],
  ["cpv", "CPV code or prefix (72, 722*, 72212000)"],
  ["contract_type", "goods, works or services"],
  ["award_criteria", "price, cost or quality"],
  ["buyer_country", "ISO 3166-1 alpha-2 (NO)"],
  ["supplier_country", "ISO 3166-1 alpha-2 (SE)"],
  ["tag", "release tag (tender, award, tenderAmendment …)"],
  ["ocid", "one contracting process"],
  ["date_from", "release date at or after (timestamp or YYYY-MM-DD)"],
  ["date_to", "release date before"],
  ["updated_since", "stored by the gateway at or after"],
] as const;

const camel = (p: string) => p.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const flag = (p: string) => `--${p.replace(/_/g, "-")}`;

type Options = Record<string, string | boolean | undefined>;

function withFilters(cmd: Command): Command {
  for (const [p, what] of FILTERS) cmd.option(`${flag(p)} <value>`, what);
  return cmd.option("--page-size <n>", "1-1000 per request (default 100)");
}

function query(o: Options, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const q = new URLSearchParams();
  for (const [p] of FILTERS) {
    const v = o[camel(p)];
    if (typeof v === "string") q.set(p, v);
  }
  if (typeof o.pageSize === "string") q.set("page_size", o.pageSize);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) q.set(k, v);
  return q;
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
    withFilters(new Command("releases").description("one page of the release package (JSON)"))
      .option("--cursor <cursor>", "the cursor of a previous page's links.next")
      .addHelpText(
        "after",
        examples([
          "doffin ocds releases --buyer 974760673 --year 2026",
          "doffin ocds releases --tag award --page-size 10",
        ]),
      )
      .action(async (o: Options, self: Command) => {
        const base = gatewayOf(self);
        printJson(
          io,
          await getPage(base, `ocds/releases?${query(o, { cursor: o.cursor as string | undefined })}`),
        );
      }),
  );
  cmd.addCommand(
    withFilters(new Command("records").description("one page of the record package (JSON)"))
      .option("--no-embed", "list release URLs instead of embedding the releases")
      .option("--cursor <cursor>", "the cursor of a previous page's links.next")
      .addHelpText(
        "after",
        examples([
          "doffin ocds records --supplier 884039312",
          "doffin ocds records --ocid ocds-xxxxxx-… --no-embed",
        ]),
      )
      .action(async (o: Options, self: Command) => {
        const base = gatewayOf(self);
        const extra = {
          cursor: o.cursor as string | undefined,
          embed: o.embed === false ? "false" : undefined,
        };
        printJson(io, await getPage(base, `ocds/records?${query(o, extra)}`));
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
        const n = await crawl(base, `ocds/${key}?${query(o)}`, key, (x) => write(`${JSON.stringify(x)}\n`));
        if (out) await new Promise<void>((ok) => out.end(ok));
        io.stderr(`doffin: ${n} ${key} written${out ? ` to ${o.output}` : ""}\n`);
      }),
  );
  return cmd;
}
