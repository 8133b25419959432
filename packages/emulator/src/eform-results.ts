/**
 * The detail's `Resultater` block (result notices) written from the same contract truth as the eForms
 * XML: per lot the BT-142 outcome, tenders received, each tender with its tenderer and value, and each
 * contract with its number and conclusion date — so the web client and `download` never disagree.
 * Block titles and ids are inferred (doffin-upstream.md §2.5: "not captured").
 */
import type { ContractTruth } from "./eforms/truth-types";
import type { EformNode, Money } from "./model";

export const eformNode = (
  title: string,
  label: string | null,
  value: string | null = null,
  sections: EformNode[] | null = null,
  sectionId: string | null = null,
  useLabelAsValue = false,
): EformNode => ({ title, sectionId, label, useLabelAsValue, value, sections });

/** English number formatting, as the real detail shows values (`4,000,000 NOK`). */
export const moneyDisplay = (m: Money): string => `${m.amount.toLocaleString("en-US")} ${m.currencyCode}`;

/** `2026-05-28` → `28.05.2026` (a date, so no time zone involved). */
const dayDisplay = (day: string): string => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

const OUTCOME_LABEL = { "selec-w": "Ja", "clos-nw": "Nei", "open-nw": "Nei, fortsatt åpen" } as const;

/**
 * `invented: false` (records of real captures, whose XML is served verbatim) leaves out what the record
 * does not hold and the truth would only make up: tender values, the total, contract numbers and dates.
 */
export const resultsBlock = (t: ContractTruth, invented = true): EformNode[] => {
  if (!t.results) return [];
  const names = new Map(t.organisations.map((o) => [o.ref, o.name]));
  const node = eformNode;
  const lots = t.results.lots.map((r) =>
    node(
      "block0801",
      "Resultat",
      r.lotId,
      [
        node("block080101", "Vinner er valgt", OUTCOME_LABEL[r.outcomeCode]),
        ...(r.tendersReceived === null
          ? []
          : [node("block080104", "Antall mottatte tilbud", String(r.tendersReceived))]),
        ...r.tenders.map((tender) =>
          node(
            "block080102",
            "Tilbud",
            tender.id,
            [
              node("block08010201", "Leverandør", names.get(tender.tendererRef) ?? null),
              ...(invented ? [node("block08010202", "Tilbudets verdi", moneyDisplay(tender.value))] : []),
            ],
            "6.1.2",
          ),
        ),
        ...r.contracts.map((c) =>
          node(
            "block080103",
            "Kontrakt",
            c.id,
            invented
              ? [
                  node("block08010302", "Kontraktsnummer", c.reference),
                  node("block08010301", "Dato for inngåelse av kontrakten", dayDisplay(c.concludedOn)),
                ]
              : [],
            "6.1.3",
          ),
        ),
      ],
      "6.1",
    ),
  );
  const total =
    invented && t.results.totalValue
      ? [
          node(
            "block0802",
            "Verdien av alle kontrakter som er tildelt i denne kunngjøringen",
            moneyDisplay(t.results.totalValue),
          ),
        ]
      : [];
  return [node("block08", "Resultater", null, [...total, ...lots], "6")];
};
