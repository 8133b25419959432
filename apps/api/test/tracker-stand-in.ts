import {
  type OrganizationProfile,
  type OrganizationSearchPage,
  organizationRoute,
  organizationSearchRoute,
} from "@doffin/contracts/organizations";
import { ApiError, createWorkerApp } from "@doffin/http";

/**
 * A stand-in for the tracker's organisation routes that speaks their contract: the same `createRoute`
 * definitions validate the query (so bad input gets the tracker's 400s), answers come from two fixtures.
 */

export const TROMSO: OrganizationProfile = {
  orgNumber: "940101808",
  name: "Tromsø kommune",
  otherNames: ["TROMSØ KOMMUNE"],
  roles: ["buyer", "supplier"],
  asBuyer: {
    noticesPublished: 3,
    byYear: [
      {
        year: 2026,
        total: 3,
        byType: [
          { type: "COMPETITION", count: 2 },
          { type: "RESULT", count: 1 },
        ],
      },
    ],
  },
  asSupplier: {
    awardsWon: 2,
    awards: [
      {
        noticeId: "2026-100002",
        lotId: "LOT-0001",
        lotTitle: "Snow clearing",
        value: { amount: 1_200_000, currency: "NOK" },
        buyer: { name: "Troms fylkeskommune", orgNumber: "930068128" },
        date: "2026-10-01",
      },
    ],
    nextCursor: "c2",
  },
};

const TROMS: OrganizationSearchPage["items"][number] = {
  orgNumber: "930068128",
  name: "Troms fylkeskommune",
  roles: ["buyer"],
  noticesPublished: 7,
  awardsWon: 0,
};

const HITS = [
  { orgNumber: TROMSO.orgNumber, name: TROMSO.name, roles: TROMSO.roles, noticesPublished: 3, awardsWon: 2 },
  TROMS,
];

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/ø/gi, "o")
    .toLowerCase();

export const trackerStandIn = createWorkerApp()
  .openapi(organizationSearchRoute, (c) => {
    const q = c.req.valid("query");
    const items = HITS.filter(
      (h) => fold(h.name).includes(fold(q.q)) && (!q.role || h.roles.includes(q.role)),
    ).slice(0, Number(q.limit ?? 20));
    return c.json({ items, nextCursor: null }, 200);
  })
  .openapi(organizationRoute, (c) => {
    const { orgNumber } = c.req.valid("param");
    if (orgNumber !== TROMSO.orgNumber)
      throw new ApiError("not_found", `No tracked notice names ${orgNumber}.`);
    return c.json(TROMSO, 200);
  });
