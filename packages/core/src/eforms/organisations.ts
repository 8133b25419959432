import { normalizeOrgNumber } from "../normalize/primitives";
import type { EformsBuyer, EformsOrganisation } from "./model";
import { type ReadContext, warn } from "./values";
import { all, at, coded, extension, kids, localized, text, textAt, type XmlNode } from "./xml-tree";

/**
 * eForms names each organisation once (`efac:Organizations`, OPT-200 `ORG-xxxx`) and every role —
 * buyer, review body, tenderer — points at it by that id. This module builds the index and resolves
 * the pointers; a pointer to nothing yields a nameless organisation and a warning, never a throw.
 */

export type OrganisationIndex = {
  byRef: ReadonlyMap<string, EformsOrganisation>;
  list: readonly EformsOrganisation[];
};

/** Doffin writes the org number as `920 415 288`, `920415288` and, for VAT, `NO 920 415 288 MVA`. */
const orgNumberOf = (raw: string | null, country: string | null): string | null => {
  if (raw === null || (country !== null && country !== "NOR")) return null;
  return normalizeOrgNumber(raw.replace(/^NO(?=[\s\d])/i, "").replace(/MVA$/i, ""));
};

const organisationOf = (company: XmlNode, ref: string, ctx: ReadContext): EformsOrganisation => {
  const address = at(company, "PostalAddress");
  const country = textAt(address, "Country", "IdentificationCode");
  const rawCompanyId = textAt(company, "PartyLegalEntity", "CompanyID");
  const orgNumber = orgNumberOf(rawCompanyId, country);
  return {
    ref,
    name: localized(all(company, "PartyName", "Name"), ctx.language) ?? "",
    orgNumber,
    rawCompanyId,
    identifier: orgNumber
      ? { scheme: "NO-BRC", id: orgNumber }
      : rawCompanyId
        ? { scheme: "eforms-company-id", id: rawCompanyId }
        : null,
    address: {
      street: textAt(address, "StreetName"),
      city: textAt(address, "CityName"),
      postalCode: textAt(address, "PostalZone"),
      nuts: textAt(address, "CountrySubentityCode"),
      country,
    },
    website: textAt(company, "WebsiteURI"),
    size: textAt(company, "CompanySizeCode"),
  };
};

/** Indexes `efac:Organizations` of the notice's root extension by OPT-200 id. */
export const indexOrganisations = (root: XmlNode, ctx: ReadContext): OrganisationIndex => {
  const byRef = new Map<string, EformsOrganisation>();
  for (const org of all(extension(root), "Organizations", "Organization")) {
    const company = at(org, "Company");
    const ref = textAt(company, "PartyIdentification", "ID");
    if (!company || !ref) continue;
    if (byRef.has(ref))
      warn(ctx, "duplicate_reference", `organisation ${ref} is listed twice; the first is kept`);
    else byRef.set(ref, organisationOf(company, ref, ctx));
  }
  return { byRef, list: [...byRef.values()] };
};

const unresolved = (ref: string): EformsOrganisation => ({
  ref,
  name: "",
  orgNumber: null,
  rawCompanyId: null,
  identifier: null,
  address: { street: null, city: null, postalCode: null, nuts: null, country: null },
  website: null,
  size: null,
});

/** The organisation `ref` points at; a placeholder (no name, no org number) plus a warning when none. */
export const resolveOrganisation = (
  index: OrganisationIndex,
  ref: string,
  ctx: ReadContext,
  via: string,
): EformsOrganisation => {
  const found = index.byRef.get(ref);
  if (found) return found;
  warn(ctx, "broken_reference", `${via} points at organisation ${ref}, which the notice does not list`);
  return unresolved(ref);
};

/** The buyers (OPT-300-Procedure-Buyer), each with its BT-11 legal type and BT-10 activity. */
export const buyersOf = (root: XmlNode, index: OrganisationIndex, ctx: ReadContext): EformsBuyer[] =>
  kids(root, "ContractingParty").flatMap((party) => {
    const ref = textAt(party, "Party", "PartyIdentification", "ID");
    if (!ref) return [];
    return [
      {
        ...resolveOrganisation(index, ref, ctx, "a buyer"),
        legalType: text(coded(party, "buyer-legal-type", "ContractingPartyType", "PartyTypeCode")),
        activity: textAt(party, "ContractingActivity", "ActivityTypeCode"),
      },
    ];
  });

/** Review bodies named by any lot (OPT-301-Lot-ReviewOrg), once each, in order of first mention. */
export const reviewBodyRefsOf = (lot: XmlNode): string[] =>
  all(lot, "TenderingTerms", "AppealTerms", "AppealReceiverParty", "PartyIdentification", "ID")
    .map(text)
    .filter((ref): ref is string => ref !== null);
