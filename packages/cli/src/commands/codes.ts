import { Command } from "commander";
import { codesView } from "../output/views";
import { contextOf, examples, type Io, printJson } from "./shared";

export function codesCommand(io: Io): Command {
  const codes = new Command("codes").description("code lists: CPV codes and locations");
  codes
    .command("cpv")
    .description("the CPV tree, or CPV codes whose label or code matches a query")
    .argument("[query...]", "text or code to look for (Norwegian or English), e.g. programvare, 7221")
    .option("--flat", "a flat list instead of the tree")
    .addHelpText(
      "after",
      examples(["doffin codes cpv programvare", "doffin codes cpv --flat --json > cpv.json"]),
    )
    .action(async (words: string[], opts: { flat?: boolean }, self: Command) => {
      const ctx = contextOf(self);
      const q = words.join(" ").trim();
      const list = await ctx.transport.cpvCodes({ ...(q ? { q } : {}), flat: opts.flat === true });
      if (ctx.json) printJson(io, list.raw);
      else io.stdout(`${codesView(list.rows, io.stdoutColumns)}\n`);
    });
  codes
    .command("locations")
    .description("Norwegian NUTS regions and counties (legacy NUTS 2021 codes flagged) and anyw* codes")
    .addHelpText("after", examples(["doffin codes locations", "doffin codes locations --json"]))
    .action(async (_opts: unknown, self: Command) => {
      const ctx = contextOf(self);
      const list = await ctx.transport.locations();
      if (ctx.json) printJson(io, list.raw);
      else io.stdout(`${codesView(list.rows, io.stdoutColumns)}\n`);
    });
  return codes;
}
