import { logLine } from "./log";

/**
 * Where the client IP for rate limiting comes from (the `CLIENT_IP_SOURCE` var). Only a header that the
 * hop in front of this Worker sets — and overwrites when a client sends it — can be trusted:
 *
 * - `cf-connecting-ip`: Cloudflare's edge sets it; trusted only when deployed on Cloudflare.
 * - `x-forwarded-for`: the first (left-most) address, for a reverse proxy you run that sets the header.
 * - `x-real-ip`: the same for proxies (nginx) that set X-Real-IP instead.
 * - `none`: no per-client key at all; every request shares one bucket.
 *
 * `none` is the default when the var is unset, because this code cannot know which header its front hop
 * controls: trusting a header a client can set would let anyone dodge the limit by inventing addresses,
 * while one shared bucket only makes the limit coarser. `wrangler.jsonc` (the Cloudflare deployment) sets
 * `cf-connecting-ip`; a self-hosted workerd behind a proxy sets the proxy's header.
 */
export const CLIENT_IP_SOURCES = ["cf-connecting-ip", "x-forwarded-for", "x-real-ip", "none"] as const;
export type ClientIpSource = (typeof CLIENT_IP_SOURCES)[number];
export const DEFAULT_CLIENT_IP_SOURCE: ClientIpSource = "none";

/** What the bucket key is when there is no usable address (header missing, malformed, or `none`). */
export const SHARED_BUCKET = "shared";

const isSource = (v: string): v is ClientIpSource => (CLIENT_IP_SOURCES as readonly string[]).includes(v);

/** The configured source; an unknown value is reported and treated as `none`, the safe choice. */
export function clientIpSource(raw: string | undefined): ClientIpSource {
  const value = raw?.trim().toLowerCase() ?? "";
  if (value === "") return DEFAULT_CLIENT_IP_SOURCE;
  if (isSource(value)) return value;
  logLine("warn", {
    msg: "CLIENT_IP_SOURCE is not one of the known values; using one shared bucket",
    value: raw,
    known: CLIENT_IP_SOURCES,
  });
  return "none";
}

// IPv4 or IPv6 characters only: a header value is client-influenced and becomes a limiter key.
const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;

/** The client address per `source`, or {@link SHARED_BUCKET}. */
export function clientIp(headers: Headers, source: ClientIpSource): string {
  if (source === "none") return SHARED_BUCKET;
  const raw = headers.get(source);
  if (raw === null) return SHARED_BUCKET;
  const first = (source === "x-forwarded-for" ? raw.split(",")[0] : raw)?.trim() ?? "";
  return ADDRESS.test(first) ? first.toLowerCase() : SHARED_BUCKET;
}
