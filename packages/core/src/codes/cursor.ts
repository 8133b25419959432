/**
 * Opaque paging cursors of the code-list searches. A cursor is an offset bound to the list and the
 * query it was issued for, with a checksum: the code lists are static, so an offset is a stable
 * position, and the binding makes a cursor edited by hand or replayed on another query fail loudly
 * instead of silently paging through something else. The checksum is an integrity check, not a
 * secret: a cursor reveals nothing but an offset.
 */

/** Why a code search was refused: each names the parameter at fault, for a 400 with an issue path. */
export type CodeSearchErrorReason =
  | "cursor_malformed"
  | "cursor_foreign"
  | "cursor_out_of_range"
  | "limit_out_of_range";

/**
 * A code-list search refused for bad input (a tampered, foreign or stale cursor, a limit out of range).
 * Apps turn it into a 400 `invalid_request` with an issue on `param`.
 *
 * @example
 * try { searchCpvPage("skole", { cursor: "bogus" }) }
 * catch (e) { if (isCodeSearchError(e)) console.log(e.param, e.reason) } // "cursor" "cursor_malformed"
 */
export class CodeSearchError extends Error {
  override readonly name = "CodeSearchError";
  readonly reason: CodeSearchErrorReason;
  readonly param: "cursor" | "limit";
  constructor(reason: CodeSearchErrorReason, message: string) {
    super(message);
    this.reason = reason;
    this.param = reason === "limit_out_of_range" ? "limit" : "cursor";
  }
}

/**
 * Type guard for `CodeSearchError`, for error mappers.
 * @example if (isCodeSearchError(err)) return badRequest(`query.${err.param}`, err.message);
 */
export const isCodeSearchError = (e: unknown): e is CodeSearchError => e instanceof CodeSearchError;

/** FNV-1a over UTF-16 code units, as 8 hex digits. */
const fnv = (text: string): string => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
};

const toBase64Url = (ascii: string): string =>
  btoa(ascii).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const fromBase64Url = (text: string): string | null => {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    return atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    return null;
  }
};

const VERSION = "c1";
const SALT = "doffin-codes";

/** Where a cursor belongs: the list and a fingerprint of the (folded) query and its options. */
export interface CursorScope {
  list: "cpv" | "locations";
  key: string;
}

export const encodeCursor = (scope: CursorScope, offset: number): string => {
  const body = `${VERSION}.${scope.list}.${fnv(scope.key)}.${offset}`;
  return toBase64Url(`${body}.${fnv(`${SALT}|${body}`)}`);
};

/** The offset a cursor stands for; throws `CodeSearchError` unless it was issued for this scope and fits `total`. */
export const decodeCursor = (cursor: string, scope: CursorScope, total: number): number => {
  const text = fromBase64Url(cursor);
  const parts = text?.split(".") ?? [];
  const [version, list, key, offsetText, checksum] = parts;
  const body = parts.slice(0, 4).join(".");
  if (
    parts.length !== 5 ||
    version !== VERSION ||
    checksum !== fnv(`${SALT}|${body}`) ||
    !/^\d+$/.test(offsetText ?? "")
  ) {
    throw new CodeSearchError("cursor_malformed", "cursor is not one this API issued (edited or truncated?)");
  }
  if (list !== scope.list || key !== fnv(scope.key)) {
    throw new CodeSearchError(
      "cursor_foreign",
      `cursor belongs to another ${list === scope.list ? "query" : "code list"}; repeat the query of the first page`,
    );
  }
  const offset = Number(offsetText);
  if (offset <= 0 || offset >= total) {
    throw new CodeSearchError("cursor_out_of_range", `cursor points past the ${total} matches`);
  }
  return offset;
};
