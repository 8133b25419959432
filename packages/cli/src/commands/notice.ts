import { NOTICE_ID_PATTERN } from "@doffin/core";
import { Command } from "commander";
import { usageError } from "../errors";
import { noticeView } from "../output/views";
import { contextOf, examples, type Io, printJson, viewOptions } from "./shared";

export function noticeCommand(io: Io): Command {
  return new Command("notice")
    .description("show one notice in full")
    .argument("<id>", "Doffin notice id, e.g. 2026-107918")
    .addHelpText(
      "after",
      examples(["doffin notice 2026-107918", "doffin notice 2026-107918 --json | jq .deadline"]),
    )
    .action(async (id: string, _opts: unknown, self: Command) => {
      const trimmed = id.trim();
      if (!NOTICE_ID_PATTERN.test(trimmed)) {
        throw usageError(`"${id}" is not a Doffin notice id; they look like 2026-107918`);
      }
      const { lang } = viewOptions(self, io);
      const ctx = contextOf(self);
      const notice = await ctx.transport.notice(trimmed);
      if (ctx.json) printJson(io, notice);
      else io.stdout(`${noticeView(notice, lang)}\n`);
    });
}
