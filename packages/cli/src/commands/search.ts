import { Command } from "commander";
import { addFilterOptions, parseFilters, type RawFilterOptions } from "../filters";
import { searchView } from "../output/views";
import { contextOf, examples, type Io, printJson } from "./shared";

export function searchCommand(io: Io): Command {
  const cmd = new Command("search")
    .description("search notices (one page; at most the first 1000 hits of a query, as on Doffin)")
    .argument("[query...]", "free text, matched against headings and descriptions");
  addFilterOptions(cmd)
    .option("--sort <order>", "relevance | published_desc | published_asc | deadline")
    .option("--page <n>", "page number, from 1", "1")
    .option("--limit <n>", "hits per page, 1-100", "20")
    .addHelpText(
      "after",
      examples([
        'doffin search "skoleskyss" --status ACTIVE',
        "doffin search --cpv '72*' --location Oslo --type COMPETITION --limit 50",
        "doffin search --published-from 2026-01-01 --published-to 2026-01-31 --json | jq '.items[].id'",
      ]),
    )
    .action(async (words: string[], opts: RawFilterOptions, self: Command) => {
      const filters = parseFilters(words.join(" "), opts);
      const ctx = contextOf(self);
      const result = await ctx.transport.search(filters);
      if (ctx.json) printJson(io, result);
      else io.stdout(`${searchView(result, io.stdoutColumns)}\n`);
    });
  return cmd;
}
