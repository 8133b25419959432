import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { HTML_CSP } from "../src/middleware/security-headers";
import { emulatorApp, expectEnvelope } from "./helpers";

const { call } = emulatorApp();
const GOOD = "https://app.example.no";
const EVIL = "https://evil.example";
const bindings = { ...env, CORS_WRITE_ORIGINS: ` ${GOOD}/ , https://other.example` };
const preflight = (path: string, origin: string, method: string) =>
  call(path, { method: "OPTIONS", headers: { origin, "access-control-request-method": method } }, bindings);

describe("CORS: reads open, writes only from CORS_WRITE_ORIGINS, agents open", () => {
  it("a read preflight from any origin is allowed", async () => {
    const res = await preflight("/v1/notices", EVIL, "GET");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("a write preflight is allowed from a configured origin only", async () => {
    const ok = await preflight("/v1/feedback", GOOD, "POST");
    expect(ok.headers.get("access-control-allow-origin")).not.toBeNull();
    expect(ok.headers.get("access-control-allow-methods")).toContain("POST");
    const bad = await preflight("/v1/feedback", EVIL, "POST");
    expect(bad.status).toBe(204);
    expect(bad.headers.get("access-control-allow-origin")).toBeNull();
    expect(bad.headers.get("access-control-allow-methods")).toBeNull();
    const admin = await preflight("/v1/admin/keys", EVIL, "DELETE");
    expect(admin.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("with CORS_WRITE_ORIGINS unset no origin may write", async () => {
    const res = await call("/v1/feedback", {
      method: "OPTIONS",
      headers: { origin: GOOD, "access-control-request-method": "POST" },
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("a write that skips the preflight from a foreign origin is a 403 envelope, not forwarded", async () => {
    const res = await call(
      "/v1/feedback",
      { method: "POST", headers: { origin: EVIL, "content-type": "text/plain" }, body: "{}" },
      bindings,
    );
    await expectEnvelope(res, 403, "forbidden");
  });

  it("agents may POST /mcp and /v1/tools from any origin", async () => {
    for (const path of ["/mcp", "/v1/tools/search_tenders"]) {
      const res = await preflight(path, EVIL, "POST");
      expect(res.headers.get("access-control-allow-origin"), path).toBe("*");
      expect(res.headers.get("access-control-allow-methods"), path).toContain("POST");
    }
    const tool = await call(
      "/v1/tools/search_tenders",
      { method: "POST", headers: { origin: EVIL, "content-type": "application/json" }, body: "{}" },
      bindings,
    );
    expect(tool.status).not.toBe(403);
  });
});

describe("security headers", () => {
  it("/docs has a CSP without unsafe-inline scripts, nosniff, referrer policy and no framing", async () => {
    const res = await call("/docs");
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toBe(HTML_CSP);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    // The page itself has no inline script the CSP would block.
    expect(await res.text()).not.toMatch(
      /<script>(?!\s*<\/script>)|<script(?![^>]*\bsrc=)[^>]*>[^<]+<\/script>/,
    );
  });

  it("JSON answers get nosniff, not the HTML policy", async () => {
    const res = await call("/v1/codes/locations");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-security-policy")).toBeNull();
  });
});
