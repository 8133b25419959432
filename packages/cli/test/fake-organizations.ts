/**
 * The tracker's organisation routes as the fake gateway serves them, shaped by their contract
 * (`@doffin/contracts/organizations`): a name search (diacritics ignored), one profile with an awards
 * cursor, the contract's 400 for a bad number and 404 for an unknown one.
 */
export const OSLO = {
  orgNumber: "974760673",
  name: "Oslo kommune",
  otherNames: ["OSLO KOMMUNE"],
  roles: ["buyer", "supplier"],
  asBuyer: {
    noticesPublished: 12,
    byYear: [
      {
        year: 2026,
        total: 8,
        byType: [
          { type: "COMPETITION", count: 5 },
          { type: "RESULT", count: 3 },
        ],
      },
      { year: 2025, total: 4, byType: [{ type: "COMPETITION", count: 4 }] },
    ],
  },
  asSupplier: {
    awardsWon: 2,
    awards: [
      {
        noticeId: "2026-100010",
        lotId: "LOT-0001",
        lotTitle: "Vintervedlikehold av kommunale veier i Groruddalen",
        value: { amount: 2_400_000, currency: "NOK" },
        buyer: { name: "Akershus fylkeskommune", orgNumber: "930580694" },
        date: "2026-10-14",
      },
    ],
    nextCursor: "aw-2",
  },
};

const HITS = [
  {
    orgNumber: "974760673",
    name: "Oslo kommune",
    roles: ["buyer", "supplier"],
    noticesPublished: 12,
    awardsWon: 2,
  },
  { orgNumber: "940101808", name: "Tromsø kommune", roles: ["buyer"], noticesPublished: 3, awardsWon: 0 },
];

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/ø/gi, "o")
    .toLowerCase();

type Send = (status: number, body: unknown) => void;
const bad = (send: Send, path: string, message: string) =>
  send(400, {
    error: {
      code: "invalid_request",
      message: "Invalid query.",
      requestId: "req-test",
      issues: [{ path, message }],
    },
  });

/** Serves `/v1/organizations*`; false when the path is not one of them. */
export function serveOrganizations(url: URL, send: Send): boolean {
  if (url.pathname === "/v1/organizations") {
    const q = url.searchParams.get("q") ?? "";
    if (q.trim().length < 2) {
      bad(send, "query.q", "give at least 2 characters");
      return true;
    }
    const role = url.searchParams.get("role");
    const items = HITS.filter((h) => fold(h.name).includes(fold(q)) && (!role || h.roles.includes(role)));
    send(200, { items, nextCursor: items.length > 1 ? "org-2" : null });
    return true;
  }
  const m = /^\/v1\/organizations\/([^/]+)$/.exec(url.pathname);
  if (!m) return false;
  const id = decodeURIComponent(m[1] ?? "");
  if (!/^\d{9}$/.test(id)) bad(send, "orgNumber", "an organisation number has 9 digits");
  else if (id !== OSLO.orgNumber)
    send(404, {
      error: {
        code: "not_found",
        message: "No tracked notice names this organisation.",
        requestId: "req-test",
      },
    });
  else send(200, OSLO);
  return true;
}
