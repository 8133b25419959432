import { Command } from "commander";
import { addSearchOptions, parseSearchOptions, SEARCH_FIELDS } from "../filters";
import { searchView } from "../output/views";
import { contextOf, examples, type Io, printJson, viewOptions } from "./shared";

export function searchCommand(io: Io): Command {
  const cmd = new Command("search")
    .description("search notices (one page; at most the first 1000 hits of a query, as on Doffin)")
    .argument("[query...]", "free text, matched against headings and descriptions (the same as --q)");
  addSearchOptions(cmd, SEARCH_FIELDS).addHelpText(
    "after",
    examples([
      'doffin search "skoleskyss" --status ACTIVE',
      "doffin search --cpv '72*' --location Oslo --type COMPETITION --limit 50",
      "doffin search --published-from 2026-01-01 --published-to 2026-01-31 --json | jq '.items[].id'",
    ]),
  );
  cmd.action(async (words: string[], opts: Record<string, unknown>, self: Command) => {
    const query = parseSearchOptions(SEARCH_FIELDS, words, opts);
    const view = viewOptions(self, io);
    const ctx = contextOf(self);
    const result = await ctx.transport.search(query);
    if (ctx.json) printJson(io, result);
    else io.stdout(`${searchView(result, view)}\n`);
  });
  return cmd;
}
