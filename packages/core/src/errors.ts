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
