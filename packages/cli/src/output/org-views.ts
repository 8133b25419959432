import type { OrgHit, OrgProfile } from "../transport/organizations";
import { countOf, num } from "./format";
import { type Lang, typeLabel } from "./labels";
import { renderTable, terminalWidth } from "./table";
import type { ViewOptions } from "./views";

const money = (m: { amount: number; currency: string } | null): string =>
  m ? `${num(m.amount)} ${m.currency}` : "";

/** Organisations found by name: one row each, the name gets the room. */
export function orgHitsView(items: OrgHit[], o: ViewOptions = {}): string {
  if (items.length === 0) return "No organisations match.";
  return renderTable(
    items,
    [
      { header: "ORG NUMBER", value: (h) => h.orgNumber },
      { header: "ROLES", value: (h) => h.roles.join(","), drop: 1 },
      { header: "NOTICES", value: (h) => num(h.noticesPublished) },
      { header: "AWARDS", value: (h) => num(h.awardsWon) },
      { header: "NAME", value: (h) => h.name, flex: true },
    ],
    o.width ?? terminalWidth(),
    o.wide ? { wide: true } : {},
  );
}

/** One organisation: a header, its notices as buyer by year and type, its awards as supplier. */
export function orgProfileView(p: OrgProfile, o: ViewOptions = {}): string {
  const lang: Lang = o.lang ?? "en";
  const width = o.width ?? terminalWidth();
  const out = [`${p.name} (${p.orgNumber})`];
  if (p.otherNames.length) out.push(`Also written: ${p.otherNames.join("; ")}`);
  out.push("", `As buyer: ${countOf(p.asBuyer.noticesPublished, "notice")} published`);
  if (p.asBuyer.byYear.length)
    out.push(
      renderTable(
        p.asBuyer.byYear,
        [
          { header: "YEAR", value: (y) => String(y.year) },
          { header: "NOTICES", value: (y) => num(y.total) },
          {
            header: "BY TYPE",
            value: (y) => y.byType.map((t) => `${typeLabel(t.type, lang)} ${num(t.count)}`).join(", "),
            flex: true,
          },
        ],
        width,
        o.wide ? { wide: true } : {},
      ),
    );
  out.push("", `As supplier: ${countOf(p.asSupplier.awardsWon, "award")} won`);
  if (p.asSupplier.awards.length)
    out.push(
      renderTable(
        p.asSupplier.awards,
        [
          { header: "DATE", value: (a) => a.date ?? "" },
          { header: "NOTICE", value: (a) => a.noticeId },
          { header: "VALUE", value: (a) => money(a.value) },
          { header: "BUYER", value: (a) => a.buyer?.name ?? "", drop: 1 },
          { header: "LOT", value: (a) => a.lotTitle ?? a.lotId ?? "", flex: true },
        ],
        width,
        o.wide ? { wide: true } : {},
      ),
    );
  return out.join("\n");
}
