/** `efac:Organizations` (OPT-200 …) and the root's `cac:ContractingParty` buyer pointers. */
import type { TruthBuyer, TruthOrganisation } from "./truth-types";
import { esc } from "./xml-text";

const opt = (tag: string, value: string | null): string => (value ? `<${tag}>${esc(value)}</${tag}>` : "");

const organizationXml = (o: TruthOrganisation): string => `
          <efac:Organization>
            <efac:Company>
              <cac:PartyIdentification><cbc:ID schemeName="organization">${o.ref}</cbc:ID></cac:PartyIdentification>
              <cac:PartyName><cbc:Name languageID="NOR">${esc(o.name)}</cbc:Name></cac:PartyName>
              <cac:PostalAddress>${opt("cbc:CityName", o.city)}${opt("cbc:PostalZone", o.postalCode)}${
                o.nuts
                  ? `<cbc:CountrySubentityCode listName="nuts">${esc(o.nuts)}</cbc:CountrySubentityCode>`
                  : ""
              }<cac:Country><cbc:IdentificationCode listName="country">${o.country}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>${
                o.rawCompanyId === null
                  ? ""
                  : `
              <cac:PartyLegalEntity><cbc:CompanyID>${esc(o.rawCompanyId)}</cbc:CompanyID></cac:PartyLegalEntity>`
              }${
                o.size
                  ? `
              <efbc:CompanySizeCode listName="economic-operator-size">${o.size}</efbc:CompanySizeCode>`
                  : ""
              }
            </efac:Company>
          </efac:Organization>`;

export const organizationsXml = (orgs: readonly TruthOrganisation[]): string =>
  `
        <efac:Organizations>${orgs.map(organizationXml).join("")}
        </efac:Organizations>`;

export const contractingPartiesXml = (buyers: readonly TruthBuyer[]): string =>
  buyers
    .map(
      (b) => `
  <cac:ContractingParty>
    <cac:ContractingPartyType><cbc:PartyTypeCode listName="buyer-legal-type">${b.legalType}</cbc:PartyTypeCode></cac:ContractingPartyType>${
      b.activity
        ? `
    <cac:ContractingActivity><cbc:ActivityTypeCode listName="authority-activity">${esc(b.activity)}</cbc:ActivityTypeCode></cac:ContractingActivity>`
        : ""
    }
    <cac:Party><cac:PartyIdentification><cbc:ID schemeName="organization">${b.ref}</cbc:ID></cac:PartyIdentification></cac:Party>
  </cac:ContractingParty>`,
    )
    .join("");
