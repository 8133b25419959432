/**
 * Finds the README examples that promise something of the offline demo and says what each promises.
 *
 * A block is an example when the line right before its ```bash fence is `<!-- example: demo -->`.
 * Each command of it (backslash continuations joined) is run in one shell per block, so variables set by
 * one command (`API=…`, `ETAG=$(…)`) reach the next. What a command promises is read from its trailing
 * comment: a 3-digit HTTP status (`# 400 with suggestions`, `# 304`) promises that status; anything else
 * promises data — no error envelope, and no empty list or zero total where results are counted. A variable
 * assignment only has to succeed.
 * Commands that cannot finish on their own (`--follow … Ctrl-C`) or open a browser are listed as skipped
 * with the reason, never dropped silently.
 */

/** `setup`: a variable assignment (`API=…`, `ETAG=$(…)`) whose value the next commands use. */
export type Expectation = { kind: "data" } | { kind: "status"; status: number } | { kind: "setup" };

export type Example = {
  /** README path relative to the repo root. */
  file: string;
  /** 1-based line of the command's first line. */
  line: number;
  /** The command as written (continuations joined), without its trailing comment. */
  command: string;
  comment: string;
  expect: Expectation;
  /** Why it is not run, when it is not. */
  skip?: string;
};

export type ExampleBlock = { file: string; line: number; examples: Example[] };

export const EXAMPLE_MARKER = "<!-- example: demo -->";

/**
 * One pass over a shell line: where its trailing `# comment` starts (-1 when none) and whether the line ends
 * inside a quoted string. `#` inside quotes is not a comment; `\\` escapes only inside double quotes.
 */
function scanShellLine(line: string): { commentAt: number; openQuote: boolean } {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === "\\" && quote === '"') i++;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "#" && (i === 0 || /\s/.test(line[i - 1] ?? "")))
      return { commentAt: i, openQuote: false };
  }
  return { commentAt: -1, openQuote: quote !== null };
}

/** The trailing `# comment` of a shell line, ignoring `#` inside quotes. */
export function splitComment(line: string): { code: string; comment: string } {
  const { commentAt: i } = scanShellLine(line);
  if (i < 0) return { code: line.trimEnd(), comment: "" };
  return { code: line.slice(0, i).trimEnd(), comment: line.slice(i + 1).trim() };
}

/** True when a shell line ends inside a quoted string (the command goes on on the next line). */
export function endsInQuote(line: string): boolean {
  return scanShellLine(line).openQuote;
}

function expectationOf(command: string, comment: string): Expectation {
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(command)) return { kind: "setup" };
  const status = /\b([345]\d\d)\b/.exec(comment)?.[1];
  return status ? { kind: "status", status: Number(status) } : { kind: "data" };
}

function skipReason(command: string, comment: string): string | undefined {
  if (/^(open|xdg-open)\s/.test(command)) return "opens a browser";
  if (/--follow\b/.test(command) || /Ctrl-C/i.test(comment)) return "runs until stopped";
  return undefined;
}

/** Every marked block of one README. */
export function extractExamples(file: string, markdown: string): ExampleBlock[] {
  const lines = markdown.split("\n");
  const blocks: ExampleBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== EXAMPLE_MARKER) continue;
    const fence = lines[i + 1]?.trim() ?? "";
    if (!/^```(bash|sh|shell)\s*$/.test(fence))
      throw new Error(`${file}:${i + 1}: ${EXAMPLE_MARKER} must stand right before a \`\`\`bash fence`);
    const examples: Example[] = [];
    let j = i + 2;
    for (; j < lines.length && lines[j]?.trim() !== "```"; j++) {
      const start = j;
      let text = lines[j] ?? "";
      if (text.trim() === "" || text.trim().startsWith("#")) continue;
      const parts: string[] = [];
      const comments: string[] = [];
      for (;;) {
        // A quoted argument that spans lines (a JSON body) continues verbatim on the next line.
        while (endsInQuote(text) && j + 1 < lines.length) {
          j++;
          text = `${text}\n${lines[j] ?? ""}`;
        }
        const { code, comment } = splitComment(text);
        if (comment) comments.push(comment);
        if (code.endsWith("\\") && j + 1 < lines.length) {
          parts.push(code.slice(0, -1).trimEnd());
          j++;
          text = lines[j] ?? "";
          continue;
        }
        parts.push(code);
        break;
      }
      const command = parts.map((p) => p.trim()).join(" ");
      const comment = comments.join(" ");
      const skip = skipReason(command, comment);
      examples.push({
        file,
        line: start + 1,
        command,
        comment,
        expect: expectationOf(command, comment),
        ...(skip ? { skip } : {}),
      });
    }
    if (j >= lines.length) throw new Error(`${file}:${i + 2}: unclosed example block`);
    blocks.push({ file, line: i + 2, examples });
    i = j;
  }
  return blocks;
}

/** Ports as the READMEs write them → the ports the test stack listens on. */
export function rewritePorts(
  command: string,
  ports: { api: number; tracker: number; emulator: number; nav?: number },
) {
  const rewritten = command
    .replaceAll("127.0.0.1:8787", `127.0.0.1:${ports.api}`)
    .replaceAll("127.0.0.1:8788", `127.0.0.1:${ports.tracker}`)
    .replaceAll("127.0.0.1:8790", `127.0.0.1:${ports.emulator}`);
  // The NAV emulator's port (8791) only when the stack has one of its own.
  return ports.nav ? rewritten.replaceAll("127.0.0.1:8791", `127.0.0.1:${ports.nav}`) : rewritten;
}
