import { NoticeId } from "@doffin/core";
import { z } from "@hono/zod-openapi";

/**
 * The feedback Worker's public zod schemas: what it validates with and what every OpenAPI document
 * that lists its routes (its own, the API's) is generated from. The routes are in `./feedback`.
 */

/** Limits of the public submission, in one place so docs, checks and tests agree. */
export const LIMITS = {
  /** Raw request body, bytes. */
  bodyBytes: 16 * 1024,
  /** `feedback`, in code points after trimming. */
  feedbackChars: 5000,
  /** `context` serialized as JSON, UTF-8 bytes. */
  contextBytes: 2 * 1024,
  /** `contact`: the longest address SMTP allows. */
  contactChars: 254,
  /** Operator `note`, code points. */
  noteChars: 2000,
  /** Nesting of objects/arrays in any body (the top-level object counts as 1). */
  jsonDepth: 10,
  /** `Idempotency-Key` header, printable ASCII. */
  idempotencyKeyChars: 255,
} as const;

export const FEEDBACK_TYPES = ["bug", "feature_request", "data_error", "general"] as const;
export const FeedbackType = z.enum(FEEDBACK_TYPES).openapi("FeedbackType");
export type FeedbackType = z.infer<typeof FeedbackType>;

export const FEEDBACK_STATUSES = ["open", "triaged", "closed"] as const;
export const FeedbackStatus = z.enum(FEEDBACK_STATUSES).openapi("FeedbackStatus");
export type FeedbackStatus = z.infer<typeof FeedbackStatus>;

/** `fb_` + 26 Crockford base32 characters (lower case). */
export const FEEDBACK_ID_PATTERN = /^fb_[0-9a-hjkmnp-tv-z]{26}$/;
export const FeedbackId = z
  .string()
  .regex(FEEDBACK_ID_PATTERN, "a feedback id looks like fb_01jd4x0m5k8e2r7w9q3t6y1z4v")
  .openapi({ example: "fb_01jd4x0m5k8e2r7w9q3t6y1z4v" });

const codePoints = (s: string): number => [...s].length;

const boundedText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be empty")
    .refine((s) => codePoints(s) <= max, `must be at most ${max} characters`);

const utf8Bytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;

/** Body of `POST /v1/feedback`. Unknown keys are refused so typos do not vanish silently. */
export const FeedbackCreate = z
  .strictObject({
    feedback: boundedText(LIMITS.feedbackChars).openapi({
      description: "What is wrong or wanted; trimmed, 1–5000 characters. Stored as given.",
      example: "Notice 2026-107918 lists the wrong buyer.",
    }),
    type: FeedbackType.default("general"),
    noticeId: NoticeId.optional().openapi({ example: "2026-107918" }),
    contact: z.email("must be an e-mail address").max(LIMITS.contactChars).optional(),
    context: z
      .record(z.string(), z.unknown())
      .refine(
        (ctx) => utf8Bytes(ctx) <= LIMITS.contextBytes,
        `must be at most ${LIMITS.contextBytes} bytes as JSON`,
      )
      .optional()
      .openapi({
        description: "Free-form JSON object (≤ 2 KiB serialized), e.g. the query that misbehaved.",
        example: { query: "/v1/notices?q=veg" },
      }),
  })
  .openapi("FeedbackCreate");
export type FeedbackCreate = z.infer<typeof FeedbackCreate>;

export const FeedbackCreated = z
  .object({
    id: FeedbackId,
    createdAt: z.iso.datetime(),
    status: FeedbackStatus,
  })
  .openapi("FeedbackCreated");
export type FeedbackCreated = z.infer<typeof FeedbackCreated>;

/** A stored report as operators see it. */
export const FeedbackItem = z
  .object({
    id: FeedbackId,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    status: FeedbackStatus,
    type: FeedbackType,
    feedback: z.string(),
    noticeId: z.string().nullable(),
    contact: z.string().nullable(),
    context: z.record(z.string(), z.unknown()).nullable(),
    note: z.string().nullable(),
  })
  .openapi("FeedbackItem");
export type FeedbackItem = z.infer<typeof FeedbackItem>;

export const FeedbackPage = z
  .object({
    items: z.array(FeedbackItem),
    /** Pass as `cursor` to get the next (older) page; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .openapi("FeedbackPage");
export type FeedbackPage = z.infer<typeof FeedbackPage>;

export const FeedbackListQuery = z.strictObject({
  status: FeedbackStatus.optional(),
  type: FeedbackType.optional(),
  cursor: z
    .string()
    .max(512)
    .optional()
    .openapi({ description: "Opaque; `nextCursor` of the previous page." }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const FeedbackUpdate = z
  .strictObject({
    status: FeedbackStatus,
    note: boundedText(LIMITS.noteChars).optional(),
  })
  .openapi("FeedbackUpdate");
export type FeedbackUpdate = z.infer<typeof FeedbackUpdate>;

export const FeedbackIdParam = z.object({
  id: FeedbackId.openapi({ param: { name: "id", in: "path" } }),
});

export const IdempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[\x20-\x7E]{1,255}$/, "must be 1–255 printable ASCII characters")
    .optional()
    .openapi({
      description: "Retries with the same key return the same id; a different body with it → 409.",
    }),
});

export const Health = z
  .object({ status: z.literal("ok"), service: z.literal("feedback") })
  .openapi("FeedbackHealth");

/**
 * Which status may follow which. Setting the current status again is allowed (to change the note).
 * A closed report is reopened before it is triaged again.
 */
export const TRANSITIONS: Record<FeedbackStatus, readonly FeedbackStatus[]> = {
  open: ["open", "triaged", "closed"],
  triaged: ["triaged", "open", "closed"],
  closed: ["closed", "open"],
};

/** The statuses a report may be in for `to` to be allowed. */
export const allowedFrom = (to: FeedbackStatus): FeedbackStatus[] =>
  FEEDBACK_STATUSES.filter((from) => TRANSITIONS[from].includes(to));
