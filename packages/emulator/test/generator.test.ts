import { describe, expect, it } from "vitest";
import { CPV, cpvAncestors, LEGACY_NUTS, NUTS_2024_LEVEL3 } from "../src/codelists";
import { buildPools, generateCorpus } from "../src/generator";
import { type ConcreteType, NOTICE_TYPES, ROLL_UP } from "../src/model";
import { allRecords, makeEmulator } from "./helpers";

const gen = (seed: number, count: number) =>
  generateCorpus({ seed, count, from: "2017-01-02", to: "2026-08-03" }, buildPools(seed));

describe("seeded generator", () => {
  it("gives the same corpus for the same seed and a different one for another seed", () => {
    const a = gen(7, 800);
    const b = gen(7, 800);
    const c = gen(8, 800);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it("serves identical responses from two emulators with the same options", async () => {
    const body = (e: ReturnType<typeof makeEmulator>) =>
      e
        .fetch(
          new Request("http://emu/public/v2/search?numHitsPerPage=50&type=RESULT", {
            headers: { "Ocp-Apim-Subscription-Key": "test-key" },
          }),
        )
        .then((r) => r.text());
    expect(await body(makeEmulator({ count: 1500 }))).toBe(await body(makeEmulator({ count: 1500 })));
  });

  it("produces exactly `count` notices with unique YYYY-NNNNNN ids whose year is the publication year", () => {
    const corpus = gen(3, 2500);
    expect(corpus).toHaveLength(2500);
    expect(new Set(corpus.map((n) => n.id)).size).toBe(2500);
    for (const n of corpus) {
      expect(n.id).toMatch(/^\d{4}-\d{6}$/);
      expect(n.id.slice(0, 4)).toBe(n.publicationDate.slice(0, 4));
    }
  });

  it("covers all 13 types, each concrete type with its roll-up, in varying order", () => {
    const corpus = gen(4, 3000);
    const seen = new Set(corpus.flatMap((n) => n.allTypes));
    expect([...seen].sort()).toEqual([...NOTICE_TYPES].sort());
    for (const n of corpus) {
      expect(n.allTypes).toContain(n.type);
      expect(n.allTypes).toContain(ROLL_UP[n.type as ConcreteType]);
    }
    const firsts = new Set(
      corpus.filter((n) => n.type === "ANNOUNCEMENT_OF_COMPETITION").map((n) => n.allTypes[0]),
    );
    expect(firsts).toEqual(new Set(["ANNOUNCEMENT_OF_COMPETITION", "COMPETITION"]));
    // Some competitions also carry PLANNING + NOTICE_ON_BUYER_PROFILE (S3: 24/623).
    expect(corpus.some((n) => n.allTypes.includes("COMPETITION") && n.allTypes.includes("PLANNING"))).toBe(
      true,
    );
  });

  it("gives a status only to competition notices", () => {
    const emu = makeEmulator({ count: 2000 });
    const records = allRecords(emu);
    for (const r of records) {
      if (r.allTypes.includes("COMPETITION"))
        expect(["ACTIVE", "EXPIRED", "AWARDED", "CANCELLED"]).toContain(r.status);
      else expect(r.status).toBeNull();
    }
    expect(new Set(records.map((r) => r.status))).toEqual(
      new Set([null, "ACTIVE", "EXPIRED", "AWARDED", "CANCELLED"]),
    );
  });

  it("uses buyers with org numbers, including spaces, odd lengths and null winner ids", () => {
    const corpus = gen(5, 4000);
    const orgIds = corpus.flatMap((n) => n.buyers.map((b) => b.organizationId));
    expect(orgIds.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(orgIds.some((id) => /^\d{3} \d{3} \d{3}$/.test(id ?? ""))).toBe(true);
    expect(orgIds.some((id) => id !== null && !id.includes(" ") && id.length !== 9)).toBe(true);
    expect(corpus.some((n) => n.buyers.length > 1)).toBe(true);
    const winners = corpus.flatMap((n) => n.lots.flatMap((l) => l.winner));
    expect(winners.some((w) => w.organizationId === null)).toBe(true);
    for (const b of corpus.flatMap((n) => n.buyers)) expect(b.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("draws CPV codes from the real list and always includes every ancestor", () => {
    for (const n of gen(6, 1500)) {
      expect(n.cpvCodes.length).toBeGreaterThan(0);
      const all = new Set(n.cpvCodes);
      for (const code of n.cpvDirect) {
        expect(CPV.has(code)).toBe(true);
        for (const a of cpvAncestors(code)) expect(all.has(a)).toBe(true);
      }
    }
  });

  it("uses NUTS 2024 codes, legacy NUTS 2021 codes before 2024, and anyw", () => {
    const corpus = gen(7, 5000);
    const codes = corpus.flatMap((n) => n.locationIds);
    expect(codes.some((c) => NUTS_2024_LEVEL3.includes(c))).toBe(true);
    expect(codes).toContain("anyw");
    const legacy = corpus.filter((n) => n.locationIds.some((c) => LEGACY_NUTS.includes(c)));
    expect(legacy.length).toBeGreaterThan(0);
    // After the reform a legacy code only survives on follow-ups (corrections, awards) of older notices.
    for (const n of legacy) {
      expect(n.publicationDate < "2024-01-01" || n.correctsId !== null || n.allTypes.includes("RESULT")).toBe(
        true,
      );
    }
  });

  it("spreads dates from 2017 to the clock, with publicationDate 0-7 days after the issue day", () => {
    const corpus = gen(8, 3000);
    const days = corpus.map((n) => n.publicationDate).sort();
    expect(days[0] && days[0] < "2017-03-01").toBe(true);
    expect(days[days.length - 1] && (days[days.length - 1] as string) > "2026-06-01").toBe(true);
    for (const n of corpus) {
      expect(n.issueDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const lag = (Date.parse(n.publicationDate) - Date.parse(n.issueDate.slice(0, 10))) / 86_400_000;
      expect(lag).toBeGreaterThanOrEqual(0);
      expect(lag).toBeLessThanOrEqual(7);
    }
  });

  it("leaves about half the estimated values null and uses some EUR/PLN", () => {
    const corpus = gen(9, 4000);
    const nulls = corpus.filter((n) => n.estimatedValue === null).length / corpus.length;
    expect(nulls).toBeGreaterThan(0.4);
    expect(nulls).toBeLessThan(0.6);
    const currencies = new Set(
      corpus.flatMap((n) => (n.estimatedValue ? [n.estimatedValue.currencyCode] : [])),
    );
    expect(currencies.has("NOK")).toBe(true);
    expect(currencies.has("EUR") || currencies.has("PLN")).toBe(true);
  });

  it("puts winners on award and intent lots, none on competitions or cancelled results", () => {
    const corpus = gen(10, 3000);
    for (const n of corpus) {
      const winners = n.lots.flatMap((l) => l.winner);
      if (n.type === "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT" || n.type === "ANNOUNCEMENT_OF_INTENT") {
        expect(winners.length).toBeGreaterThan(0);
      }
      if (n.allTypes.includes("COMPETITION") || n.type === "CANCELLED_OR_MISSING_CONCLUSION_OF_CONTRACT") {
        expect(winners).toHaveLength(0);
      }
    }
    expect(corpus.some((n) => n.lots.length > 1)).toBe(true);
  });

  it("builds correction chains (new id, same procedure) and links awards to earlier competitions", () => {
    const corpus = gen(11, 6000);
    const byId = new Map(corpus.map((n) => [n.id, n]));
    const corrections = corpus.filter((n) => n.correctsId !== null);
    expect(corrections.length).toBeGreaterThan(0);
    for (const c of corrections) {
      const original = byId.get(c.correctsId as string);
      expect(original?.procedureId).toBe(c.procedureId);
      expect(original?.eFormId).not.toBe(c.eFormId);
      expect((original?.publicationDate ?? "") < c.publicationDate).toBe(true);
    }
    const awarded = corpus.filter((n) => n.fixedStatus === "AWARDED");
    expect(awarded.length).toBeGreaterThan(0);
    const procedures = new Set(corpus.filter((n) => n.allTypes.includes("RESULT")).map((n) => n.procedureId));
    expect(awarded.every((n) => procedures.has(n.procedureId))).toBe(true);
  });

  it("writes descriptions with raw control characters, «quotes» and paragraph breaks", () => {
    const corpus = gen(12, 3000);
    expect(corpus.some((n) => n.description.includes("\t"))).toBe(true);
    expect(corpus.some((n) => n.description.includes("«") && n.description.includes("»"))).toBe(true);
    expect(corpus.some((n) => n.description.includes("\n\n"))).toBe(true);
  });

  it("puts `share` of the notices on the hot days so one day can exceed 1000 hits", () => {
    const corpus = generateCorpus(
      {
        seed: 1,
        count: 6000,
        from: "2020-01-01",
        to: "2026-08-03",
        hotDays: { days: ["2024-03-05"], share: 0.25 },
      },
      buildPools(1),
    );
    const onDay = corpus.filter((n) => n.publicationDate === "2024-03-05").length;
    expect(onDay).toBeGreaterThanOrEqual(1500);
  });
});
