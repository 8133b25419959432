import { describe, expect, it } from "vitest";
import { contractParties, contractValues } from "../src/index";
import { loadEformsNotice } from "./eforms-support";

const NOK = (amount: number) => ({ amount, currency: "NOK" });

describe("contract views", () => {
  it("2026-107778: the estimate and the framework maximum stay apart, nothing awarded", () => {
    expect(contractValues(loadEformsNotice("2026-107778"))).toEqual({
      estimated: NOK(300_000_000),
      frameworkMaximum: NOK(320_000_000),
      awarded: null,
    });
  });

  it("never adds lots: one lot's figure stands for the notice, two are unknown (null)", () => {
    const n = loadEformsNotice("2026-107778");
    const base = { ...n, procedure: { ...n.procedure, estimatedValue: null, frameworkMaximumValue: null } };
    const lot = n.lots[0];
    if (!lot) throw new Error("fixture has a lot");
    const one = { ...base, lots: [{ ...lot, estimatedValue: NOK(5), frameworkMaximumValue: null }] };
    expect(contractValues(one).estimated).toEqual(NOK(5));
    const two = {
      ...one,
      lots: [...one.lots, { ...lot, id: "LOT-0002", estimatedValue: NOK(7), frameworkMaximumValue: null }],
    };
    expect(contractValues(two).estimated).toBeNull();
  });

  it("lists every buyer once as a buyer party", () => {
    const n = loadEformsNotice("2023-100863");
    const buyers = contractParties(n).filter((p) => p.role === "buyer");
    expect(buyers.map((b) => b.name)).toEqual(n.organisations.buyers.map((b) => b.name));
    expect(buyers.every((b) => b.lotIds.length === 0)).toBe(true);
  });
});
