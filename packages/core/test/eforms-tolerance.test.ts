import { describe, expect, it } from "vitest";
import { EformsNotice, parseEformsNotice } from "../src/index";
import { readEformsXml } from "./eforms-support";

/**
 * A synthetic result notice (no real fixture has two lots with results, a consortium or a broken
 * reference chain). Written here by hand in the eForms SDK 1.10 shape, with other namespace prefixes
 * than Doffin uses, an unknown extension element, a CDATA section and character references.
 */
const ORG = (ref: string, name: string, companyId: string | null, country: string, size: string | null) => `
  <efac:Organization><efac:Company>
    ${size ? `<efbc:CompanySizeCode listName="economic-operator-size">${size}</efbc:CompanySizeCode>` : ""}
    <cac:PartyIdentification><b:ID schemeName="organization">${ref}</b:ID></cac:PartyIdentification>
    <cac:PartyName><b:Name languageID="NOR">${name}</b:Name></cac:PartyName>
    <cac:PostalAddress><cac:Country><b:IdentificationCode listName="country">${country}</b:IdentificationCode></cac:Country></cac:PostalAddress>
    ${companyId ? `<cac:PartyLegalEntity><b:CompanyID>${companyId}</b:CompanyID></cac:PartyLegalEntity>` : ""}
  </efac:Company></efac:Organization>`;

const RESULT_NOTICE = `<?xml version="1.0" encoding="UTF-8"?>
<can:ContractAwardNotice xmlns:can="urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:b="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
  xmlns:efac="http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1"
  xmlns:efbc="http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1"
  xmlns:efext="http://data.europa.eu/p27/eforms-ubl-extensions/1"
  xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2">
 <ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent><efext:EformsExtension>
  <efac:FutureThing><efbc:Whatever>ignored</efbc:Whatever></efac:FutureThing>
  <efac:NoticeResult>
   <b:TotalAmount currencyID="EUR">1500000</b:TotalAmount>
   <efbc:OverallApproximateFrameworkContractsAmount currencyID="EUR">900000</efbc:OverallApproximateFrameworkContractsAmount>
   <efbc:OverallMaximumFrameworkContractsAmount currencyID="EUR">2000000</efbc:OverallMaximumFrameworkContractsAmount>
   <efac:LotResult>
    <b:ID schemeName="result">RES-0001</b:ID>
    <b:HigherTenderAmount currencyID="EUR">1200000</b:HigherTenderAmount>
    <b:LowerTenderAmount currencyID="EUR">1000000</b:LowerTenderAmount>
    <b:TenderResultCode listName="winner-selection-status">selec-w</b:TenderResultCode>
    <efac:FrameworkAgreementValues>
     <b:MaximumValueAmount currencyID="EUR">2000000</b:MaximumValueAmount>
     <efbc:ReestimatedValueAmount currencyID="EUR">1800000</efbc:ReestimatedValueAmount>
    </efac:FrameworkAgreementValues>
    <efac:LotTender><b:ID schemeName="tender">TEN-0001</b:ID></efac:LotTender>
    <efac:LotTender><b:ID schemeName="tender">TEN-0002</b:ID></efac:LotTender>
    <efac:ReceivedSubmissionsStatistics><efbc:StatisticsCode listName="received-submission-type">tenders</efbc:StatisticsCode><efbc:StatisticsNumeric>3</efbc:StatisticsNumeric></efac:ReceivedSubmissionsStatistics>
    <efac:ReceivedSubmissionsStatistics><efbc:StatisticsCode listName="received-submission-type">t-sme</efbc:StatisticsCode><efbc:StatisticsNumeric>2</efbc:StatisticsNumeric></efac:ReceivedSubmissionsStatistics>
    <efac:SettledContract><b:ID schemeName="contract">CON-0001</b:ID></efac:SettledContract>
    <efac:TenderLot><b:ID schemeName="Lot">LOT-0001</b:ID></efac:TenderLot>
   </efac:LotResult>
   <efac:LotResult>
    <b:ID schemeName="result">RES-0002</b:ID>
    <b:TenderResultCode listName="winner-selection-status">clos-nw</b:TenderResultCode>
    <efac:DecisionReason><efbc:DecisionReasonCode listName="non-award-justification">no-rece</efbc:DecisionReasonCode></efac:DecisionReason>
    <efac:TenderLot><b:ID schemeName="Lot">LOT-0002</b:ID></efac:TenderLot>
   </efac:LotResult>
   <efac:LotResult>
    <b:ID schemeName="result">RES-0003</b:ID>
    <b:TenderResultCode listName="winner-selection-status">selec-w</b:TenderResultCode>
    <efac:FrameworkAgreementValues><b:EstimatedMaximumValueAmount currencyID="EUR">700000</b:EstimatedMaximumValueAmount></efac:FrameworkAgreementValues>
    <efac:LotTender><b:ID schemeName="tender">TEN-0003</b:ID></efac:LotTender>
    <efac:TenderLot><b:ID schemeName="Lot">LOT-0003</b:ID></efac:TenderLot>
   </efac:LotResult>
   <efac:LotTender>
    <b:ID schemeName="tender">TEN-0001</b:ID><b:RankCode>1</b:RankCode>
    <cac:LegalMonetaryTotal><b:PayableAmount currencyID="EUR">1000000</b:PayableAmount></cac:LegalMonetaryTotal>
    <efac:TenderingParty><b:ID schemeName="tendering-party">TPA-0001</b:ID></efac:TenderingParty>
    <efac:TenderLot><b:ID schemeName="Lot">LOT-0001</b:ID></efac:TenderLot>
   </efac:LotTender>
   <efac:LotTender>
    <b:ID schemeName="tender">TEN-0002</b:ID><b:RankCode>2</b:RankCode>
    <cac:LegalMonetaryTotal><b:PayableAmount currencyID="EUR">1200000</b:PayableAmount></cac:LegalMonetaryTotal>
    <efac:TenderingParty><b:ID schemeName="tendering-party">TPA-0002</b:ID></efac:TenderingParty>
    <efac:TenderLot><b:ID schemeName="Lot">LOT-0001</b:ID></efac:TenderLot>
   </efac:LotTender>
   <efac:LotTender>
    <b:ID schemeName="tender">TEN-0003</b:ID>
    <cac:LegalMonetaryTotal><b:PayableAmount>500000</b:PayableAmount></cac:LegalMonetaryTotal>
    <efac:TenderingParty><b:ID schemeName="tendering-party">TPA-0003</b:ID></efac:TenderingParty>
   </efac:LotTender>
   <efac:SettledContract>
    <b:ID schemeName="contract">CON-0001</b:ID>
    <b:AwardDate>2024-05-02+02:00</b:AwardDate>
    <b:IssueDate>2024-05-20+02:00</b:IssueDate>
    <b:Title languageID="NOR">Rammeavtale &#229;r 1 &amp; 2</b:Title>
    <efac:ContractReference><b:ID>AVT-2024-17</b:ID></efac:ContractReference>
    <efac:LotTender><b:ID schemeName="tender">TEN-0001</b:ID></efac:LotTender>
   </efac:SettledContract>
   <efac:TenderingParty>
    <b:ID schemeName="tendering-party">TPA-0001</b:ID>
    <efac:Tenderer><b:ID schemeName="organization">ORG-0003</b:ID></efac:Tenderer>
    <efac:Tenderer><b:ID schemeName="organization">ORG-0002</b:ID><efbc:GroupLeadIndicator>true</efbc:GroupLeadIndicator></efac:Tenderer>
   </efac:TenderingParty>
   <efac:TenderingParty>
    <b:ID schemeName="tendering-party">TPA-0002</b:ID>
    <efac:Tenderer><b:ID schemeName="organization">ORG-0004</b:ID></efac:Tenderer>
   </efac:TenderingParty>
   <efac:TenderingParty>
    <b:ID schemeName="tendering-party">TPA-0003</b:ID>
    <efac:Tenderer><b:ID schemeName="organization">ORG-0099</b:ID></efac:Tenderer>
   </efac:TenderingParty>
  </efac:NoticeResult>
  <efac:NoticeSubType><b:SubTypeCode listName="notice-subtype">29</b:SubTypeCode></efac:NoticeSubType>
  <efac:Organizations>
   ${ORG("ORG-0001", "Statens vegvesen", "NO 971 032 081 MVA", "NOR", null)}
   ${ORG("ORG-0002", "Leder AS", "912 345 678", "NOR", "sme")}
   ${ORG("ORG-0003", "Partner AB", "556677-8899", "SWE", "large")}
   ${ORG("ORG-0004", "Taper AS", "987654321", "NOR", "micro")}
  </efac:Organizations>
 </efext:EformsExtension></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>
 <b:CustomizationID>eforms-sdk-1.10</b:CustomizationID>
 <b:ID schemeName="notice-id">0f5a1c7e-1111-4222-8333-944445555666</b:ID>
 <b:ContractFolderID>2f1d7e0a-aaaa-4bbb-8ccc-9ddddeeeefff</b:ContractFolderID>
 <b:IssueDate>2024-05-21+02:00</b:IssueDate>
 <b:IssueTime>09:30:00+02:00</b:IssueTime>
 <b:VersionID>01</b:VersionID>
 <b:RegulatoryDomain>32014L0024</b:RegulatoryDomain>
 <b:NoticeTypeCode listName="result">can-standard</b:NoticeTypeCode>
 <b:NoticeLanguageCode>NOR</b:NoticeLanguageCode>
 <cac:ContractingParty>
  <cac:ContractingPartyType><b:PartyTypeCode listName="buyer-legal-type">cga</b:PartyTypeCode></cac:ContractingPartyType>
  <cac:Party><cac:PartyIdentification><b:ID schemeName="organization">ORG-0001</b:ID></cac:PartyIdentification></cac:Party>
 </cac:ContractingParty>
 <cac:TenderingProcess><b:ProcedureCode listName="procurement-procedure-type">open</b:ProcedureCode></cac:TenderingProcess>
 <cac:ProcurementProject>
  <b:Name languageID="ENG">Road maintenance</b:Name><b:Name languageID="NOR"><![CDATA[Vedlikehold <veg> &amp; bru]]></b:Name>
  <b:ProcurementTypeCode listName="contract-nature">works</b:ProcurementTypeCode>
 </cac:ProcurementProject>
 <cac:ProcurementProjectLot><b:ID schemeName="Lot">LOT-0001</b:ID>
  <cac:ProcurementProject><b:Name languageID="NOR">Nord</b:Name>
   <cac:RequestedTenderTotal><b:EstimatedOverallContractAmount currencyID="EUR">1100000</b:EstimatedOverallContractAmount></cac:RequestedTenderTotal>
   <cac:PlannedPeriod><b:DurationMeasure unitCode="YEAR">abc</b:DurationMeasure></cac:PlannedPeriod>
  </cac:ProcurementProject>
 </cac:ProcurementProjectLot>
 <cac:ProcurementProjectLot><b:ID schemeName="Lot">LOT-0002</b:ID></cac:ProcurementProjectLot>
 <cac:ProcurementProjectLot><b:ID schemeName="Lot">LOT-0003</b:ID></cac:ProcurementProjectLot>
</can:ContractAwardNotice>`;

describe("eForms tolerance (synthetic result notice)", () => {
  const n = parseEformsNotice(RESULT_NOTICE);

  it("is a valid EformsNotice whatever the namespace prefixes, with unknown elements ignored", () => {
    expect(EformsNotice.safeParse(n).error).toBeUndefined();
    expect(n).toMatchObject({
      documentType: "ContractAwardNotice",
      noticeSubtype: "29",
      doffinId: null, // neither an argument nor a Doffin-shaped BT-701/BT-04
      customization: {
        raw: "eforms-sdk-1.10",
        sdkVersion: "1.10",
        eu: false,
        national: false,
        extended: false,
      },
      dispatchedAt: "2024-05-21T07:30:00Z",
    });
    expect(n.procedure.title).toBe("Vedlikehold <veg> &amp; bru"); // CDATA, in the notice language
  });

  it("keeps awarded, estimated and framework values apart, each with its currency", () => {
    expect(n.results).toMatchObject({
      totalValue: { amount: 1_500_000, currency: "EUR" },
      frameworkMaximumValue: { amount: 2_000_000, currency: "EUR" },
      frameworkApproximateValue: { amount: 900_000, currency: "EUR" },
    });
    expect(n.lots[0]?.estimatedValue).toEqual({ amount: 1_100_000, currency: "EUR" });
    expect(n.results?.lots[0]).toMatchObject({
      lowestTenderValue: { amount: 1_000_000, currency: "EUR" },
      highestTenderValue: { amount: 1_200_000, currency: "EUR" },
      frameworkReestimatedValue: { amount: 1_800_000, currency: "EUR" },
      frameworkMaximumValue: { amount: 2_000_000, currency: "EUR" },
    });
  });

  it("resolves a consortium winner through contract → tender → party → organisations, leader first", () => {
    const lot = n.results?.lots[0];
    expect(lot?.outcome).toBe("winner_chosen");
    expect(lot?.tenders.map((t) => [t.id, t.rank, t.value?.amount])).toEqual([
      ["TEN-0001", 1, 1_000_000],
      ["TEN-0002", 2, 1_200_000],
    ]);
    expect(lot?.winners.map((w) => [w.name, w.orgNumber, w.identifier, w.size])).toEqual([
      ["Leder AS", "912345678", { scheme: "NO-BRC", id: "912345678" }, "sme"],
      ["Partner AB", null, { scheme: "eforms-company-id", id: "556677-8899" }, "large"],
    ]);
    expect(lot?.contracts).toEqual([
      {
        id: "CON-0001",
        reference: "AVT-2024-17",
        title: "Rammeavtale år 1 & 2",
        concludedOn: "2024-05-20",
        awardedOn: "2024-05-02",
        tenderIds: ["TEN-0001"],
      },
    ]);
    expect(lot?.tendersReceived).toBe(3);
    expect(lot?.submissions).toEqual([
      { kind: "tenders", count: 3 },
      { kind: "t-sme", count: 2 },
    ]);
  });

  it("normalizes a VAT-style org number of the buyer (NO … MVA)", () => {
    expect(n.organisations.buyers[0]).toMatchObject({
      name: "Statens vegvesen",
      orgNumber: "971032081",
      legalType: "cga",
    });
  });

  it("reports a lot closed without a winner, with its reason and no winners", () => {
    expect(n.results?.lots[1]).toMatchObject({
      lotId: "LOT-0002",
      outcome: "no_winner",
      notAwardedReason: "no-rece",
      winners: [],
      tenders: [],
      tendersReceived: null,
    });
  });

  it("turns a broken reference chain into a winner without org number plus warnings, never a throw", () => {
    const lot = n.results?.lots[2];
    expect(lot?.winners).toEqual([
      expect.objectContaining({ ref: "ORG-0099", name: "", orgNumber: null, identifier: null }),
    ]);
    expect(lot?.tenders[0]?.value).toEqual({ amount: 500_000, currency: "NOK" });
    // BT-660 in its older element name (TED conversions, early SDKs) is still read.
    expect(lot?.frameworkReestimatedValue).toEqual({ amount: 700_000, currency: "EUR" });
    expect(n.warnings).toEqual(
      expect.arrayContaining([
        { code: "broken_reference", message: expect.stringContaining("ORG-0099") },
        { code: "missing_currency", message: expect.stringContaining("TEN-0003") },
        { code: "bad_number", message: expect.stringContaining("LOT-0001 duration") },
      ]),
    );
    expect(n.lots[0]?.duration.length).toBeNull();
  });

  it("gives null / empty parts for a minimal notice instead of failing", () => {
    const minimal = parseEformsNotice("<PriorInformationNotice/>", { doffinId: "2024-000001" });
    expect(EformsNotice.safeParse(minimal).error).toBeUndefined();
    expect(minimal).toMatchObject({
      doffinId: "2024-000001",
      noticeId: null,
      formType: null,
      lots: [],
      results: null,
      changes: null,
      organisations: { buyers: [], reviewBodies: [], all: [] },
      warnings: [],
    });
  });

  it("drops a missing organisation list without losing the buyer's role (warning)", () => {
    const xml = readEformsXml("2026-107778").replace(/<efac:Organizations>[\s\S]*<\/efac:Organizations>/, "");
    const notice = parseEformsNotice(xml);
    expect(notice.organisations.buyers).toMatchObject([{ ref: "ORG-0001", name: "", orgNumber: null }]);
    expect(notice.warnings.filter((w) => w.code === "broken_reference")).toHaveLength(2); // buyer + review body
    expect(notice.lots[0]?.submissionDeadline).toBe("2026-06-11T22:00:00Z");
  });
});

describe("eForms tolerance across SDK generations", () => {
  it("reads an SDK 1.3-style change notice (BT-141 per change, prefixes bound as in the SDK examples)", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
  xmlns:efext="http://data.europa.eu/p27/eforms-ubl-extensions/1"
  xmlns:efac="http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1"
  xmlns:efbc="http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1">
 <ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent><efext:EformsExtension>
  <efac:Changes>
   <efbc:ChangedNoticeIdentifier>11111111-2222-4333-8444-555555555555-01</efbc:ChangedNoticeIdentifier>
   <efac:Change>
    <efbc:ChangeDescription languageID="ENG">Deadline extended</efbc:ChangeDescription>
    <efac:ChangedSection><efbc:ChangedSectionIdentifier>LOT-0001</efbc:ChangedSectionIdentifier></efac:ChangedSection>
   </efac:Change>
   <efac:ChangeReason><cbc:ReasonCode listName="change-corrig-justification">update-add</cbc:ReasonCode></efac:ChangeReason>
  </efac:Changes>
  <efac:NoticeSubType><cbc:SubTypeCode listName="notice-subtype">16</cbc:SubTypeCode></efac:NoticeSubType>
 </efext:EformsExtension></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>
 <cbc:CustomizationID>eforms-sdk-1.3</cbc:CustomizationID>
 <cbc:ID schemeName="notice-id">aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee</cbc:ID>
 <cbc:IssueDate>2023-03-01+01:00</cbc:IssueDate>
 <cbc:NoticeTypeCode listName="competition">cn-standard</cbc:NoticeTypeCode>
 <cbc:NoticeLanguageCode>ENG</cbc:NoticeLanguageCode>
 <cac:ProcurementProjectLot><cbc:ID schemeName="Lot">LOT-0001</cbc:ID>
  <cac:TenderingProcess><cac:TenderSubmissionDeadlinePeriod><cbc:EndDate>2023-04-03+02:00</cbc:EndDate></cac:TenderSubmissionDeadlinePeriod></cac:TenderingProcess>
 </cac:ProcurementProjectLot>
</ContractNotice>`;
    const n = parseEformsNotice(xml);
    expect(EformsNotice.safeParse(n).error).toBeUndefined();
    expect(n.customization).toEqual({
      raw: "eforms-sdk-1.3",
      sdkVersion: "1.3",
      extended: false,
      eu: false,
      national: false,
    });
    expect(n.changes).toEqual({
      changedNoticeId: "11111111-2222-4333-8444-555555555555-01",
      reasonCode: "update-add",
      description: "Deadline extended",
      sections: ["LOT-0001"],
    });
    // A dispatch date without time starts the day; a deadline date without time ends it, in its offset.
    expect(n.dispatchedAt).toBe("2023-02-28T23:00:00Z");
    expect(n.lots[0]?.submissionDeadline).toBe("2023-04-03T21:59:59Z");
    expect(n.warnings).toEqual([]);
  });
});
