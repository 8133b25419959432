/** Seeded pools of buyers, winners and CPV codes the generator draws from. */
import { CPV, CPV_CODES } from "./codelists";
import type { ContractNature, Org } from "./model";
import type { Rng } from "./prng";
import { BUYER_SEEDS, COMPANY_PREFIXES, COMPANY_STEMS, FOREIGN_COMPANIES } from "./text-bank";

export type Buyer = Org & { county: string | null };

/**
 * Org numbers as Doffin serves them: usually 9 digits, but spaces ("999 601 391") and odd lengths
 * (3, 11, 17 digits) occur (doffin-upstream.md §1.5).
 */
const orgNumber = (rng: Rng): string => {
  const nine = `${rng.pick(["8", "9"])}${String(rng.int(0, 99_999_999)).padStart(8, "0")}`;
  const roll = rng.next();
  if (roll < 0.04) return `${nine.slice(0, 3)} ${nine.slice(3, 6)} ${nine.slice(6)}`;
  if (roll < 0.05) return nine.slice(0, 3);
  if (roll < 0.06) return `${nine}${rng.int(10, 99)}`;
  if (roll < 0.065) return `NO${nine}MVA${rng.int(100_000, 999_999)}`.slice(0, 17);
  return nine;
};

export const buildBuyers = (rng: Rng): Buyer[] => {
  const buyers: Buyer[] = BUYER_SEEDS.map(([name, county]) => ({
    id: rng.hex(32),
    organizationId: orgNumber(rng),
    name,
    county,
  }));
  // The same organisation sometimes appears under a second organizationId (S5).
  for (const twin of buyers.slice(0, 4))
    buyers.push({ ...twin, id: rng.hex(32), organizationId: orgNumber(rng) });
  return buyers;
};

export const buildWinners = (rng: Rng, count = 240): Org[] => {
  const seen = new Set<string>();
  const out: Org[] = [];
  for (const name of FOREIGN_COMPANIES) {
    seen.add(name);
    // Foreign winners often carry no Norwegian org number: organizationId null (intent fixture).
    out.push({ id: rng.hex(32), organizationId: null, name });
  }
  while (out.length < count) {
    const name = `${rng.pick(COMPANY_PREFIXES)} ${rng.pick(COMPANY_STEMS)} AS`;
    const unique = seen.has(name) ? `${name.slice(0, -3)} ${rng.int(2, 9)} AS` : name;
    if (seen.has(unique)) continue;
    seen.add(unique);
    out.push({ id: rng.hex(32), organizationId: rng.chance(0.03) ? null : orgNumber(rng), name: unique });
  }
  return out;
};

/** Divisions weighted roughly like Doffin's mix (works, IT, consulting, health dominate). */
const DIVISION_WEIGHTS: Record<string, number> = {
  "45": 18,
  "72": 9,
  "79": 8,
  "71": 8,
  "33": 7,
  "90": 6,
  "48": 5,
  "50": 5,
  "85": 4,
  "34": 4,
  "60": 4,
  "80": 3,
  "30": 3,
  "39": 2,
  "15": 2,
  "09": 2,
  "77": 2,
  "55": 2,
  "44": 2,
  "73": 2,
  "31": 2,
  "32": 2,
  "98": 1,
  "66": 1,
  "92": 1,
  "03": 1,
  "18": 1,
  "35": 1,
  "42": 1,
  "43": 1,
  "63": 1,
  "64": 1,
  "70": 1,
  "75": 1,
  "22": 1,
  "24": 1,
};

const byDivision = new Map<string, string[]>();
for (const code of CPV_CODES) {
  const level = CPV.get(code)?.level ?? 0;
  if (level < 3) continue;
  const div = code.slice(0, 2);
  const list = byDivision.get(div) ?? [];
  list.push(code);
  byDivision.set(div, list);
}

export const pickDivision = (rng: Rng): string => rng.weighted(DIVISION_WEIGHTS);

export const pickCpvIn = (rng: Rng, division: string): string => {
  const list = byDivision.get(division);
  return list && list.length > 0 ? rng.pick(list) : `${division}000000`;
};

/** WORKS for division 45, SUPPLIES for goods divisions (< 50, and software 48), SERVICES otherwise. */
export const natureOf = (division: string): ContractNature => {
  if (division === "45") return "WORKS";
  return Number(division) < 50 ? "SUPPLIES" : "SERVICES";
};
