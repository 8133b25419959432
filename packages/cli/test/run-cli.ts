import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { run } from "../src/program";

export const BIN = fileURLToPath(new URL("../dist/doffin.js", import.meta.url));

export type CliResult = {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
};

/** Runs `node dist/doffin.js …` as a child process, with a clean environment (no real gateway/keys). */
export function runCli(
  args: string[],
  opts: {
    env?: Record<string, string>;
    onStdout?: (chunk: string, kill: (s: NodeJS.Signals) => void) => void;
    /** Gets the child right after spawn, e.g. to signal it once it has made progress. */
    onSpawn?: (child: ChildProcess) => void;
  } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      ...opts.env,
    };
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      stdout += c;
      opts.onStdout?.(c, (s) => child.kill(s));
    });
    child.stderr.setEncoding("utf8").on("data", (c: string) => {
      stderr += c;
    });
    opts.onSpawn?.(child);
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The error contract: exactly one line on stderr, starting with `doffin: `. */
export function oneErrorLine(stderr: string): string {
  const lines = stderr.split("\n").filter(Boolean);
  if (lines.length !== 1 || !lines[0]?.startsWith("doffin: ")) {
    throw new Error(`expected one "doffin: …" line on stderr, got:\n${stderr}`);
  }
  return lines[0];
}

/** The `id` of every NDJSON record in a text (stdout) — in order, duplicates kept. */
export function ndjsonIds(text: string): string[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => (JSON.parse(l) as { id: string }).id);
}

/** The `id` of every record of an NDJSON export file. */
export const ndjsonFileIds = (path: string): string[] => ndjsonIds(readFileSync(path, "utf8"));

/** Runs the CLI in-process (the same code as the binary, no build needed) and collects what it prints. */
export async function runInProcess(
  argv: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    stderrIsTty: false,
  });
  return { code, stdout, stderr };
}
