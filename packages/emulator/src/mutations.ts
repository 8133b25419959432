/** Control-API changes to the corpus: mutations of one notice and publishing new ones. */
import { z } from "zod";
import { cpvAncestors, locationName } from "./codelists";
import type { Corpus, Entry } from "./corpus";
import { makeNotice, type Pools } from "./generator";
import {
  type ConcreteType,
  isCompetition,
  type MasterNotice,
  NOTICE_TYPES,
  ROLL_UP,
  STATUSES,
  toIsoSeconds,
} from "./model";
import { osloDayOf } from "./oslo";
import type { Rng } from "./prng";

const Money = z.object({ amount: z.number(), currencyCode: z.string().min(1) });
const Iso = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "an ISO 8601 date-time");
const OrgInput = z.object({
  name: z.string().min(1),
  organizationId: z.string().nullable().optional(),
  id: z.string().optional(),
});

export const Mutation = z.discriminatedUnion("op", [
  z.object({ op: z.literal("deadline"), deadline: Iso.nullable() }),
  z.object({ op: z.literal("status"), status: z.enum(STATUSES) }),
  z.object({ op: z.literal("value"), estimatedValue: Money.nullable() }),
  z.object({ op: z.literal("heading"), heading: z.string().min(1) }),
  z.object({ op: z.literal("description"), description: z.string() }),
  z.object({ op: z.literal("award"), winners: z.array(OrgInput).min(1).optional() }),
  z.object({
    op: z.literal("correct"),
    changes: z.object({
      heading: z.string().min(1).optional(),
      description: z.string().optional(),
      deadline: Iso.nullable().optional(),
      estimatedValue: Money.nullable().optional(),
    }),
  }),
  z.object({ op: z.literal("withdraw") }),
]);
export type Mutation = z.infer<typeof Mutation>;

const CONCRETE = NOTICE_TYPES.filter((t): t is ConcreteType => t in ROLL_UP);

/** A partial master record for `POST /_emulator/notices`; everything missing is generated. */
export const PublishInput = z
  .object({
    id: z
      .string()
      .regex(/^\d{4}-\d{6}$/)
      .optional(),
    type: z.enum(CONCRETE as [ConcreteType, ...ConcreteType[]]).optional(),
    heading: z.string().min(1).optional(),
    description: z.string().optional(),
    buyers: z.array(OrgInput).min(1).optional(),
    locationIds: z.array(z.string()).optional(),
    estimatedValue: Money.nullable().optional(),
    issueDate: Iso.optional(),
    /**
     * The instant the notice is issued and published: sets `issueDate` to it and `publicationDate` to its
     * Oslo calendar day (23:30 Oslo on 30 June = 21:30Z → `2026-06-30`; 00:30 Oslo on 1 July = 22:30Z →
     * `2026-07-01`), for tests around Oslo midnight.
     */
    publishedAt: Iso.optional(),
    publicationDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    deadline: Iso.nullable().optional(),
    cpvDirect: z
      .array(z.string().regex(/^\d{8}$/))
      .min(1)
      .optional(),
    procedureId: z.string().optional(),
    strategicLabels: z.array(z.string()).optional(),
    fixedStatus: z.enum(STATUSES).nullable().optional(),
  })
  .loose()
  .refine(
    (v) => v.publishedAt === undefined || (v.issueDate === undefined && v.publicationDate === undefined),
    {
      message: "publishedAt sets issueDate and publicationDate: give either publishedAt or those two",
      path: ["publishedAt"],
    },
  )
  .refine(
    (v) =>
      v.issueDate === undefined ||
      v.publicationDate === undefined ||
      osloDayOf(v.issueDate) <= v.publicationDate,
    {
      message: "publicationDate is before the Oslo day of issueDate (Doffin publishes 0–7 days after issue)",
      path: ["publicationDate"],
    },
  );
export type PublishInput = z.infer<typeof PublishInput>;

export class MutationError extends Error {
  constructor(
    readonly code: "not_found" | "conflict" | "invalid",
    message: string,
  ) {
    super(message);
  }
}

export type Publisher = { corpus: Corpus; rng: Rng; pools: Pools };

const nextId = (corpus: Corpus, day: string): string => {
  const year = day.slice(0, 4);
  return `${year}-${String(corpus.maxSequence(year) + 1).padStart(6, "0")}`;
};

const withOrgIds = (rng: Rng, orgs: z.infer<typeof OrgInput>[]) =>
  orgs.map((o) => ({ id: o.id ?? rng.hex(32), organizationId: o.organizationId ?? null, name: o.name }));

/** A new notice dated now (or on `publicationDate`), generated where the input is silent; not yet inserted. */
const draft = (p: Publisher, input: PublishInput): MasterNotice => {
  const today = p.corpus.today;
  const at = input.publishedAt === undefined ? undefined : toIsoSeconds(Date.parse(input.publishedAt));
  // Never published before its Oslo issue day (an issueDate later than today moves the publication with it).
  const issued = at ?? input.issueDate;
  const issueDay = issued === undefined ? today : osloDayOf(issued);
  const day = input.publicationDate ?? (at !== undefined || issueDay > today ? issueDay : today);
  const type = input.type ?? "ANNOUNCEMENT_OF_COMPETITION";
  const n = makeNotice(p.rng, p.pools, type, day);
  const issueDate = issued ?? (day === today ? toIsoSeconds(p.corpus.nowMs) : n.issueDate);
  const id = input.id ?? nextId(p.corpus, day);
  if (p.corpus.record(id)) throw new MutationError("conflict", `notice ${id} already exists`);
  const notice: MasterNotice = {
    ...n,
    id,
    issueDate,
    ...(input.heading !== undefined ? { heading: input.heading } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.buyers ? { buyers: withOrgIds(p.rng, input.buyers) } : {}),
    ...(input.locationIds
      ? { locationIds: input.locationIds, placeOfPerformance: input.locationIds.map(locationName) }
      : {}),
    ...(input.estimatedValue !== undefined ? { estimatedValue: input.estimatedValue } : {}),
    ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
    ...(input.procedureId ? { procedureId: input.procedureId } : {}),
    ...(input.strategicLabels ? { strategicLabels: input.strategicLabels } : {}),
    ...(input.fixedStatus !== undefined ? { fixedStatus: input.fixedStatus } : {}),
  };
  if (input.cpvDirect) {
    notice.cpvDirect = input.cpvDirect;
    notice.cpvCodes = [...new Set(input.cpvDirect.flatMap((c) => [c, ...cpvAncestors(c)]))];
  }
  return notice;
};

/** Publishes a new notice (id assigned unless given). */
export const publish = (p: Publisher, input: PublishInput): Entry => p.corpus.insert(draft(p, input));

/** Applies one mutation; returns the id of the notice the caller should look at (new for award/correct). */
export const mutate = (p: Publisher, id: string, m: Mutation): string => {
  const entry = p.corpus.record(id);
  if (!entry || entry.n.withdrawn) throw new MutationError("not_found", `no notice ${id}`);
  const n = entry.n;
  switch (m.op) {
    case "deadline":
      n.deadline = m.deadline;
      break;
    case "status":
      if (!isCompetition(n)) {
        throw new MutationError(
          "invalid",
          `${id} is a ${n.type}: only competition notices carry a status on Doffin`,
        );
      }
      n.fixedStatus = m.status;
      break;
    case "value":
      n.estimatedValue = m.estimatedValue;
      break;
    case "heading":
      n.heading = m.heading;
      break;
    case "description":
      n.description = m.description;
      break;
    case "withdraw":
      n.withdrawn = true;
      break;
    case "correct": {
      const c = m.changes;
      const fresh = draft(p, { type: n.type });
      const corrected: MasterNotice = {
        ...n,
        id: fresh.id,
        eFormId: fresh.eFormId,
        // Issued after the version it corrects, even when both fall on today (the chain sorts by issue time).
        issueDate: [fresh.issueDate, toIsoSeconds(Date.parse(n.issueDate) + 60_000)].sort()[1] as string,
        publicationDate: fresh.publicationDate,
        correctsId: n.id,
        changeReason: "Korreksjon kjøper",
        ...(c.heading !== undefined ? { heading: c.heading } : {}),
        ...(c.description !== undefined ? { description: c.description } : {}),
        ...(c.deadline !== undefined ? { deadline: c.deadline } : {}),
        ...(c.estimatedValue !== undefined ? { estimatedValue: c.estimatedValue } : {}),
      };
      delete corrected.eformOverride;
      return p.corpus.insert(corrected).n.id;
    }
    case "award": {
      const fresh = draft(p, { type: "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT" });
      const winners = m.winners ? withOrgIds(p.rng, m.winners) : [p.rng.pick(p.pools.winners)];
      Object.assign(fresh, {
        procedureId: n.procedureId,
        heading: `Kontraktstildeling - ${n.heading}`,
        buyers: n.buyers,
        cpvCodes: n.cpvCodes,
        cpvDirect: n.cpvDirect,
        locationIds: n.locationIds,
        placeOfPerformance: n.placeOfPerformance,
        contractNature: n.contractNature,
        estimatedValue: n.estimatedValue,
        lots: n.lots.map((l) => ({ ...l, winner: winners })),
      });
      if (isCompetition(n)) n.fixedStatus = "AWARDED";
      return p.corpus.insert(fresh).n.id;
    }
  }
  p.corpus.touch(entry);
  return id;
};
