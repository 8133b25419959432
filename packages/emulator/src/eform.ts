/**
 * The detail's recursive `eform` tree for generated notices: Norwegian labels and block/section ids as in
 * the real capture (notice-detail-2026-107918), plus award blocks (Resultater / Tilbud / Kontrakt) on
 * result notices — their exact titles are inferred (doffin-upstream.md §2.5: "not captured").
 */
import { CPV, locationName } from "./codelists";
import { eformNode, moneyDisplay, resultsBlock } from "./eform-results";
import type { ContractTruth, TruthOrganisation } from "./eforms/truth-types";
import type { EformNode, MasterNotice } from "./model";
import { osloDisplay } from "./oslo";

const node = eformNode;

const NATURE_LABEL = { SERVICES: "Tjenester", SUPPLIES: "Varer", WORKS: "Bygge- og anleggsarbeid" } as const;
const FORM_LABEL = { PLANNING: "Planlegging", COMPETITION: "Konkurranse", RESULT: "Resultat" } as const;
const NOTICE_LABEL: Record<MasterNotice["type"], string> = {
  ADVISORY_NOTICE: "Veiledende kunngjøring – standardregime",
  NOTICE_ON_BUYER_PROFILE: "Kunngjøring på kjøperprofil",
  PRE_ANNOUNCEMENT: "Forhåndskunngjøring brukt som konkurranseutlysning – standardregime",
  ANNOUNCEMENT_OF_COMPETITION: "Melding om kontrakt eller konsesjon – standardregime",
  DYNAMIC_PURCHASING_SCHEME: "Melding om kontrakt – dynamisk innkjøpsordning",
  QUALIFICATION_SCHEME: "Kvalifikasjonsordning – forsyningsregime",
  ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT: "Melding om tildeling av kontrakt eller konsesjon – standardregime",
  ANNOUNCEMENT_OF_INTENT: "Intensjonskunngjøring – frivillig forhåndsinnsyn",
  CANCELLED_OR_MISSING_CONCLUSION_OF_CONTRACT: "Melding om avlysning eller manglende tildeling",
  CHANGE_OF_CONCLUSION_OF_CONTRACT: "Melding om endring av kontrakt",
};

const flat = (text: string): string => text.replace(/\s*\n+\s*/g, " ");

const orgBlock = (org: TruthOrganisation, role: string): EformNode =>
  node(
    "block0501",
    null,
    org.ref,
    [
      node("block050101", "Offisielt navn", org.name),
      ...(org.rawCompanyId ? [node("block050102", "Organisasjonsnummer", org.rawCompanyId)] : []),
      node("block050108", "Land", org.country === "NOR" ? "Norge" : "Annet land"),
      node("block050117", "Rollene til denne virksomheten", null, [node("block05011701", role)]),
    ],
    "8.1",
  );

/** The tree for a generated notice, from its record and the contract truth its XML is written from. */
export const buildEform = (n: MasterNotice, t: ContractTruth): EformNode[] => {
  const changedNoticeId = t.changes?.changedNoticeId ?? null;
  const rollUp = n.allTypes.includes("RESULT")
    ? "RESULT"
    : n.allTypes.includes("COMPETITION")
      ? "COMPETITION"
      : "PLANNING";
  const [main, ...further] = n.cpvDirect;
  const purpose = [
    node("block02011001", "Kontraktens art", NATURE_LABEL[n.contractNature]),
    node("block02011003", "Hoved klassifisering", CPV.get(main ?? "")?.nameNb ?? main ?? null),
    ...further.map((code) =>
      node("block02011005", "Ytterligere klassifisering", CPV.get(code)?.nameNb ?? code),
    ),
    ...(n.estimatedValue
      ? [node("block02011007", "Anslått verdi eksklusiv mva", moneyDisplay(n.estimatedValue))]
      : []),
  ];
  const places = n.locationIds.map((code) =>
    node("block02011104", "Underenhet i land", `${locationName(code)} (${code})`),
  );
  const lots = t.lots.map((lot) =>
    node(
      "block0401",
      "Delkontrakt",
      lot.id,
      [
        node("block040101", "Tittel", lot.title),
        node("block040102", "Beskrivelse", flat(lot.description)),
        ...(lot.estimatedValue
          ? [node("block040103", "Anslått verdi eksklusiv mva", moneyDisplay(lot.estimatedValue))]
          : []),
        ...(lot.frameworkMaximumValue && !n.fixture
          ? [node("block040104", "Rammeavtalens maksimumsverdi", moneyDisplay(lot.frameworkMaximumValue))]
          : []),
        ...(lot.submissionDeadline
          ? [
              node(
                "block040115",
                "Vilkår for anskaffelsen",
                null,
                [
                  node("block04011503", "Vilkår for innlevering", null, [
                    node("block0401150301", "Elektronisk innlevering", "Obligatorisk"),
                    node(
                      "block0401150312",
                      "Frist for mottak av tilbud",
                      osloDisplay(lot.submissionDeadline),
                    ),
                  ]),
                ],
                "5.1.12",
              ),
            ]
          : []),
      ],
      "5.1",
    ),
  );
  const buyerRefs = new Set(t.buyers.map((b) => b.ref));
  const orgs = t.organisations.map((o) => orgBlock(o, buyerRefs.has(o.ref) ? "Kjøper" : "Vinner"));
  const results = resultsBlock(t, !n.fixture);
  const change = changedNoticeId
    ? [
        node(
          "block06",
          "Endring",
          null,
          [
            node("block0601", "Versjon av forrige varsel endres", changedNoticeId),
            node("block0602", "Hovedårsak til endring", n.changeReason ?? "Korreksjon kjøper"),
          ],
          "10",
        ),
      ]
    : [];
  return [
    node(
      "block01",
      "Kjøper",
      null,
      n.buyers.map((b) =>
        node(
          "block0101",
          "Kjøper",
          null,
          [
            node("block010101", "Offisielt navn", b.name),
            node("block010102", "Juridisk type kjøper", "Offentligrettslig organ"),
          ],
          "1.1",
        ),
      ),
      "1",
    ),
    node(
      "block02",
      "Prosedyre",
      null,
      [
        node(
          "block0201",
          "Prosedyre",
          null,
          [
            node("block020101", "Tittel", n.heading),
            node("block020102", "Beskrivelse", flat(n.description)),
            node("block020103", "Prosedyreidentifikator", n.procedureId),
            node("block020106", "Type prosedyre", n.procedureType),
            node("block020110", "Hensikt", null, purpose, "2.1.1"),
            node(
              "block020111",
              "Sted for gjennomføring",
              null,
              [...places, node("block02011105", "Land", "Norge")],
              "2.1.2",
            ),
          ],
          "2.1",
        ),
      ],
      "2",
    ),
    node("block04", "Delkontrakt", null, lots, "5"),
    ...results,
    node("block05", "Virksomheter", null, orgs, "8"),
    ...change,
    node("block07", "Kunngjøringsinformasjon", null, [
      node("block0701", "Varselidentifikator/-versjon", `${n.eFormId} 01`),
      node("block0702", "Type skjema", FORM_LABEL[rollUp]),
      node("block0703", "Type varsel", NOTICE_LABEL[n.type]),
      node("block0704", "Varsel utsendelsesdato", osloDisplay(n.issueDate)),
      node("block0706", "Språk der denne kunngjøringen er offisielt tilgjengelig", "norsk"),
    ]),
  ];
};
