import { describe, expect, it } from "vitest";
import { readConfig } from "../src/config";

describe("readConfig", () => {
  it("applies defaults for missing vars", () => {
    expect(readConfig({})).toMatchObject({
      UPSTREAM_KIND: "webclient",
      UPSTREAM_BASE_URL: "https://api.doffin.no",
      SEARCH_TTL_SECONDS: 300,
      NOTICE_TTL_SECONDS: 3600,
      CODES_TTL_SECONDS: 86_400,
      STALE_MAX_AGE_SECONDS: 86_400,
    });
  });

  it("reads string vars as numbers", () => {
    expect(readConfig({ SEARCH_TTL_SECONDS: "60", UPSTREAM_TIMEOUT_MS: "2500" })).toMatchObject({
      SEARCH_TTL_SECONDS: 60,
      UPSTREAM_TIMEOUT_MS: 2500,
    });
  });

  it.each([
    ["UPSTREAM_KIND", "soap"],
    ["UPSTREAM_BASE_URL", "not a url"],
    ["SEARCH_TTL_SECONDS", "five"],
    ["NOTICE_TTL_SECONDS", "0"],
  ])("rejects a malformed %s", (name, value) => {
    expect(() => readConfig({ [name]: value })).toThrow(name);
  });
});
