import { z } from "zod";

/**
 * The gateway's organisation answers (`GET /v1/organizations`, `GET /v1/organizations/{orgNumber}`;
 * contract in `@doffin/contracts/organizations`). Read leniently here — only what the views print is
 * required and unknown roles pass — so a newer gateway never breaks an older CLI, and the bundle does
 * not carry the contracts package's OpenAPI machinery.
 */

export const OrgHit = z.object({
  orgNumber: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  noticesPublished: z.number(),
  awardsWon: z.number(),
});
export type OrgHit = z.infer<typeof OrgHit>;

export const OrgSearchPage = z.object({ items: z.array(OrgHit), nextCursor: z.string().nullable() });
export type OrgSearchPage = z.infer<typeof OrgSearchPage>;

const Money = z.object({ amount: z.number(), currency: z.string() });

export const OrgProfile = z.object({
  orgNumber: z.string(),
  name: z.string(),
  otherNames: z.array(z.string()),
  roles: z.array(z.string()),
  asBuyer: z.object({
    noticesPublished: z.number(),
    byYear: z.array(
      z.object({
        year: z.number(),
        total: z.number(),
        byType: z.array(z.object({ type: z.string(), count: z.number() })),
      }),
    ),
  }),
  asSupplier: z.object({
    awardsWon: z.number(),
    awards: z.array(
      z.object({
        noticeId: z.string(),
        lotId: z.string().nullable(),
        lotTitle: z.string().nullable(),
        value: Money.nullable(),
        buyer: z.object({ name: z.string(), orgNumber: z.string().nullable() }).nullable(),
        date: z.string().nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  }),
});
export type OrgProfile = z.infer<typeof OrgProfile>;

export type OrgSearch = { q: string; role?: "buyer" | "supplier"; limit?: number; cursor?: string };
export type OrgPage = { limit?: number; cursor?: string };

/**
 * An organisation number as people write it (`974760673`, `974 760 673`, `NO 974 760 673 MVA`) → its 9
 * digits; anything else is a name. The same rule as the contract's `OrgNumberParam`.
 * @example orgNumberOf("NO 974 760 673 MVA") // "974760673"
 */
export function orgNumberOf(input: string): string | null {
  const digits = input.replace(/\s+/g, "").replace(/^NO/i, "").replace(/MVA$/i, "");
  return /^\d{9}$/.test(digits) ? digits : null;
}
