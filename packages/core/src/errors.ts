/**
 * Typed errors of the Doffin client. They describe what went wrong upstream and know nothing of the
 * HTTP responses our own apps send; each app maps them (5xx → 502, timeout → 504, 429 → 429 ...).
 */
export type UpstreamErrorKind = "http" | "timeout" | "network" | "parse";

export class UpstreamError extends Error {
  override readonly name = "UpstreamError";
  readonly kind: UpstreamErrorKind;
  /** Upstream HTTP status for kind "http"; null otherwise. */
  readonly status: number | null;
  readonly retryable: boolean;
  /** Seconds the upstream asked us to wait (429 `Retry-After`), when it said. */
  readonly retryAfterSeconds: number | null;
  /** Number of attempts made before giving up. */
  readonly attempts: number;

  constructor(init: {
    kind: UpstreamErrorKind;
    message: string;
    status?: number | null;
    retryable?: boolean;
    retryAfterSeconds?: number | null;
    attempts?: number;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.retryable = init.retryable ?? false;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
    this.attempts = init.attempts ?? 1;
  }
}

/** The upstream says the requested notice (or resource) does not exist. */
export class NotFoundError extends Error {
  override readonly name = "NotFoundError";
  readonly resource: string;
  constructor(resource: string, message = `${resource} was not found`) {
    super(message);
    this.resource = resource;
  }
}

export const isUpstreamError = (e: unknown): e is UpstreamError => e instanceof UpstreamError;
export const isNotFoundError = (e: unknown): e is NotFoundError => e instanceof NotFoundError;

/**
 * Why an eForms XML document was refused. `too_large`, `forbidden_dtd` and `too_deep` are safety limits
 * checked before any XML parser sees the input; the others describe a document that is not a notice.
 */
export type EformsParseReason =
  | "not_xml"
  | "too_large"
  | "forbidden_dtd"
  | "too_deep"
  | "malformed"
  | "truncated"
  | "wrong_root";

/**
 * An eForms notice could not be parsed. Unlike a missing field (which the parser tolerates), this means
 * there is no notice to read at all; apps map it to a 4xx (bad upload) or 502 (bad upstream body).
 *
 * @example
 * try { parseEformsNotice("<!DOCTYPE x><x/>"); } catch (e) { isEformsParseError(e) && e.reason; } // "forbidden_dtd"
 */
export class EformsParseError extends Error {
  override readonly name = "EformsParseError";
  readonly reason: EformsParseReason;
  /** Element path where it failed (`/ContractNotice/cac:ProcurementProjectLot`), null when not inside one. */
  readonly path: string | null;
  constructor(reason: EformsParseReason, message: string, path: string | null = null) {
    super(message);
    this.reason = reason;
    this.path = path;
  }
}

export const isEformsParseError = (e: unknown): e is EformsParseError => e instanceof EformsParseError;
