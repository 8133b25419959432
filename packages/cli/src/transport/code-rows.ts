import type { CodeRow } from "./types";

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

const str = (v: unknown): string | undefined =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;

function labelOf(node: Node): string {
  const direct = str(node.label) ?? str(node.name) ?? str(node.nameNb) ?? str(node.nb);
  if (direct !== undefined) return direct;
  // Code lists carry labels per language ({ label: { nb, en } }); Norwegian first, like Doffin.
  for (const key of ["label", "labels", "name", "names"]) {
    const v = node[key];
    if (isNode(v)) {
      const l = str(v.nb) ?? str(v.en);
      if (l !== undefined) return l;
    }
  }
  return "";
}

function noteOf(node: Node): string | undefined {
  if (node.legacy === true || node.isLegacy === true) {
    const successors = Array.isArray(node.successors) ? node.successors.map(String).join(", ") : "";
    return successors ? `legacy → ${successors}` : "legacy";
  }
  return undefined;
}

/**
 * Flattens a code tree or list in any of the shapes our API and core return (`[{code|id, label,
 * children}]`, `{items: [...]}`, `{tree: [...]}`) into indented rows for a table. Unknown shapes give no
 * rows rather than a crash; `--json` still prints them verbatim.
 */
export function codeRows(raw: unknown, depth = 0): CodeRow[] {
  if (isNode(raw)) {
    for (const key of ["items", "tree", "codes", "results", "children"]) {
      if (Array.isArray(raw[key])) return codeRows(raw[key], depth);
    }
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const rows: CodeRow[] = [];
  for (const node of raw) {
    if (!isNode(node)) continue;
    const code = str(node.code) ?? str(node.id) ?? "";
    const note = noteOf(node);
    rows.push(note ? { code, label: labelOf(node), depth, note } : { code, label: labelOf(node), depth });
    if (Array.isArray(node.children)) rows.push(...codeRows(node.children, depth + 1));
  }
  return rows;
}
