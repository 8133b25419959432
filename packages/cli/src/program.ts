import { Command, CommanderError } from "commander";
import { changesCommand } from "./commands/changes";
import { codesCommand } from "./commands/codes";
import { exportCommand } from "./commands/export";
import { jobsCommand } from "./commands/jobs";
import { keysCommand } from "./commands/keys";
import { noticeCommand } from "./commands/notice";
import { ocdsCommand } from "./commands/ocds";
import { orgCommand } from "./commands/org";
import { searchCommand } from "./commands/search";
import { searchesCommand } from "./commands/searches";
import { examples, type Io, processIo, running } from "./commands/shared";
import { watchCommand } from "./commands/watch";
import { globalOptions } from "./context";
import { CliError, EXIT, EXIT_CODES_HELP, oneLine, toCliError } from "./errors";

export const CLI_VERSION = "0.1.0";

export function buildProgram(io: Io, stopSignal: { stopped: boolean }): Command {
  const program = new Command("doffin")
    .description(
      "Norwegian public procurement notices (Doffin) from the command line: through a doffin-gateway, or directly (--direct).",
    )
    .version(CLI_VERSION, "-V, --version")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      // Commander's own error text is replaced by our one-line "doffin: ..." in `run`.
      outputError: () => {},
    });
  for (const opt of globalOptions()) program.addOption(opt);
  program.addHelpText(
    "after",
    `
Environment:
  DOFFIN_GATEWAY_URL   gateway base URL (default http://127.0.0.1:8787; \`npm run demo\` starts one)
  DOFFIN_UPSTREAM_URL  Doffin base URL for --direct (default https://api.doffin.no)
  DOFFIN_API_KEY       Public API subscription key (--direct --upstream-kind public-api)
  DOFFIN_GATEWAY_KEY   the gateway API key for saved searches (\`doffin searches\`, \`doffin watch\`)

${EXIT_CODES_HELP}
${examples([
  'doffin search "brannbil" --status ACTIVE',
  "doffin notice 2026-107918",
  "doffin codes cpv programvare",
  "doffin org 974760673",
  "doffin export --cpv '72*' --format csv -o it.csv",
  "doffin --direct --upstream-url http://127.0.0.1:8790 search --type RESULT",
])}`,
  );
  const commands = [
    searchCommand(io),
    noticeCommand(io),
    changesCommand(io, stopSignal),
    orgCommand(io),
    codesCommand(io),
    exportCommand(io, stopSignal),
    keysCommand(io),
    jobsCommand(io, stopSignal),
    ocdsCommand(io),
    searchesCommand(io),
    watchCommand(io, stopSignal),
  ];
  for (const c of commands) {
    // Subcommands inherit the one-line error handling and the exit-code help.
    c.exitOverride().configureOutput(program.configureOutput());
    c.addHelpText("afterAll", `\n${EXIT_CODES_HELP}\n`);
    for (const sub of c.commands) sub.exitOverride().configureOutput(program.configureOutput());
    program.addCommand(c);
  }
  return program;
}

/**
 * Runs the CLI and returns the exit code instead of exiting, so tests and embedders can drive it.
 * Errors print exactly one line on stderr: `doffin: <message>`.
 */
export async function run(
  argv: string[],
  io: Io = processIo(),
  stopSignal = { stopped: false },
): Promise<number> {
  const program = buildProgram(io, stopSignal);
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT.ok; // --help, --version
      // A command group called without a subcommand: the help it printed on stderr says enough.
      if (err.code === "commander.help") return EXIT.usage;
      io.stderr(`doffin: ${oneLine(err.message.replace(/^error:\s*/, ""))}\n`);
      return EXIT.usage;
    }
    const ctx = running.ctx;
    const cliErr =
      ctx?.budgetExceeded() === true && !(err instanceof CliError && err.exitCode === EXIT.interrupted)
        ? new CliError(
            EXIT.interrupted,
            "stopped after --max-requests requests; an export continues with the same command plus --resume",
          )
        : toCliError(err, ctx?.target);
    io.stderr(`doffin: ${oneLine(cliErr.message)}\n`);
    return cliErr.exitCode;
  }
}
