import { describe, expect, it } from "vitest";
import { parseSignatureHeader, signWebhook, verifyWebhook } from "../src/index";

/** Webhook signatures: the receiver's check must fail on every tampering and on a replay. */

const SECRET = "whsec_test_secret";
const T = 1_764_590_400; // unix seconds
const BODY = JSON.stringify({ id: "abc", type: "match.new" });

describe("signWebhook / verifyWebhook", () => {
  it("signs in the documented format and verifies its own signature", async () => {
    const header = await signWebhook(SECRET, T, BODY);
    expect(header).toMatch(/^t=1764590400,v1=[0-9a-f]{64}$/);
    expect(await verifyWebhook(SECRET, header, BODY, T * 1000)).toBe(true);
    expect(await verifyWebhook(SECRET, header, BODY, T)).toBe(true);
  });

  it("is a plain HMAC-SHA256 of t.body (receivers can check it with any library)", async () => {
    const { createHmac } = await import("node:crypto");
    const expected = createHmac("sha256", SECRET).update(`${T}.${BODY}`).digest("hex");
    expect(await signWebhook(SECRET, T, BODY)).toBe(`t=${T},v1=${expected}`);
    // milliseconds are accepted and truncated to seconds
    expect(await signWebhook(SECRET, T * 1000 + 999, BODY)).toBe(`t=${T},v1=${expected}`);
  });

  it("rejects a wrong secret", async () => {
    const header = await signWebhook(SECRET, T, BODY);
    expect(await verifyWebhook("whsec_other", header, BODY, T * 1000)).toBe(false);
  });

  it("rejects a changed body (one byte)", async () => {
    const header = await signWebhook(SECRET, T, BODY);
    expect(await verifyWebhook(SECRET, header, BODY.replace("new", "nex"), T * 1000)).toBe(false);
    expect(await verifyWebhook(SECRET, header, `${BODY} `, T * 1000)).toBe(false);
  });

  it("rejects a timestamp outside the tolerance (replay) and a forged timestamp", async () => {
    const header = await signWebhook(SECRET, T, BODY);
    expect(await verifyWebhook(SECRET, header, BODY, (T + 300) * 1000)).toBe(true);
    expect(await verifyWebhook(SECRET, header, BODY, (T + 301) * 1000)).toBe(false);
    expect(await verifyWebhook(SECRET, header, BODY, (T - 301) * 1000)).toBe(false);
    expect(await verifyWebhook(SECRET, header, BODY, (T + 3600) * 1000, 7200)).toBe(true);
    // moving t forward to pass the window breaks the MAC
    const forged = header.replace(`t=${T}`, `t=${T + 1000}`);
    expect(await verifyWebhook(SECRET, forged, BODY, (T + 1000) * 1000)).toBe(false);
  });

  it("rejects malformed headers and accepts any matching v1 (secret rotation)", async () => {
    const good = await signWebhook(SECRET, T, BODY);
    const v1 = good.split("v1=")[1] ?? "";
    for (const bad of ["", "t=abc,v1=00", `v1=${v1}`, `t=${T}`, `t=${T},v1=zz`, `t=${T},v1=${v1.slice(2)}`])
      expect(await verifyWebhook(SECRET, bad, BODY, T * 1000)).toBe(false);
    expect(await verifyWebhook(SECRET, `t=${T},v1=${"0".repeat(64)},v1=${v1}`, BODY, T * 1000)).toBe(true);
    expect(parseSignatureHeader(`t=${T}, v1=ab`)).toEqual({ t: T, v1: ["ab"] });
  });
});
