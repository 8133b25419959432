import { describe, expect, it } from "vitest";
import {
  getLocation,
  Location,
  LocationTreeNode,
  listLocations,
  locationTree,
  resolveLocation,
  resolveLocations,
  suggestLocation,
} from "../src/codes/index";

const codesOf = (input: string) => {
  const result = resolveLocation(input);
  if (!result.ok) throw new Error(`expected ${input} to resolve: ${result.failure.message}`);
  return result;
};

describe("location list", () => {
  it("holds NUTS levels 0-3, legacy NUTS 2021 codes and the three anyw codes", () => {
    const all = listLocations();
    expect(all.map((l) => l.code)).toEqual(expect.arrayContaining(["NO", "NO0", "NO08", "NO081", "NOZZZ"]));
    expect(new Set(all.map((l) => l.level))).toEqual(new Set([0, 1, 2, 3, null]));
    expect(all.filter((l) => l.legacy).map((l) => l.code)).toEqual(["NO074", "NO082", "NO091"]);
    expect(all.filter((l) => l.special).map((l) => l.code)).toEqual(["anyw", "anyw-cou", "anyw-eea"]);
    for (const l of all) Location.parse(l);
  });

  it("looks codes up case-insensitively with nb and en names", () => {
    expect(getLocation("no0a2")).toMatchObject({
      code: "NO0A2",
      nameNb: "Vestland",
      level: 3,
      parent: "NO0A",
    });
    expect(getLocation("NO0A")).toMatchObject({ nameNb: "Vestlandet", nameEn: "Western Norway" });
    expect(getLocation("ANYW-EEA")).toMatchObject({ nameNb: "Hvor som helst i EØS-området", special: true });
    expect(getLocation("NO999")).toBeUndefined();
  });

  it("flags legacy codes with their successors and successors with their predecessor", () => {
    expect(getLocation("NO082")).toMatchObject({ legacy: true, successors: ["NO083", "NO084", "NO085"] });
    expect(getLocation("NO091")).toMatchObject({ legacy: true, successors: ["NO093", "NO094"] });
    expect(getLocation("NO074")).toMatchObject({ legacy: true, successors: ["NO072", "NO073"] });
    expect(getLocation("NO084")).toMatchObject({ legacy: false, predecessors: ["NO082"] });
    expect(getLocation("NO073")?.predecessors).toEqual(["NO074"]);
    expect(getLocation("NO081")?.predecessors).toEqual([]);
  });

  it("builds one NUTS tree under NO plus the anyw roots, legacy codes flagged in place", () => {
    const tree = locationTree();
    expect(tree.map((n) => n.code)).toEqual(["NO", "anyw", "anyw-cou", "anyw-eea"]);
    const no = LocationTreeNode.parse(tree[0]);
    expect(no.children.map((c) => c.code)).toEqual(["NO0", "NOZ"]);
    const oslo = no.children[0]?.children.find((c) => c.code === "NO08");
    expect(oslo?.children.map((c) => [c.code, c.legacy])).toEqual([
      ["NO081", false],
      ["NO082", true],
      ["NO083", false],
      ["NO084", false],
      ["NO085", false],
    ]);
    let count = 0;
    const walk = (nodes: readonly LocationTreeNode[]) => {
      for (const n of nodes) {
        count++;
        for (const c of n.children) expect(c.parent).toBe(n.code);
        walk(n.children);
      }
    };
    walk(tree);
    expect(count).toBe(listLocations().length);
  });
});

describe("resolveLocation", () => {
  it("maps county names to codes", () => {
    expect(codesOf("Oslo")).toMatchObject({ codes: ["NO081"], current: ["NO081"] });
    expect(codesOf("Vestland").codes).toEqual(["NO0A2"]);
    expect(codesOf("Møre og Romsdal").codes).toEqual(["NO0A3"]);
    expect(codesOf("More og Romsdal").codes).toEqual(["NO0A3"]);
    expect(codesOf("Moere og Romsdal").codes).toEqual(["NO0A3"]);
  });

  it("ignores case, diacritics and a trailing 'fylke'", () => {
    expect(codesOf("VESTLAND FYLKE").codes).toEqual(["NO0A2"]);
    expect(codesOf("  oslo ").codes).toEqual(["NO081"]);
    expect(codesOf("ostfold").codes).toEqual(["NO082", "NO083"]);
    expect(codesOf("Trondelag").codes).toEqual(["NO060"]);
  });

  it("maps legacy county names to their NUTS 2024 successors (plus the legacy code for old notices)", () => {
    const viken = codesOf("Viken");
    expect(viken.current).toEqual(["NO083", "NO084", "NO085"]);
    expect(viken.codes).toEqual(["NO082", "NO083", "NO084", "NO085"]);
    const tromsFinnmark = codesOf("Troms og Finnmark");
    expect(tromsFinnmark.current).toEqual(["NO072", "NO073"]);
    expect(tromsFinnmark.codes).toEqual(["NO072", "NO073", "NO074"]);
    expect(codesOf("Troms and Finnmark").current).toEqual(["NO072", "NO073"]);
    expect(codesOf("Vestfold og Telemark").current).toEqual(["NO093", "NO094"]);
  });

  it("expands a legacy code to itself plus successors and a successor to itself plus its predecessor", () => {
    expect(codesOf("NO082").codes).toEqual(["NO082", "NO083", "NO084", "NO085"]);
    expect(codesOf("no084").codes).toEqual(["NO082", "NO084"]);
    expect(codesOf("NO072").codes).toEqual(["NO072", "NO074"]);
    expect(codesOf("NO091").current).toEqual(["NO093", "NO094"]);
  });

  it("resolves multilingual name parts, English names and regions", () => {
    expect(codesOf("Troms").codes).toEqual(["NO072", "NO074"]);
    expect(codesOf("Finnmárku").current).toEqual(["NO073"]);
    const westernNorway = codesOf("Western Norway");
    expect(westernNorway.matched.map((l) => l.code)).toEqual(["NO0A"]);
    expect(westernNorway.codes).toEqual(["NO0A", "NO0A1", "NO0A2", "NO0A3"]);
    expect(westernNorway.current).toEqual(["NO0A1", "NO0A2", "NO0A3"]);
    // "Innlandet" names both the region and the county; the county wins.
    expect(codesOf("Innlandet").matched.map((l) => l.code)).toEqual(["NO020"]);
  });

  it("keeps the anyw codes as they are", () => {
    expect(codesOf("ANYW").codes).toEqual(["anyw"]);
    expect(codesOf("anyw-cou").codes).toEqual(["anyw-cou"]);
    expect(codesOf("Hvor som helst").codes).toEqual(["anyw"]);
  });

  it("passes well-formed foreign NUTS codes through, but not unknown Norwegian ones", () => {
    expect(codesOf("fi1d9")).toMatchObject({ codes: ["FI1D9"], current: ["FI1D9"], matched: [] });
    expect(codesOf("SE110").codes).toEqual(["SE110"]);
    expect(resolveLocation("NO999").ok).toBe(false);
    expect(resolveLocation("Osloo").ok).toBe(false);
    expect(resolveLocation("SE").ok).toBe(false);
  });

  it("fails with suggestions for typos", () => {
    const osloo = resolveLocation("Osloo");
    expect(osloo).toMatchObject({ ok: false, failure: { input: "Osloo", reason: "unknown" } });
    if (!osloo.ok) {
      expect(osloo.failure.suggestions[0]).toMatchObject({ code: "NO081", label: "Oslo" });
      expect(osloo.failure.message).toContain("NO081 (Oslo)");
    }
    const vestlan = resolveLocation("Vestlan");
    expect(vestlan.ok).toBe(false);
    if (!vestlan.ok) expect(vestlan.failure.suggestions[0]?.code).toBe("NO0A2");
    expect(resolveLocation("")).toMatchObject({ ok: false, failure: { reason: "malformed" } });
  });

  it("merges several inputs, or lists every failure", () => {
    expect(resolveLocations(["Oslo", "Vestland", "NO081"])).toEqual({ ok: true, codes: ["NO081", "NO0A2"] });
    const bad = resolveLocations(["Oslo", "Osloo", "Atlantis"]);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.failures.map((f) => f.input)).toEqual(["Osloo", "Atlantis"]);
  });
});

describe("suggestLocation", () => {
  it("offers names within a typo and names the input starts", () => {
    expect(suggestLocation("Osloo")[0]?.code).toBe("NO081");
    expect(suggestLocation("Vestlan").map((s) => s.code)).toEqual(expect.arrayContaining(["NO0A2", "NO0A"]));
    expect(suggestLocation("Rogalnd")[0]?.code).toBe("NO0A1");
    expect(suggestLocation("Osloo", { lang: "en" })[0]?.label).toBe("Oslo");
  });

  it("offers codes one edit away", () => {
    expect(suggestLocation("NO82").map((s) => s.code)).toContain("NO082");
    expect(suggestLocation("no0a4").map((s) => s.code)).toEqual(
      expect.arrayContaining(["NO0A1", "NO0A2", "NO0A3"]),
    );
  });

  it("returns nothing for input close to no place", () => {
    expect(suggestLocation("Atlantis")).toEqual([]);
  });
});
