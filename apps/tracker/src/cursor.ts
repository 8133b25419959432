import { sha256Hex } from "@doffin/core";
import { ApiError } from "@doffin/http";

/**
 * Feed cursors: `base64url({"s":seq,"t":detectedAt,"q":queryKey}).signature`. The position is the
 * event's insertion sequence (a keyset: rows inserted later always sort after it, so pages never skip
 * or repeat while sweeps write). `q` ties the cursor to the filters it was issued for; the HMAC makes
 * forged or edited cursors a clean 400 instead of a wrong page.
 */
export type CursorPosition = { seq: number; detectedAt: string };

const enc = new TextEncoder();
const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const fromB64url = (s: string) => {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};

async function sign(secret: string, payload: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return b64url(new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(payload)))).slice(0, 22);
}

/** A short key of the filters a cursor belongs to (everything but `limit` and `cursor`). */
export const queryKey = (filters: Record<string, string | undefined>): Promise<string> =>
  sha256Hex(
    JSON.stringify(
      Object.entries(filters)
        .filter(([, v]) => v !== undefined)
        .sort(),
    ),
  ).then((h) => h.slice(0, 12));

export async function encodeCursor(pos: CursorPosition, q: string, secret: string): Promise<string> {
  const payload = b64url(enc.encode(JSON.stringify({ s: pos.seq, t: pos.detectedAt, q })));
  return `${payload}.${await sign(secret, payload)}`;
}

const bad = (message: string) =>
  new ApiError("invalid_request", message, { issues: [{ path: "query.cursor", message }] });

export async function decodeCursor(cursor: string, q: string, secret: string): Promise<CursorPosition> {
  const [payload, sig, extra] = cursor.split(".");
  if (!payload || !sig || extra !== undefined) throw bad("The cursor is malformed; use nextCursor as given.");
  if ((await sign(secret, payload)) !== sig) throw bad("The cursor is not one this service issued.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(fromB64url(payload)));
  } catch {
    throw bad("The cursor is malformed; use nextCursor as given.");
  }
  const p = parsed as { s?: unknown; t?: unknown; q?: unknown };
  if (typeof p.s !== "number" || !Number.isInteger(p.s) || p.s < 0 || typeof p.t !== "string")
    throw bad("The cursor is malformed; use nextCursor as given.");
  if (p.q !== q) throw bad("The cursor belongs to a query with other filters; start again without it.");
  return { seq: p.s, detectedAt: p.t };
}
