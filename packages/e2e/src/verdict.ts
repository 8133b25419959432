import { STATUS_OF } from "@doffin/core";
import type { Expectation } from "./examples";

/**
 * Judges what an example printed against what its README text promised. Returns the problems found
 * (empty = the example keeps its promise).
 */

/** Envelope code → HTTP status: the one table every Worker answers by. */
const ERROR_CODE_STATUS: Record<string, number> = STATUS_OF;

/** List-valued keys that hold "the results" of an answer: empty means the example promised nothing. */
const RESULT_LISTS = ["items", "hits", "changes", "codes", "events", "snapshots", "tools", "data", "content"];
/** Count-valued keys: zero means nothing was found. */
const RESULT_COUNTS = ["total", "numHitsTotal", "count"];

/** Every JSON value in a text: the whole text, NDJSON lines, SSE `data:` lines, MCP text content. */
export function jsonValues(text: string): unknown[] {
  const out: unknown[] = [];
  const tryParse = (s: string) => {
    const t = s.trim();
    if (!t || !/^[[{]/.test(t)) return false;
    try {
      out.push(JSON.parse(t));
      return true;
    } catch {
      return false;
    }
  };
  if (!tryParse(text)) {
    for (const line of text.split("\n")) tryParse(line.replace(/^data:\s*/, ""));
  }
  // MCP answers carry the tool result as JSON text inside result.content[].text.
  for (const v of [...out]) {
    const content = (v as { result?: { content?: Array<{ text?: unknown }> } })?.result?.content;
    for (const c of content ?? []) if (typeof c.text === "string") tryParse(c.text);
  }
  return out;
}

function walk(value: unknown, visit: (obj: Record<string, unknown>, path: string) => void, path = "$") {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      walk(v, visit, `${path}[${i}]`);
    });
  } else if (value && typeof value === "object") {
    visit(value as Record<string, unknown>, path);
    for (const [k, v] of Object.entries(value)) walk(v, visit, `${path}.${k}`);
  }
}

/** Error statuses an output shows: envelope codes, JSON-RPC/MCP errors, bare status numbers. */
export function statusesShown(text: string): number[] {
  const found = new Set<number>();
  for (const v of jsonValues(text))
    walk(v, (obj) => {
      const err = obj.error as { code?: unknown } | undefined;
      if (err && typeof err.code === "string" && ERROR_CODE_STATUS[err.code])
        found.add(ERROR_CODE_STATUS[err.code] as number);
    });
  for (const m of text.matchAll(/^(?:HTTP\/[\d.]+ )?([1-5]\d\d)\b/gm)) found.add(Number(m[1]));
  return [...found];
}

/** `files`: what the command wrote to the paths it names (`-o x.csv`, `> x.json`); null = not written. */
export type Run = { stdout: string; stderr: string; exitCode: number; files?: Record<string, string | null> };

export function judge(run: Run, expect: Expectation): string[] {
  const problems: string[] = [];
  const out = run.stdout.trim();
  if (run.exitCode !== 0) problems.push(`exited ${run.exitCode}: ${run.stderr.trim().slice(0, 300)}`);
  if (expect.kind === "setup") return problems;
  if (expect.kind === "status") {
    if (!statusesShown(run.stdout).includes(expect.status))
      problems.push(`promised ${expect.status}, printed: ${out.slice(0, 300)}`);
    return problems;
  }
  const files = Object.entries(run.files ?? {});
  for (const [name, text] of files) {
    const rows = (text ?? "").split("\n").filter((l) => l.trim() !== "");
    if (text === null) problems.push(`wrote no ${name}`);
    else if (rows.length < (name.endsWith(".csv") ? 2 : 1)) problems.push(`${name} holds no data`);
  }
  if (!out && files.length === 0) problems.push("printed nothing");
  if (/No notices match|\(total 0\)|exported 0 /i.test(`${run.stdout}\n${run.stderr}`))
    problems.push(`found nothing: ${`${run.stdout}\n${run.stderr}`.trim().slice(0, 300)}`);
  if (/^0$/.test(out)) problems.push("printed 0");
  for (const value of jsonValues(run.stdout)) {
    if (Array.isArray(value) && value.length === 0) problems.push("an empty list");
    walk(value, (obj, path) => {
      const err = obj.error as { code?: unknown; message?: unknown } | undefined;
      if (err && typeof err === "object" && (typeof err.code === "string" || typeof err.message === "string"))
        problems.push(`${path}.error: ${JSON.stringify(err).slice(0, 300)}`);
      if (obj.isError === true) problems.push(`${path}: tool error ${JSON.stringify(obj).slice(0, 300)}`);
      // Only an answer's own result list counts (the top level, or Parse.bot's `data` wrapper): nested
      // empty lists — a created event's `changes`, a facet without items — are normal data.
      if (path !== "$" && path !== "$.data") return;
      for (const k of RESULT_LISTS)
        if (Array.isArray(obj[k]) && (obj[k] as unknown[]).length === 0)
          problems.push(`${path}.${k} is empty`);
      for (const k of RESULT_COUNTS) if (obj[k] === 0) problems.push(`${path}.${k} is 0`);
    });
  }
  return problems;
}
