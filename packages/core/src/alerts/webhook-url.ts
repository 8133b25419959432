/**
 * SSRF guard for webhook targets. The WHATWG URL parser already canonicalizes IPv4 in every legacy form
 * (`0x7f.1`, `2130706433`, `0177.0.0.1` → `127.0.0.1`) and IPv6 (`[::ffff:127.0.0.1]` → `[::ffff:7f00:1]`),
 * so the checks below see one spelling per address. What a name resolves to cannot be checked from a
 * Worker (no DNS API); Cloudflare's egress does not reach private networks, and names that mean "this
 * host / this network" are refused here by name.
 */

/** The one port a webhook may use besides 443, as commonly opened for HTTPS services. */
const ALLOWED_PORTS = new Set(["", "443", "8443"]);

/** Single names and suffixes that point inside a network, never at a public service. */
const BLOCKED_NAMES = new Set(["localhost", "metadata", "metadata.google.internal", "instance-data"]);
const BLOCKED_SUFFIXES = [
  ".localhost",
  ".internal",
  ".local",
  ".localdomain",
  ".lan",
  ".home.arpa",
  ".arpa",
  ".intranet",
  ".corp",
];

type V4 = [number, number, number, number];

const parseV4 = (host: string): V4 | null => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? (parts as V4) : null;
};

/** Why an IPv4 address is not a public unicast address; null when it is one. */
const v4Problem = ([a, b, c]: V4): string | null => {
  if (a === 127) return "loopback";
  if (a === 0) return "this-network (0.0.0.0/8)";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 169 && b === 254) return "link-local (incl. cloud metadata 169.254.169.254)";
  if (a === 100 && b >= 64 && b <= 127) return "carrier-grade NAT (100.64.0.0/10)";
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return "IETF reserved / documentation";
  if ((a === 198 && (b === 18 || b === 19)) || (a === 198 && b === 51 && c === 100)) return "reserved";
  if (a === 203 && b === 0 && c === 113) return "documentation";
  if (a >= 224) return "multicast or reserved";
  return null;
};

/** 8 hextets of an IPv6 address (compressed or with a dotted IPv4 tail); null when not IPv6. */
const parseV6 = (host: string): number[] | null => {
  let s = host;
  const v4Tail = /^(.*:)(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(s);
  let tail: number[] = [];
  if (v4Tail) {
    const v4 = parseV4(v4Tail[2] as string);
    if (!v4) return null;
    tail = [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]];
    s = (v4Tail[1] as string).endsWith("::") ? (v4Tail[1] as string) : (v4Tail[1] as string).slice(0, -1);
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const part = (x: string) => (x === "" ? [] : x.split(":"));
  const head = part(halves[0] as string);
  const rest = halves.length === 2 ? part(halves[1] as string) : [];
  if (![...head, ...rest].every((h) => /^[0-9a-f]{1,4}$/i.test(h))) return null;
  const nums = (xs: string[]) => xs.map((h) => Number.parseInt(h, 16));
  const fill = 8 - head.length - rest.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null;
  return [
    ...nums(head),
    ...new Array<number>(halves.length === 2 ? fill : 0).fill(0),
    ...nums(rest),
    ...tail,
  ];
};

const embeddedV4 = (h: number[], at: number): V4 => [
  (h[at] ?? 0) >> 8,
  (h[at] ?? 0) & 0xff,
  (h[at + 1] ?? 0) >> 8,
  (h[at + 1] ?? 0) & 0xff,
];

/** Why an IPv6 address is not a public unicast address; null when it is one. */
const v6Problem = (h: number[]): string | null => {
  const [h0 = 0, h1 = 0, h2 = 0, h3 = 0, , h5 = 0] = h;
  const zeroTo = (n: number) => h.slice(0, n).every((x) => x === 0);
  if (zeroTo(7) && h[7] === 1) return "loopback";
  if (zeroTo(8)) return "unspecified";
  // ::ffff:a.b.c.d (v4-mapped) and ::a.b.c.d (v4-compatible): the IPv4 address is what is reached.
  if (zeroTo(5) && h5 === 0xffff) return v4Problem(embeddedV4(h, 6)) ?? "IPv4-mapped";
  if (zeroTo(6)) return "IPv4-compatible (deprecated)";
  // NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4 (2002::/16) and Teredo (2001::/32) tunnel to IPv4 space.
  if (h0 === 0x64 && h1 === 0xff9b) return "NAT64";
  if (h0 === 0x2002) return "6to4";
  if (h0 === 0x2001 && h1 === 0) return "Teredo";
  if (h0 === 0x2001 && h1 === 0xdb8) return "documentation";
  if (h0 === 0x100 && h1 === 0 && h2 === 0 && h3 === 0) return "discard-only";
  if ((h0 & 0xfe00) === 0xfc00) return "unique-local (fc00::/7)";
  if ((h0 & 0xffc0) === 0xfe80) return "link-local (fe80::/10)";
  if ((h0 & 0xffc0) === 0xfec0) return "site-local (fec0::/10)";
  if ((h0 & 0xff00) === 0xff00) return "multicast";
  return null;
};

const isLoopbackHost = (host: string): boolean => {
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const v4 = parseV4(host);
  if (v4) return v4[0] === 127;
  const v6 = host.startsWith("[") ? parseV6(host.slice(1, -1)) : null;
  return v6 !== null && v6Problem(v6) === "loopback";
};

/** The result of `checkWebhookUrl`: the parsed URL, or why it is refused. */
export type WebhookUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Whether a webhook URL may be called: `https:` only, no user-info, the default port, 443 or 8443, and a
 * host that is a public name or a public unicast IP literal — no loopback, private, link-local, CGNAT,
 * unique-local, reserved or metadata addresses (IPv4 in any legacy notation, IPv6, v4-mapped IPv6), no
 * `localhost`, `*.localhost`, `*.internal`, `*.local`, single-label names. With `allowLoopback` (dev and
 * tests only: `ALERTS_ALLOW_LOOPBACK_WEBHOOKS=true`) a loopback host is accepted over `http:` or
 * `https:` on any port; private networks stay refused even then.
 *
 * @example checkWebhookUrl("https://hooks.example.com/doffin", { allowLoopback: false }).ok // true
 * @example checkWebhookUrl("http://0x7f.1/", { allowLoopback: false }) // { ok: false, reason: "… loopback …" }
 */
export function checkWebhookUrl(url: string, opts: { allowLoopback: boolean }): WebhookUrlCheck {
  const refuse = (reason: string): WebhookUrlCheck => ({ ok: false, reason });
  if (typeof url !== "string" || url.length > 2048) return refuse("the URL must be at most 2048 characters");
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse("not a valid absolute URL");
  }
  if (parsed.username !== "" || parsed.password !== "")
    return refuse("credentials in the URL (user:pass@) are not allowed; use the signing secret");
  // A trailing dot ("localhost.") names the same host; compare without it.
  const host = parsed.hostname.toLowerCase().replace(/\.$/, "");
  const loopback = isLoopbackHost(host);
  if (opts.allowLoopback && loopback) {
    if (parsed.protocol === "https:" || parsed.protocol === "http:") return { ok: true, url: parsed };
    return refuse("use an http: or https: URL");
  }
  if (parsed.protocol !== "https:") return refuse("webhooks must use https:");
  if (!ALLOWED_PORTS.has(parsed.port)) return refuse(`port ${parsed.port} is not allowed; use 443 or 8443`);
  if (host === "") return refuse("the URL has no host");
  const v4 = parseV4(host);
  if (v4) {
    const problem = v4Problem(v4);
    return problem ? refuse(`${host} is a ${problem} address`) : { ok: true, url: parsed };
  }
  if (host.startsWith("[")) {
    const v6 = parseV6(host.slice(1, -1));
    if (!v6) return refuse("not a valid IPv6 address");
    const problem = v6Problem(v6);
    return problem ? refuse(`${host} is a ${problem} address`) : { ok: true, url: parsed };
  }
  if (BLOCKED_NAMES.has(host) || BLOCKED_SUFFIXES.some((s) => host.endsWith(s)))
    return refuse(`${host} names a local or internal host`);
  // A single label (`intranet`, `router`) resolves only inside a network; a public host has a dot.
  if (!host.includes(".")) return refuse(`${host} is not a public host name`);
  // Last label all digits: an address in a notation the parser did not fold (never a public name).
  if (/^\d+$/.test(host.slice(host.lastIndexOf(".") + 1))) return refuse(`${host} is not a public host name`);
  return { ok: true, url: parsed };
}
