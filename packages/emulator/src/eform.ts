/**
 * The detail's recursive `eform` tree for generated notices: Norwegian labels and block/section ids as in
 * the real capture (notice-detail-2026-107918), plus award blocks (Resultater / Tilbud / Kontrakt) on
 * result notices — their exact titles are inferred (doffin-upstream.md §2.5: "not captured").
 */
import { CPV, locationName } from "./codelists";
import type { EformNode, MasterNotice, Org } from "./model";
import { osloDisplay } from "./oslo";

const node = (
  title: string,
  label: string | null,
  value: string | null = null,
  sections: EformNode[] | null = null,
  sectionId: string | null = null,
  useLabelAsValue = false,
): EformNode => ({ title, sectionId, label, useLabelAsValue, value, sections });

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

const amount = (value: number): string => value.toLocaleString("en-US");
const flat = (text: string): string => text.replace(/\s*\n+\s*/g, " ");

const orgBlock = (org: Org, index: number, role: string): EformNode =>
  node(
    "block0501",
    null,
    `ORG-${String(index).padStart(4, "0")}`,
    [
      node("block050101", "Offisielt navn", org.name),
      ...(org.organizationId ? [node("block050102", "Organisasjonsnummer", org.organizationId)] : []),
      node("block050108", "Land", org.organizationId ? "Norge" : "Annet land"),
      node("block050117", "Rollene til denne virksomheten", null, [node("block05011701", role)]),
    ],
    "8.1",
  );

export const buildEform = (n: MasterNotice, changedNoticeId: string | null): EformNode[] => {
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
      ? [
          node(
            "block02011007",
            "Anslått verdi eksklusiv mva",
            `${amount(n.estimatedValue.amount)} ${n.estimatedValue.currencyCode}`,
          ),
        ]
      : []),
  ];
  const places = n.locationIds.map((code) =>
    node("block02011104", "Underenhet i land", `${locationName(code)} (${code})`),
  );
  const lots = n.lots.map((lot, i) =>
    node(
      "block0401",
      "Delkontrakt",
      `LOT-${String(i + 1).padStart(4, "0")}`,
      [
        node("block040101", "Tittel", lot.heading),
        node("block040102", "Beskrivelse", flat(lot.description)),
        ...(n.deadline && rollUp === "COMPETITION"
          ? [
              node(
                "block040115",
                "Vilkår for anskaffelsen",
                null,
                [
                  node("block04011503", "Vilkår for innlevering", null, [
                    node("block0401150301", "Elektronisk innlevering", "Obligatorisk"),
                    node("block0401150312", "Frist for mottak av tilbud", osloDisplay(n.deadline)),
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
  const winners = [...new Map(n.lots.flatMap((l) => l.winner).map((w) => [w.id, w])).values()];
  const results =
    rollUp === "RESULT"
      ? [
          node(
            "block08",
            "Resultater",
            null,
            n.lots.map((lot, i) =>
              node(
                "block0801",
                "Resultat",
                `LOT-${String(i + 1).padStart(4, "0")}`,
                [
                  node("block080101", "Vinner er valgt", lot.winner.length > 0 ? "Ja" : "Nei"),
                  ...lot.winner.map((w, j) =>
                    node(
                      "block080102",
                      "Tilbud",
                      `TEN-${String(i * 10 + j + 1).padStart(4, "0")}`,
                      [node("block08010201", "Leverandør", w.name)],
                      "6.1.2",
                    ),
                  ),
                  ...(lot.winner.length > 0
                    ? [
                        node(
                          "block080103",
                          "Kontrakt",
                          `CON-${String(i + 1).padStart(4, "0")}`,
                          [
                            node(
                              "block08010301",
                              "Dato for inngåelse av kontrakten",
                              osloDisplay(n.issueDate).slice(0, 10),
                            ),
                          ],
                          "6.1.3",
                        ),
                      ]
                    : []),
                ],
                "6.1",
              ),
            ),
            "6",
          ),
        ]
      : [];
  const orgs = [
    ...n.buyers.map((b, i) => orgBlock(b, i + 1, "Kjøper")),
    ...winners.map((w, i) => orgBlock(w, n.buyers.length + i + 1, "Vinner")),
  ];
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
