import { foldText, type OcdsRelease } from "@doffin/core";

/**
 * The filter values of one release (`ocds_facets`): who buys and supplies (by organisation number and
 * by folded name), their countries, CPV codes of the items, categories, award-criterion types and tags.
 * A name is matched folded (`alesund` finds `Ålesund kommune`); `label` keeps it as written.
 */
export type Facet = { kind: string; value: string; label: string };

type Party = {
  name?: string;
  roles?: string[];
  identifier?: { scheme?: string; id?: string };
  address?: { country?: string };
};
type Item = {
  classification?: { scheme?: string; id?: string };
  additionalClassifications?: Item["classification"][];
};
type Lot = { mainProcurementCategory?: string; awardCriteria?: { criteria?: { type?: string }[] } };
type Loose = {
  tag?: string[];
  parties?: Party[];
  tender?: { mainProcurementCategory?: string; items?: Item[]; lots?: Lot[] };
};

export function facetsOf(release: OcdsRelease): Facet[] {
  const r = release as unknown as Loose;
  const out = new Map<string, Facet>();
  const add = (kind: string, value: string | undefined, label = value) => {
    if (value && label) out.set(`${kind}\u0000${value}`, { kind, value, label });
  };
  for (const p of r.parties ?? [])
    for (const role of ["buyer", "supplier"] as const) {
      if (!p.roles?.includes(role)) continue;
      const org = p.identifier?.scheme === "NO-BRC" ? p.identifier.id : undefined;
      add(role, org, p.name ?? org);
      if (p.name) add(`${role}_name`, foldText(p.name), p.name);
      add(`${role}_country`, p.address?.country?.toUpperCase());
    }
  for (const item of r.tender?.items ?? [])
    for (const c of [item.classification, ...(item.additionalClassifications ?? [])])
      if (c?.scheme === "CPV" && c.id) add("cpv", c.id.replace(/-\d$/, ""));
  add("contract_type", r.tender?.mainProcurementCategory);
  for (const lot of r.tender?.lots ?? []) {
    add("contract_type", lot.mainProcurementCategory);
    for (const c of lot.awardCriteria?.criteria ?? []) add("award_criteria", c.type);
  }
  for (const t of r.tag ?? []) add("tag", t);
  return [...out.values()];
}
