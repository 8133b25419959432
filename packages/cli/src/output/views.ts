import type { Notice, NoticeSummary, SearchResult } from "@doffin/core";
import type { ChangeItem, CodeRow } from "../transport/types";
import { renderTable, terminalWidth } from "./table";

const day = (s: string | null): string => (s ? s.slice(0, 10) : "");
const money = (n: NoticeSummary): string =>
  n.estimatedValue ? `${n.estimatedValue.amount.toLocaleString("en-US")} ${n.estimatedValue.currency}` : "";

export function searchView(r: SearchResult, width = terminalWidth()): string {
  if (r.items.length === 0) return `No notices match (total ${r.total}).`;
  const first = (r.page - 1) * r.limit + 1;
  const last = first + r.items.length - 1;
  const capped =
    r.total > r.accessible
      ? `; Doffin serves only the first ${r.accessible}: narrow the filters or use \`doffin export\``
      : "";
  const table = renderTable(
    r.items,
    [
      { header: "ID", value: (n) => n.id },
      { header: "PUBLISHED", value: (n) => day(n.publishedOn) },
      { header: "TYPE", value: (n) => n.type, max: 26 },
      { header: "STATUS", value: (n) => n.status ?? "" },
      { header: "DEADLINE", value: (n) => day(n.deadline) },
      { header: "BUYER", value: (n) => n.buyers[0]?.name ?? "", max: 28 },
      { header: "HEADING", value: (n) => n.heading, flex: true },
    ],
    width,
  );
  return `${table}\n\n${first}–${last} of ${r.total} notices (page ${r.page})${capped}`;
}

export function noticeView(n: Notice): string {
  const rows: [string, string][] = [
    ["Id", n.id],
    ["URL", n.url],
    ["Heading", n.heading],
    ["Type", n.type],
    ["Status", n.status ?? "—"],
    ["Published", n.publishedOn ?? "—"],
    ["Deadline", n.deadline ?? "—"],
    ["Estimated value", money(n) || "—"],
    ["Buyers", n.buyers.map((b) => (b.orgNumber ? `${b.name} (${b.orgNumber})` : b.name)).join("; ") || "—"],
    ["Locations", n.locations.join(", ") || "—"],
    ["CPV", n.cpv.direct.join(", ") || (n.cpvCodes ?? []).join(", ") || "—"],
    ["Procedure", n.procedureId ?? "—"],
  ];
  if (n.awardedNames.length) rows.push(["Awarded to", n.awardedNames.join("; ")]);
  if (n.competitionDocsUrl) rows.push(["Tender documents", n.competitionDocsUrl]);
  if (n.changeNotices.length) rows.push(["Changes", n.changeNotices.map((c) => c.id).join(", ")]);
  if (n.timeline.length) {
    rows.push([
      "Timeline",
      n.timeline.map((t) => `${t.id} ${t.allTypes[0] ?? ""} ${t.publishedOn ?? ""}`.trim()).join("; "),
    ]);
  }
  const w = Math.max(...rows.map(([k]) => k.length));
  const body = rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join("\n");
  return n.description ? `${body}\n\n${n.description.trim()}` : body;
}

const show = (v: unknown): string =>
  v === null || v === undefined ? "∅" : typeof v === "string" ? v : JSON.stringify(v);

export function changesView(items: ChangeItem[], header = true, width = terminalWidth()): string {
  const table = renderTable(
    items,
    [
      { header: "DETECTED", value: (c) => c.detectedAt.replace("T", " ").slice(0, 19) },
      { header: "NOTICE", value: (c) => c.noticeId },
      { header: "KIND", value: (c) => c.kind },
      {
        header: "CHANGES",
        value: (c) => c.changes.map((ch) => `${ch.field}: ${show(ch.before)} → ${show(ch.after)}`).join("; "),
        flex: true,
      },
    ],
    width,
  );
  return header ? table : table.split("\n").slice(1).join("\n");
}

export function codesView(rows: CodeRow[], width = terminalWidth()): string {
  if (rows.length === 0) return "No codes match.";
  return renderTable(
    rows,
    [
      { header: "CODE", value: (r) => `${"  ".repeat(r.depth)}${r.code}` },
      { header: "NAME", value: (r) => (r.note ? `${r.label} (${r.note})` : r.label), flex: true },
    ],
    width,
  );
}
