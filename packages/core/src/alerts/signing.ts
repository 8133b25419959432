/**
 * Webhook signatures: `Doffin-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The
 * timestamp is inside the MAC, so a captured delivery cannot be replayed later than the tolerance, and a
 * changed body or timestamp breaks the MAC. Web Crypto only: runs in Workers, Node and browsers alike.
 */

/** The headers of every webhook POST: signature, event id (the idempotency id), event type. */
export const SIGNATURE_HEADER = "Doffin-Signature";
export const EVENT_ID_HEADER = "Doffin-Event-Id";
export const EVENT_TYPE_HEADER = "Doffin-Event-Type";
/** How far (seconds) a signature's timestamp may be from the receiver's clock by default. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

/**
 * Epoch seconds from a time given in seconds or milliseconds: numbers above 1e11 are milliseconds
 * (1e11 s is the year 5138, 1e11 ms is 1973), so `Date.now()` and unix seconds both work.
 */
const toSeconds = (t: number): number => Math.floor(t > 1e11 ? t / 1000 : t);

const hmacKey = (secret: string) =>
  crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);

const toHex = (bytes: ArrayBuffer): string =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

const fromHex = (hex: string): Uint8Array<ArrayBuffer> | null => {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) return null;
  const out = new Uint8Array(new ArrayBuffer(hex.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
};

/**
 * The `Doffin-Signature` header value for a body sent at `timestamp` (unix seconds; milliseconds are
 * accepted and truncated to seconds).
 *
 * @example await signWebhook("whsec_x", 1764590400, '{"id":"…"}') // "t=1764590400,v1=5d41…"
 */
export async function signWebhook(secret: string, timestamp: number, body: string): Promise<string> {
  const t = toSeconds(timestamp);
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(`${t}.${body}`));
  return `t=${t},v1=${toHex(mac)}`;
}

/**
 * Parses a `Doffin-Signature` header: the timestamp and every `v1` signature (several during a secret
 * rotation). Null when malformed.
 *
 * @example parseSignatureHeader("t=1764590400,v1=ab12") // { t: 1764590400, v1: ["ab12"] }
 */
export function parseSignatureHeader(header: string): { t: number; v1: string[] } | null {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === "t" && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (name === "v1" && value !== "") v1.push(value);
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
}

/**
 * Verifies a delivery as a receiver should: the header parses, its timestamp is within `toleranceSeconds`
 * of `now` (epoch ms or s), and one `v1` equals the HMAC of `"<t>.<body>"` under `secret` (compared in
 * constant time by Web Crypto's `verify`). The body must be the raw bytes received, not re-serialized JSON.
 *
 * @example await verifyWebhook("whsec_x", req.headers.get("Doffin-Signature") ?? "", await req.text(), Date.now()) // true
 */
export async function verifyWebhook(
  secret: string,
  header: string,
  body: string,
  now: number,
  toleranceSeconds: number = DEFAULT_SIGNATURE_TOLERANCE_SECONDS,
): Promise<boolean> {
  const parsed = parseSignatureHeader(header);
  if (!parsed) return false;
  if (Math.abs(toSeconds(now) - parsed.t) > toleranceSeconds) return false;
  const key = await hmacKey(secret);
  const data = encoder.encode(`${parsed.t}.${body}`);
  for (const candidate of parsed.v1) {
    const mac = fromHex(candidate);
    if (mac && mac.length === 32 && (await crypto.subtle.verify("HMAC", key, mac, data))) return true;
  }
  return false;
}
