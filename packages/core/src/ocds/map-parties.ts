import type { EformsNotice, EformsOrganisation } from "../eforms/model";
import type { Loose } from "./compact";
import { COUNTRY_ALPHA2 } from "./eforms-tables";

/** Party roles as the OCDS partyRole codelist names them (the ones the eForms model lets us tell apart). */
export type PartyRole = "buyer" | "reviewBody" | "tenderer" | "supplier";

type Extra = { [key: string]: Loose };
type PartyDraft = { org: EformsOrganisation; roles: Set<PartyRole>; extra: Extra };

/** Collects each organisation once under its OPT-200 id (`ORG-0001`), with every role it plays in the notice. */
export class PartyBook {
  private readonly byId = new Map<string, PartyDraft>();

  /** Adds a role to an organisation and returns its party id (the `OrganizationReference.id`). */
  add(org: EformsOrganisation, role: PartyRole, extra: Extra = {}): string {
    const id = org.ref || `${role}-${this.byId.size + 1}`;
    const draft = this.byId.get(id) ?? { org, roles: new Set<PartyRole>(), extra: {} };
    draft.roles.add(role);
    draft.extra = { ...draft.extra, ...extra };
    this.byId.set(id, draft);
    return id;
  }

  ref(org: EformsOrganisation, role: PartyRole): Loose {
    return { id: this.add(org, role), name: org.name || undefined };
  }

  parties(): Loose[] {
    return [...this.byId].map(([id, { org, roles, extra }]) => partyOf(id, org, [...roles], extra));
  }
}

const partyOf = (id: string, org: EformsOrganisation, roles: PartyRole[], extra: Extra): Loose => {
  const norwegian = org.identifier?.scheme === "NO-BRC";
  const country = org.address.country ? COUNTRY_ALPHA2[org.address.country] : undefined;
  return {
    id,
    name: org.name || undefined,
    // NO-BRC (Brønnøysund) is the org-id.guide scheme for Norwegian organisation numbers: the primary
    // identifier. Any other BT-501 keeps its eForms scheme and goes to additionalIdentifiers, as the profile does.
    identifier: norwegian
      ? { scheme: "NO-BRC", id: org.identifier?.id, legalName: org.name || undefined }
      : undefined,
    additionalIdentifiers:
      org.identifier && !norwegian ? [{ scheme: org.identifier.scheme, id: org.identifier.id }] : undefined,
    address: {
      streetAddress: org.address.street ?? undefined,
      locality: org.address.city ?? undefined,
      postalCode: org.address.postalCode ?? undefined,
      region: org.address.nuts ?? undefined,
      country,
      countryName: country ? undefined : (org.address.country ?? undefined),
    },
    details: {
      url: org.website ?? undefined,
      scale: scaleOf(org.size),
      ...extra,
    },
    roles,
  };
};

/** BT-165 → partyScale (closed codelist in the profile); unknown codes are left out rather than fail validation. */
const scaleOf = (size: string | null): string | undefined =>
  size && ["micro", "sme", "small", "medium", "large", "selfEmployed"].includes(size) ? size : undefined;

/** Buyers (with BT-11/BT-10 classifications) and review bodies of a notice into the book. */
export const addNoticeParties = (notice: EformsNotice, book: PartyBook): Loose | undefined => {
  let buyer: Loose | undefined;
  for (const b of notice.organisations.buyers) {
    const classifications = [
      b.legalType ? { scheme: "eu-buyer-legal-type", id: b.legalType } : undefined,
      b.activity ? { scheme: "eu-main-activity", id: b.activity } : undefined,
    ];
    const id = book.add(b, "buyer", { classifications });
    buyer ??= { id, name: b.name || undefined };
  }
  for (const r of notice.organisations.reviewBodies) book.add(r, "reviewBody");
  return buyer;
};
