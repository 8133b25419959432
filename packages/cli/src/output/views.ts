import type { Notice, NoticeSummary, SearchResult } from "@doffin/core";
import type { ChangeItem, CodeRow } from "../transport/types";
import { countOf, num } from "./format";
import {
  changeKindLabel,
  cpvWithLabel,
  type Lang,
  locationWithName,
  shortTypeLabel,
  statusLabel,
  typeLabel,
} from "./labels";
import { layoutTable, renderTable, terminalWidth, truncate } from "./table";

/** How tables are drawn: the terminal's width, the label language, and `--wide` (every column in full). */
export type ViewOptions = { width?: number; lang?: Lang; wide?: boolean };

const day = (s: string | null): string => (s ? s.slice(0, 10) : "");
const money = (n: NoticeSummary): string =>
  n.estimatedValue ? `${num(n.estimatedValue.amount)} ${n.estimatedValue.currency}` : "";

const osloMinute = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Oslo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
/** An RFC 3339 instant as Oslo wall-clock time, "2026-12-01 13:00" (Doffin's calendar, and the user's). */
export const osloTime = (iso: string): string => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : osloMinute.format(ms);
};

/** "1–20 of 4,650 notices (page 1)"; a single hit is "1 notice". */
export function rangeLine(r: Pick<SearchResult, "page" | "limit" | "total">, shown: number): string {
  if (r.total === 1 && shown === 1) return "1 notice";
  const first = (r.page - 1) * r.limit + 1;
  const last = first + shown - 1;
  return `${num(first)}–${num(last)} of ${countOf(r.total, "notice")} (page ${r.page})`;
}

export function searchView(r: SearchResult, o: ViewOptions = {}): string {
  const lang = o.lang ?? "en";
  if (r.items.length === 0) return `No notices match (total ${num(r.total)}).`;
  // Footer lines are short sentences of their own, so they fit 80 columns too.
  const capped =
    r.total > r.accessible
      ? `\nDoffin serves only the first ${r.accessible}: narrow the filters or use \`doffin export\``
      : "";
  const type = o.wide ? typeLabel : shortTypeLabel;
  const { text, dropped } = layoutTable(
    r.items,
    [
      { header: "ID", value: (n) => n.id },
      { header: "PUBLISHED", value: (n) => day(n.publishedOn), drop: 4 },
      { header: "TYPE", value: (n) => type(n.type, lang), max: 16, drop: 1 },
      { header: "STATUS", value: (n) => statusLabel(n.status, lang), drop: 3 },
      { header: "DEADLINE", value: (n) => day(n.deadline), drop: 2 },
      { header: "BUYER", value: (n) => n.buyers[0]?.name ?? "", max: 22, drop: 5 },
      { header: "HEADING", value: (n) => n.heading, flex: true },
    ],
    o.width ?? terminalWidth(),
    // 26: at 80 columns the heading keeps about a third of the line and STATUS still fits.
    o.wide ? { wide: true } : { minFlex: 26 },
  );
  const hidden = dropped.length ? `\n(${dropped.join(", ")} left out to fit: --wide shows every column)` : "";
  return `${text}\n\n${rangeLine(r, r.items.length)}${capped}${hidden}`;
}

export function noticeView(n: Notice, lang: Lang = "en"): string {
  const cpv = n.cpv.direct.length ? n.cpv.direct : (n.cpvCodes ?? []);
  const rows: [string, string][] = [
    ["Id", n.id],
    ["URL", n.url],
    ["Heading", n.heading],
    ["Type", `${typeLabel(n.type, lang)} (${n.type})`],
    ["Status", n.status ? `${statusLabel(n.status, lang)} (${n.status})` : "—"],
    ["Published", n.publishedOn ?? "—"],
    ["Deadline", n.deadline ? `${osloTime(n.deadline)} Oslo time (${n.deadline})` : "—"],
    ["Estimated value", money(n) || "—"],
    ["Buyers", n.buyers.map((b) => (b.orgNumber ? `${b.name} (${b.orgNumber})` : b.name)).join("; ") || "—"],
    ["Locations", n.locations.map((l) => locationWithName(l, lang)).join(", ") || "—"],
    // One code per line: CPV labels are long, and a list of them on one line wraps into a wall.
    ["CPV", cpv.map((c) => cpvWithLabel(c, lang)).join("\n") || "—"],
    ["Procedure", n.procedureId ?? "—"],
  ];
  if (n.awardedNames.length) rows.push(["Awarded to", n.awardedNames.join("; ")]);
  if (n.competitionDocsUrl) rows.push(["Tender documents", n.competitionDocsUrl]);
  if (n.changeNotices.length) rows.push(["Changes", n.changeNotices.map((c) => c.id).join(", ")]);
  if (n.timeline.length) {
    rows.push([
      "Timeline",
      n.timeline
        .map((t) =>
          `${t.id} ${t.publishedOn ?? ""} ${t.allTypes[0] ? typeLabel(t.allTypes[0], lang) : ""}`.trim(),
        )
        .join("\n"),
    ]);
  }
  const w = Math.max(...rows.map(([k]) => k.length));
  const body = rows
    .map(([k, v]) => `${k.padEnd(w)}  ${v.replace(/\n/g, `\n${" ".repeat(w + 2)}`)}`)
    .join("\n");
  return n.description ? `${body}\n\n${n.description.trim()}` : body;
}

/** A changed value for people: instants in Oslo time, statuses labelled, money with separators. */
function showValue(field: string, v: unknown, lang: Lang): string {
  if (v === null || v === undefined) return "∅";
  if (typeof v === "string") {
    if (field === "status") return statusLabel(v, lang) || v;
    if (/^\d{4}-\d{2}-\d{2}T/.test(v)) return osloTime(v);
    return v;
  }
  if (typeof v === "object" && v !== null && "amount" in v && typeof v.amount === "number") {
    const currency = "currency" in v ? String(v.currency) : "";
    return `${num(v.amount)} ${currency}`.trim();
  }
  return JSON.stringify(v);
}

const changeSummary = (c: ChangeItem, lang: Lang): string =>
  c.changes
    .map(
      (ch) => `${ch.field} ${showValue(ch.field, ch.before, lang)} → ${showValue(ch.field, ch.after, lang)}`,
    )
    .join("; ");

/**
 * The change feed as a table — when (Oslo time), which notice, what kind, the notice's heading (from
 * the event's notice summary; older trackers send none) — with what changed on an indented line below
 * each event, so the before → after values are never cut on an 80-column terminal.
 */
export function changesView(items: ChangeItem[], header = true, o: ViewOptions = {}): string {
  const lang = o.lang ?? "en";
  const width = o.width ?? terminalWidth();
  const table = renderTable(
    items,
    [
      { header: "DETECTED", value: (c) => osloTime(c.detectedAt) },
      { header: "NOTICE", value: (c) => c.noticeId },
      { header: "KIND", value: (c) => changeKindLabel(c.kind, lang) },
      { header: "HEADING", value: (c) => (c.notice ? c.notice.heading : ""), flex: true },
    ],
    width,
    o.wide ? { wide: true } : {},
  );
  const [head = "", ...rows] = table.split("\n");
  const indent = " ".repeat(osloTime(items[0]?.detectedAt ?? "").length + 2);
  const out: string[] = header ? [head] : [];
  rows.forEach((row, i) => {
    out.push(row);
    const item = items[i];
    const what = item ? changeSummary(item, lang) : "";
    if (what) out.push(indent + (o.wide ? what : truncate(what, Math.max(10, width - indent.length))));
  });
  return out.join("\n");
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
