import { isNotFoundError, isUpstreamError } from "@doffin/core";

/**
 * Exit codes scripts can rely on. Documented in `doffin --help` and the README; never renumber.
 */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  notFound: 3,
  unavailable: 4,
  incomplete: 5,
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0    success
  1    unexpected error (a bug: please report it)
  2    bad usage or invalid input (unknown option, bad date, unknown CPV code or location ...)
  3    not found (unknown notice id)
  4    upstream or gateway unavailable or failing (unreachable, 5xx, timeout, rate limited)
  5    export incomplete: fewer notices written than counted (the missing windows and ids are named)
  130  interrupted (Ctrl-C / SIGTERM); an export can be resumed with --resume`;

/** An error with a one-line message for stderr and the exit code that goes with it. */
export class CliError extends Error {
  override readonly name = "CliError";
  readonly exitCode: ExitCode;
  constructor(exitCode: ExitCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

export const usageError = (message: string): CliError => new CliError(EXIT.usage, message);

/** Where the request went, so "unreachable" messages can name it. */
export type Target = { url: string; mode: "gateway" | "direct" };

const demoHint = "Start the local stack with `npm run demo` (gateway on http://127.0.0.1:8787)";

/** Maps anything thrown by a transport or by core to a CliError with an actionable one-line message. */
export function toCliError(err: unknown, target?: Target): CliError {
  if (err instanceof CliError) return err;
  if (isNotFoundError(err)) return new CliError(EXIT.notFound, err.message, { cause: err });
  if (isUpstreamError(err)) {
    const where = target ? ` at ${target.url}` : "";
    if (err.kind === "network") {
      const hint =
        target?.mode === "direct"
          ? "check --upstream-url / DOFFIN_UPSTREAM_URL or use the emulator"
          : `${demoHint}, or pass --base-url / DOFFIN_GATEWAY_URL`;
      return new CliError(EXIT.unavailable, `cannot reach Doffin${where}: ${err.message}. ${hint}.`, {
        cause: err,
      });
    }
    if (err.kind === "timeout") {
      return new CliError(EXIT.unavailable, `Doffin${where} did not answer in time (${err.message})`, {
        cause: err,
      });
    }
    if (err.status === 429) {
      const wait = err.retryAfterSeconds ? `; retry in ${err.retryAfterSeconds} s` : "";
      return new CliError(EXIT.unavailable, `Doffin${where} is rate limiting us${wait}`, { cause: err });
    }
    if (err.status === 401 || err.status === 403) {
      return new CliError(
        EXIT.usage,
        `Doffin${where} refused the request (${err.status}): set DOFFIN_API_KEY to a valid Public API key`,
        { cause: err },
      );
    }
    if (err.kind === "http" && err.status !== null && err.status >= 400 && err.status < 500) {
      return new CliError(EXIT.usage, `Doffin${where} rejected the request: ${err.message}`, { cause: err });
    }
    return new CliError(EXIT.unavailable, `Doffin${where} failed: ${err.message}`, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new CliError(EXIT.unexpected, `unexpected error: ${message}`, { cause: err });
}

/** A contract's public parameter name → the CLI flag: `published_from` → `--published-from`. */
export const flagOf = (name: string): string => `--${name.replace(/_/g, "-")}`;

/**
 * Core's and the API's messages are written for HTTP clients; on the command line their hints must
 * name the CLI's own commands and flags instead (no "GET /v1/…", no query-parameter names).
 */
export function cliWording(message: string): string {
  return message
    .replace(/\(?see GET \/v1\/codes\/locations\)?/g, "(see `doffin codes locations`)")
    .replace(/GET \/v1\/codes\/cpv(\?q=\S*)?/g, "`doffin codes cpv <words>`")
    .replace(/follow the change feed at \/v1\/changes/g, "use `doffin export` for every hit")
    .replace(/;?\s*see issues\.?$/i, "")
    .replace(/\bpage × limit\b/g, "--page × --limit")
    .replace(/\bboth kind and\b/g, "both --kind and")
    .replace(/\b(published_from|published_to|contract_nature|exclude_kind|notice_id)\b/g, (name) =>
      flagOf(name),
    );
}

/** Keeps stderr to one line whatever the message contains. */
export const oneLine = (message: string): string => message.replace(/\s*\n\s*/g, " ").trim();
