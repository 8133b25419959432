import { describe, expect, it } from "vitest";
import { checkWebhookUrl } from "../src/index";

/** The SSRF guard: every hostile spelling of an internal target is refused; public https hosts pass. */

const PROD = { allowLoopback: false };
const DEV = { allowLoopback: true };

const HOSTILE: string[] = [
  // loopback, in every IPv4 notation the URL parser folds
  "https://127.0.0.1/hook",
  "https://127.1.2.3/hook",
  "https://0x7f.1/hook",
  "https://0x7f000001/hook",
  "https://2130706433/hook",
  "https://0177.0.0.1/hook",
  "https://[::1]/hook",
  "https://[0:0:0:0:0:0:0:1]/hook",
  "https://[::ffff:127.0.0.1]/hook",
  "https://[::ffff:7f00:1]/hook",
  "https://0.0.0.0/hook",
  "https://127.0.0.1./hook",
  "https://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54/hook",
  "https://[::]/hook",
  // metadata and link-local
  "https://169.254.169.254/latest/meta-data/",
  "https://[::ffff:169.254.169.254]/",
  "https://metadata.google.internal/computeMetadata/v1/",
  "https://metadata/",
  "https://[fe80::1]/hook",
  // private, CGNAT, unique-local
  "https://10.0.0.1/hook",
  "https://10.255.255.255/hook",
  "https://172.16.0.1/hook",
  "https://172.31.255.254/hook",
  "https://192.168.1.1/hook",
  "https://100.64.0.1/hook",
  "https://100.127.255.255/hook",
  "https://[fc00::1]/hook",
  "https://[fd12:3456:789a::1]/hook",
  "https://[::ffff:10.0.0.1]/hook",
  "https://[64:ff9b::a00:1]/hook",
  "https://[2002:7f00:1::]/hook",
  "https://224.0.0.1/hook",
  "https://255.255.255.255/hook",
  // local names
  "https://localhost/hook",
  "https://LOCALHOST./hook",
  "https://foo.localhost/hook",
  "https://printer.local/hook",
  "https://db.internal/hook",
  "https://intranet/hook",
  // scheme, credentials, ports
  "http://hooks.example.com/hook",
  "ftp://hooks.example.com/hook",
  "file:///etc/passwd",
  "javascript:alert(1)",
  "https://user:pass@hooks.example.com/hook",
  "https://user@hooks.example.com/hook",
  "https://hooks.example.com:22/hook",
  "https://hooks.example.com:8080/hook",
  "https://hooks.example.com:6379/hook",
  "not a url",
  "",
];

describe("checkWebhookUrl refuses hostile targets", () => {
  it("lists at least 25 hostile URLs", () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(25);
  });
  it.each(HOSTILE)("refuses %s in production", (url) => {
    const result = checkWebhookUrl(url, PROD);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.length).toBeGreaterThan(5);
  });
  // Loopback targets are what dev mode allows; everything else stays refused there too.
  const LOOPBACK =
    /^https:\/\/(127\.|0x7f|2130706433|0177|\[::1\]|\[0:0:0:0:0:0:0:1\]|\[::ffff:(127\.0\.0\.1|7f00:1)\]|localhost|foo\.localhost|\uff4c\uff4f)/i;
  it.each(HOSTILE.filter((u) => !LOOPBACK.test(u)))("still refuses %s with loopback allowed (dev)", (url) => {
    expect(checkWebhookUrl(url, DEV).ok).toBe(false);
  });
  it("names the reason", () => {
    expect(checkWebhookUrl("https://0x7f.1/", PROD)).toEqual({
      ok: false,
      reason: "127.0.0.1 is a loopback address",
    });
    expect(checkWebhookUrl("http://hooks.example.com/", PROD)).toEqual({
      ok: false,
      reason: "webhooks must use https:",
    });
  });
});

describe("checkWebhookUrl accepts public https targets", () => {
  it.each([
    "https://hooks.example.com/doffin",
    "https://hooks.example.com:443/doffin?x=1",
    "https://hooks.example.com:8443/doffin",
    "https://api.slack.com/hooks/abc",
    "https://8.8.8.8/hook",
    "https://[2606:4700:4700::1111]/hook",
    "https://172.32.0.1/hook",
    "https://100.128.0.1/hook",
  ])("accepts %s", (url) => {
    const result = checkWebhookUrl(url, PROD);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.url.href).toBe(new URL(url).href);
  });
});

describe("loopback in dev only", () => {
  it.each([
    "http://127.0.0.1:9999/hook",
    "http://localhost:3000/hook",
    "https://127.0.0.1:1234/",
    "http://[::1]:8080/",
  ])("accepts %s only when loopback is allowed", (url) => {
    expect(checkWebhookUrl(url, DEV).ok).toBe(true);
    expect(checkWebhookUrl(url, PROD).ok).toBe(false);
  });
  it("still refuses credentials and other schemes on loopback", () => {
    expect(checkWebhookUrl("http://a:b@127.0.0.1:9999/", DEV).ok).toBe(false);
    expect(checkWebhookUrl("ftp://127.0.0.1/", DEV).ok).toBe(false);
  });
});
