import { beforeAll, describe, expect, it } from "vitest";
import { emulator, emulatorApp, expectEnvelope } from "./helpers";

const longQ = "a".repeat(501);

/** [what, request path, method?]; every one must be a 4xx envelope, never a 5xx, never an empty 200. */
const cases: [string, string, string?][] = [
  ["unknown type", "/v1/notices?type=TENDER"],
  ["one bad type in a list", "/v1/notices?type=COMPETITION,BOGUS"],
  ["unknown status", "/v1/notices?status=OPEN"],
  ["unknown contract nature", "/v1/notices?contract_nature=GOODS"],
  ["unknown sort", "/v1/notices?sort=cheapest"],
  ["limit 0", "/v1/notices?limit=0"],
  ["limit 101", "/v1/notices?limit=101"],
  ["negative limit", "/v1/notices?limit=-5"],
  ["fractional limit", "/v1/notices?limit=2.5"],
  ["limit not a number", "/v1/notices?limit=ten"],
  ["page 0", "/v1/notices?page=0"],
  ["negative page", "/v1/notices?page=-1"],
  ["page not a number", "/v1/notices?page=abc"],
  ["huge page", "/v1/notices?page=99999999999"],
  ["page × limit past 1000", "/v1/notices?page=11&limit=100"],
  ["page past 1000 at the default limit", "/v1/notices?page=51"],
  ["malformed date", "/v1/notices?published_from=2026-13-01"],
  ["impossible date", "/v1/notices?published_to=2026-02-30"],
  ["date in another format", "/v1/notices?published_from=01.02.2026"],
  ["from after to", "/v1/notices?published_from=2026-06-01&published_to=2026-01-01"],
  ["over-long q", `/v1/notices?q=${longQ}`],
  ["control characters in q", "/v1/notices?q=abc%00def"],
  ["unknown parameter", "/v1/notices?colour=red"],
  ["misspelt parameter", "/v1/notices?tpye=COMPETITION"],
  ["conflicting limit repeats", "/v1/notices?limit=10&limit=20"],
  ["conflicting page repeats", "/v1/notices?page=1&page=2"],
  ["conflicting sort via alias", "/v1/notices?sort=relevance&sortBy=deadline"],
  ["conflicting q repeats", "/v1/notices?q=skole&q=vei"],
  ["facets not boolean", "/v1/notices?facets=maybe"],
  ["unknown CPV code", "/v1/notices?cpv=99999999"],
  ["CPV of letters", "/v1/notices?cpv=software"],
  ["SQL in cpv", "/v1/notices?cpv=1'%20OR%20'1'='1"],
  ["unknown location", "/v1/notices?location=Atlantis"],
  ["HTML in location", "/v1/notices?location=%3Cscript%3Ealert(1)%3C/script%3E"],
  ["HTML in type", "/v1/notices?type=%3Cimg%20src=x%3E"],
  ["SQL in status", "/v1/notices?status=ACTIVE;DROP%20TABLE%20notices"],
  ["unicode junk in sort", "/v1/notices?sort=%F0%9F%92%A5%E2%80%AE"],
  ["unicode junk in limit", "/v1/notices?limit=%EF%BC%91%EF%BC%90"],
  ["notice id too short", "/v1/notices/2026-1"],
  ["notice id of letters", "/v1/notices/abc"],
  ["notice id with SQL", "/v1/notices/2026-107918'%20OR%201=1"],
  ["notice id with a path trick", "/v1/notices/..%2F..%2Fetc"],
  ["malformed CPV code path", "/v1/codes/cpv/7200"],
  ["unknown CPV list parameter", "/v1/codes/cpv?depth=2"],
  ["flat not boolean", "/v1/codes/cpv?flat=yes"],
  ["unknown locations parameter", "/v1/codes/locations?lang=xx"],
  ["POST on search", "/v1/notices", "POST"],
  ["DELETE on a notice", "/v1/notices/2026-107918", "DELETE"],
  ["PUT on codes", "/v1/codes/cpv", "PUT"],
  ["unknown route", "/v1/tenders"],
  ["unknown nested route", "/v1/notices/2026-107918/attachments"],
];

beforeAll(async () => {
  await emulator.clearFaults();
});

describe("bad input", () => {
  it("has at least 40 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)("%s → a 4xx envelope", async (_what, path, method = "GET") => {
    const res = await emulatorApp().call(path, { method });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const code = ((await res.clone().json()) as { error: { code: string } }).error.code;
    const body = await expectEnvelope(res, res.status, code);
    expect(res.headers.get("cache-control")).toBe("no-store");
    if (res.status === 400) expect(body.error.issues?.length ?? 0).toBeGreaterThan(0);
  });

  it("lists every bad field at once", async () => {
    const res = await emulatorApp().call("/v1/notices?type=X&status=Y&limit=0&colour=red");
    const body = await expectEnvelope(res, 400, "invalid_request");
    expect(body.error.issues?.map((i) => i.path).sort()).toEqual(
      ["query.colour", "query.limit", "query.status", "query.type"].sort(),
    );
  });

  it("suggests what would work for an unknown CPV code and location", async () => {
    const cpv = await expectEnvelope(
      await emulatorApp().call("/v1/notices?cpv=72000001"),
      400,
      "invalid_request",
    );
    expect(cpv.error.issues?.[0]?.message).toMatch(/720\d{5}/);
    const loc = await expectEnvelope(
      await emulatorApp().call("/v1/notices?location=Vestlandd"),
      400,
      "invalid_request",
    );
    expect(loc.error.issues?.[0]?.message).toContain("NO0A2");
  });

  it("explains how to get past the 1000-hit window", async () => {
    const body = await expectEnvelope(
      await emulatorApp().call("/v1/notices?page=11&limit=100"),
      400,
      "invalid_request",
    );
    expect(body.error.issues?.[0]?.message).toMatch(/1000.*\/v1\/changes/s);
  });

  it("accepts identical repeats and junk inside free text (it is just text)", async () => {
    for (const path of [
      "/v1/notices?limit=10&limit=10&published_to=2092-01-01",
      "/v1/notices?q=%27%20OR%201%3D1%20--&published_to=2092-01-02",
      "/v1/notices?q=%3Cscript%3E%F0%9F%92%A5&published_to=2092-01-03",
    ]) {
      const res = await emulatorApp().call(path);
      expect(res.status, await res.clone().text()).toBe(200);
    }
  });
});
