/** The lots of a generated notice and their winners (part of the seeded generator). */
import type { Lot, Org } from "./model";
import { createRng, hash32, type Rng } from "./prng";

/** 2–20 lots, mostly few: the fifth power skews the draw towards 2 and 3 (≈ 60 % of multi-lot notices). */
const lotsOfMultiLot = (rng: Rng): number => 2 + Math.floor(rng.next() ** 5 * 19);

/** One to three different winners (drawn with replacement, so a repeat is dropped). */
const winnersFor = (rng: Rng, winners: readonly Org[]): Org[] => {
  const drawn = Array.from({ length: rng.chance(0.1) ? rng.int(2, 3) : 1 }, () => rng.pick(winners));
  return [...new Map(drawn.map((w) => [w.id, w])).values()];
};

/**
 * 6 % of notices have several lots. Up to 20 lots, and lots without a winner, come from a side stream
 * seeded by the heading: the main stream (`rng`) — and with it every other field of every corpus, which
 * other packages' tests count on — draws exactly what it drew when notices had 2–6 lots.
 */
export const drawLots = (
  rng: Rng,
  winners: readonly Org[],
  heading: string,
  description: string,
  hasWinners: boolean,
): Lot[] => {
  const drawnLots = rng.chance(0.06) ? rng.int(2, 6) : 1;
  const drawnWinners = Array.from({ length: drawnLots }, () => (hasWinners ? winnersFor(rng, winners) : []));
  const side = createRng(hash32(heading, drawnLots));
  const lotCount = drawnLots === 1 ? 1 : lotsOfMultiLot(side);
  return Array.from({ length: lotCount }, (_, i) => ({
    heading: lotCount === 1 ? heading : `Delkontrakt ${i + 1}: ${heading}`,
    description:
      lotCount === 1 ? description : `Delkontrakt ${i + 1} omfatter en del av leveransen. ${description}`,
    // In a multi-lot award some lots after the first end without a winner (no or no acceptable tenders).
    winner: !hasWinners || (i > 0 && side.chance(0.15)) ? [] : (drawnWinners[i] ?? winnersFor(side, winners)),
  }));
};
