import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { foldLines } from "../src/codes/fold";
import {
  CpvCode,
  CpvNode,
  cpvAncestors,
  cpvChildren,
  cpvCount,
  cpvList,
  cpvTree,
  expandCpvPattern,
  expandCpvPatterns,
  foldText,
  getCpv,
  normalizeCpvCode,
  searchCpv,
  suggestCpv,
} from "../src/codes/index";

interface FixtureRow {
  code: string;
  nameEn: string;
  nameNb: string;
  parent: string | null;
  level: number;
}
const fixture: FixtureRow[] = JSON.parse(
  readFileSync(
    resolve(import.meta.dirname, "../../../fixtures/doffin/codelists/cpv-codes.derived.json"),
    "utf8",
  ),
);

describe("CPV list", () => {
  it("holds all 9,454 codes of the fixture", () => {
    expect(cpvCount()).toBe(9454);
    expect(cpvList().map((c) => c.code)).toEqual(fixture.map((r) => r.code));
  });

  it("derives exactly the fixture's parent and level for every code, with trimmed labels", () => {
    const derived = cpvList();
    derived.forEach((c, i) => {
      const row = fixture[i] as FixtureRow;
      expect({ code: c.code, parent: c.parent, level: c.level }).toEqual({
        code: row.code,
        parent: row.parent,
        level: row.level,
      });
      expect(c.nameNb).toBe(row.nameNb.trim());
      expect(c.nameEn).toBe(row.nameEn.trim());
    });
  });

  it("looks a code up with or without check digit", () => {
    const it72 = getCpv("72000000");
    expect(CpvCode.parse(it72)).toEqual({
      code: "72000000",
      nameEn: "IT services: consulting, software development, Internet and support",
      nameNb: "Datatjenester: rådgivning, programvareutvikling, internett og systemstøtte",
      level: 1,
      parent: null,
    });
    expect(getCpv("45000000-7")?.code).toBe("45000000");
    expect(getCpv("99999999")).toBeUndefined();
    expect(getCpv("7200")).toBeUndefined();
    expect(normalizeCpvCode(" 45000000-7 ")).toBe("45000000");
    expect(normalizeCpvCode("4500000")).toBeNull();
  });

  it("lists ancestors division first and children in code order", () => {
    expect(cpvAncestors("72212000").map((c) => c.code)).toEqual(["72000000", "72200000", "72210000"]);
    expect(cpvAncestors("72000000")).toEqual([]);
    expect(cpvAncestors("nope")).toEqual([]);
    const children = cpvChildren("72000000").map((c) => c.code);
    expect(children[0]).toBe("72100000");
    expect(children).toEqual([...children].sort());
    expect(cpvChildren("72000000").every((c) => c.parent === "72000000")).toBe(true);
    expect(cpvChildren("03111100")).toEqual([]);
  });

  it("builds a nested tree of the 45 divisions containing every code once", () => {
    const tree = cpvTree();
    expect(tree).toHaveLength(45);
    expect(tree.every((n) => n.level === 1 && n.parent === null)).toBe(true);
    const seen: string[] = [];
    const walk = (nodes: readonly CpvNode[], parent: string | null) => {
      for (const node of nodes) {
        expect(node.parent).toBe(parent);
        seen.push(node.code);
        walk(node.children, node.code);
      }
    };
    walk(tree, null);
    expect(seen).toHaveLength(9454);
    expect(new Set(seen).size).toBe(9454);
    expect(() => CpvNode.array().parse(tree.slice(0, 2))).not.toThrow();
  });
});

describe("searchCpv", () => {
  it("ranks the exact code first, then codes with that prefix, broadest first", () => {
    expect(searchCpv("72210000")[0]?.code).toBe("72210000");
    const prefix = searchCpv("7221", { limit: 50 });
    expect(prefix[0]?.code).toBe("72210000");
    expect(prefix.every((h) => h.code.startsWith("7221"))).toBe(true);
    expect(prefix.map((h) => h.level)).toEqual([...prefix.map((h) => h.level)].sort((a, b) => a - b));
  });

  it("matches Norwegian and English labels regardless of case", () => {
    expect(searchCpv("Programvare og informasjonssystemer")[0]?.code).toBe("48000000");
    expect(searchCpv("SOFTWARE PACKAGE AND INFORMATION SYSTEMS")[0]?.code).toBe("48000000");
    expect(searchCpv("cleaning services")[0]?.code).toBe("90910000");
  });

  it("folds a block of labels exactly like folding each label", () => {
    const labels = cpvList().flatMap((c) => [c.nameNb, c.nameEn]);
    expect(foldLines(labels.join("\n"))).toEqual(labels.map(foldText));
    expect(foldText("Rør\nog  RENNER")).toBe("ror og renner");
  });

  it("folds ø/æ/å so ASCII spellings find Norwegian labels", () => {
    expect(foldText("Rengjøring")).toBe(foldText("rengjoring"));
    expect(foldText("Møre")).toBe(foldText("Moere"));
    expect(foldText("Åsen")).toBe(foldText("Aasen"));
    expect(foldText("Ærfugl")).toBe("aerfugl");
    const exact = searchCpv("rengjøring", { limit: 5 }).map((h) => h.code);
    expect(exact[0]).toBe("90910000");
    expect(searchCpv("rengjoring", { limit: 5 }).map((h) => h.code)).toEqual(exact);
    expect(searchCpv("RENGJOERING", { limit: 5 }).map((h) => h.code)).toEqual(exact);
  });

  it("prefers whole-word matches over fragments and respects the limit", () => {
    const hits = searchCpv("asfalt", { limit: 3 });
    expect(hits).toHaveLength(3);
    expect(hits.every((h) => /asfalt|asphalt|tarmac/i.test(`${h.nameNb} ${h.nameEn}`))).toBe(true);
    expect(hits[0]?.score).toBeGreaterThanOrEqual(hits[2]?.score ?? 0);
    // "it" must not match the inside of words such as "sanitære".
    expect(searchCpv("IT-tjenester").every((h) => /\bit\b/i.test(`${h.nameNb} ${h.nameEn}`))).toBe(true);
  });

  it("retries with typo-corrected words when nothing matches as typed", () => {
    const hits = searchCpv("programvre", { limit: 3 });
    expect(hits[0]).toMatchObject({ code: "48000000", correctedQuery: "programvare" });
    expect(searchCpv("programvare")[0]?.correctedQuery).toBeUndefined();
    expect(searchCpv("programvre", { typoTolerant: false })).toEqual([]);
  });

  it("finds nothing for blank or unmatched queries", () => {
    expect(searchCpv("   ")).toEqual([]);
    expect(searchCpv("qqxxzz")).toEqual([]);
  });
});

describe("expandCpvPattern", () => {
  it("expands a division prefix to the division code", () => {
    expect(expandCpvPattern("72*")).toEqual({ ok: true, input: "72*", codes: ["72000000"] });
  });

  it("expands a deeper prefix to the code it names", () => {
    expect(expandCpvPattern("7221*")).toMatchObject({ ok: true, codes: ["72210000"] });
  });

  it("keeps a full code and strips a check digit", () => {
    expect(expandCpvPattern("72210000")).toMatchObject({ ok: true, codes: ["72210000"] });
    expect(expandCpvPattern(" 45000000-7 ")).toMatchObject({ ok: true, codes: ["45000000"] });
  });

  it("covers a prefix spanning several divisions with their top codes only", () => {
    const result = expandCpvPattern("7*");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.codes.length).toBeGreaterThan(1);
    expect(result.codes.every((c) => /^7\d000000$/.test(c))).toBe(true);
    // Every code starting with 7 descends from one of them.
    for (const c of cpvList().filter((x) => x.code.startsWith("7"))) {
      const chain = [c.code, ...cpvAncestors(c.code).map((a) => a.code)];
      expect(chain.some((x) => result.codes.includes(x))).toBe(true);
    }
  });

  it("fails with suggestions for an unknown code or empty prefix", () => {
    const unknown = expandCpvPattern("72000001");
    expect(unknown).toMatchObject({ ok: false, failure: { reason: "unknown", input: "72000001" } });
    if (unknown.ok) return;
    expect(unknown.failure.suggestions[0]?.code).toBe("72000000");
    expect(unknown.failure.message).toContain("72000000");

    const empty = expandCpvPattern("99*");
    expect(empty).toMatchObject({ ok: false, failure: { reason: "unknown" } });
  });

  it("rejects malformed and too-broad patterns with what would work", () => {
    const typo = expandCpvPattern("7200000");
    expect(typo).toMatchObject({ ok: false, failure: { reason: "malformed" } });
    if (!typo.ok) {
      expect(typo.failure.suggestions[0]?.code).toBe("72000000");
      expect(typo.failure.message).toMatch(/8 digits/);
    }
    expect(expandCpvPattern("*")).toMatchObject({ ok: false, failure: { reason: "too_broad" } });
    expect(expandCpvPattern("72-*")).toMatchObject({ ok: false, failure: { reason: "malformed" } });
  });

  it("merges several values, or reports every bad one", () => {
    expect(expandCpvPatterns(["72*", "45000000-7", "72000000"])).toEqual({
      ok: true,
      codes: ["72000000", "45000000"],
    });
    const bad = expandCpvPatterns(["72*", "x", "99*"]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.failures.map((f) => f.input)).toEqual(["x", "99*"]);
  });
});

describe("suggestCpv", () => {
  it("suggests the intended code for a dropped digit", () => {
    const suggestions = suggestCpv("7200000");
    expect(suggestions[0]).toMatchObject({ code: "72000000", reason: "prefix" });
    expect(suggestions.length).toBeLessThanOrEqual(5);
  });

  it("suggests codes within a small edit distance and the nearest existing ancestor", () => {
    expect(suggestCpv("72000001").map((s) => s.code)).toContain("72000000");
    expect(suggestCpv("72219999").map((s) => s.code)).toContain("72210000");
  });

  it("suggests by label and corrects typos in words", () => {
    expect(suggestCpv("programvare")[0]?.code).toBe("48000000");
    const typo = suggestCpv("programvre");
    expect(typo[0]).toMatchObject({ code: "48000000", reason: "edit_distance" });
    expect(suggestCpv("renhlod").length).toBeGreaterThan(0);
  });

  it("labels suggestions in the requested language", () => {
    expect(suggestCpv("7200000", { lang: "en" })[0]?.label).toBe(getCpv("72000000")?.nameEn);
    expect(suggestCpv("7200000", { limit: 1 })).toHaveLength(1);
  });
});
