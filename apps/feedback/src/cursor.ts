import { FEEDBACK_ID_PATTERN } from "@doffin/contracts/feedback";
import { ApiError } from "@doffin/http";

/** Position after which the next page starts (newest first: strictly older rows). */
export type Cursor = { createdAt: string; id: string };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const toBase64Url = (s: string): string =>
  btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

export const encodeCursor = (c: Cursor): string => toBase64Url(`${c.createdAt}|${c.id}`);

/** Decodes a cursor we issued; anything else (forged, truncated, from elsewhere) is a 400. */
export function decodeCursor(raw: string): Cursor {
  const bad = () =>
    new ApiError("invalid_request", "The cursor is not one this API issued.", {
      issues: [{ path: "query.cursor", message: "invalid cursor; pass nextCursor from the previous page" }],
    });
  if (!/^[A-Za-z0-9_-]+$/.test(raw)) throw bad();
  let text: string;
  try {
    text = atob(raw.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    throw bad();
  }
  const [createdAt = "", id = "", ...rest] = text.split("|");
  if (rest.length > 0 || !ISO.test(createdAt) || Number.isNaN(Date.parse(createdAt))) throw bad();
  if (!FEEDBACK_ID_PATTERN.test(id)) throw bad();
  if (encodeCursor({ createdAt, id }) !== raw) throw bad();
  return { createdAt, id };
}
