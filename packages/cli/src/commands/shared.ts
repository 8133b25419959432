import type { Command } from "commander";
import { type Context, createContext, type GlobalOptions } from "../context";
import { usageError } from "../errors";
import { langOf } from "../output/labels";
import type { ViewOptions } from "../output/views";

/** The writers commands print through; injectable so the program can be driven in-process. */
export type Io = {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdoutColumns?: number;
  stderrIsTty: boolean;
  stderrColumns?: number;
};

export const processIo = (): Io => {
  const io: Io = {
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
    stderrIsTty: process.stderr.isTTY === true,
  };
  if (process.stdout.columns) io.stdoutColumns = process.stdout.columns;
  if (process.stderr.columns) io.stderrColumns = process.stderr.columns;
  return io;
};

/** Holds the context of the running command so the top-level error handler can name the target. */
export const running: { ctx: Context | null } = { ctx: null };

export function contextOf(cmd: Command): Context {
  const ctx = createContext(cmd.optsWithGlobals() as GlobalOptions);
  running.ctx = ctx;
  return ctx;
}

export const printJson = (io: Io, value: unknown): void => io.stdout(`${JSON.stringify(value, null, 2)}\n`);

/** Examples block for --help. */
export const examples = (lines: string[]): string =>
  `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;

/** How the command's tables are drawn: terminal width (80 when not a terminal), `--lang`, `--wide`. */
export function viewOptions(cmd: Command, io: Io): ViewOptions & { lang: "nb" | "en" } {
  const o = cmd.optsWithGlobals() as GlobalOptions;
  return {
    lang: langOf(o.lang),
    wide: o.wide === true,
    ...(io.stdoutColumns ? { width: io.stdoutColumns } : {}),
  };
}

/** A `--limit` of 1-100 (undefined when not given); anything else is a usage error. */
export const limitOf = (v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n < 1 || n > 100)
    throw usageError(`--limit must be a whole number from 1 to 100, got "${v}"`);
  return n;
};

/** Waits `ms`, in short steps so Ctrl-C (the stop signal) ends a poll loop at once. */
export async function sleepUnlessStopped(ms: number, stopSignal: { stopped: boolean }): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && !stopSignal.stopped) {
    await new Promise((r) => setTimeout(r, Math.min(200, until - Date.now())));
  }
}
