import { Command, Option } from "commander";
import { usageError } from "../errors";
import { orgHitsView, orgProfileView } from "../output/org-views";
import { type OrgSearch, orgNumberOf } from "../transport/organizations";
import { contextOf, examples, type Io, limitOf, printJson, viewOptions } from "./shared";

type OrgOptions = { role?: string; limit?: string; cursor?: string };

/**
 * `doffin org <orgnr|name>`: an organisation number (9 digits, spaces, `NO … MVA` allowed) shows that
 * organisation as buyer and as supplier; anything else is a name search listing the matches. The data
 * is the tracker's (eForms XML), so this needs a gateway.
 */
export function orgCommand(io: Io): Command {
  return new Command("org")
    .description("an organisation as buyer and supplier (by org number), or a name search (needs a gateway)")
    .argument("<orgnr-or-name...>", "organisation number (974760673, NO 974 760 673 MVA) or part of a name")
    .addOption(
      new Option("--role <role>", "name search: only buyers or only suppliers").choices([
        "buyer",
        "supplier",
      ]),
    )
    .option("--limit <n>", "hits per page (name search, default 20) or awards per page (default 50), 1-100")
    .option("--cursor <cursor>", "continue from the previous answer's next cursor")
    .addHelpText(
      "after",
      examples([
        "doffin org 974760673",
        'doffin org "NO 974 760 673 MVA" --json',
        "doffin org tromso --role buyer",
        "doffin org oslo kommune --limit 50",
      ]),
    )
    .action(async (words: string[], o: OrgOptions, self: Command) => {
      const input = words.join(" ").trim();
      const limit = limitOf(o.limit);
      const ctx = contextOf(self);
      const view = viewOptions(self, io);
      const orgNumber = orgNumberOf(input);
      if (orgNumber) {
        if (o.role) throw usageError("--role narrows a name search; an organisation number shows both roles");
        const profile = await ctx.transport.organization(orgNumber, { limit, cursor: o.cursor });
        if (ctx.json) return printJson(io, profile);
        io.stdout(`${orgProfileView(profile, view)}\n`);
        if (profile.asSupplier.nextCursor)
          io.stderr(`doffin: more awards: add --cursor ${profile.asSupplier.nextCursor}\n`);
        return;
      }
      if (/^[\d\s]+$/.test(input))
        throw usageError(`"${input}" is not an organisation number; they have 9 digits`);
      if (input.length < 2) throw usageError("give at least 2 characters of the name");
      const query: OrgSearch = { q: input, limit, cursor: o.cursor };
      if (o.role === "buyer" || o.role === "supplier") query.role = o.role;
      const page = await ctx.transport.organizations(query);
      if (ctx.json) return printJson(io, page);
      io.stdout(`${orgHitsView(page.items, view)}\n`);
      if (page.nextCursor) io.stderr(`doffin: more organisations: add --cursor ${page.nextCursor}\n`);
    });
}
