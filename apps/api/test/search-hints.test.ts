import { ErrorEnvelope, SearchResult } from "@doffin/core";
import { beforeAll, describe, expect, it } from "vitest";
import { emulator, emulatorApp } from "./helpers";

beforeAll(async () => {
  await emulator.clearFaults();
});

describe("no silent zero", () => {
  it("a free-text search with no hits answers hints (CPV codes from English words, the Norwegian note)", async () => {
    const { call } = emulatorApp();
    for (const path of ["/v1/notices?q=software&published_to=2093-01-01", "/v1/tools/search_notices"]) {
      const res = path.startsWith("/v1/tools")
        ? await call(path, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ text: "software", published_to: "2093-01-02" }),
          })
        : await call(path);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { total: number; hints?: { cpv: { code: string }[]; note: string } };
      expect(body.total).toBe(0);
      expect(body.hints?.cpv.map((c) => c.code)).toContain("48*");
      expect(body.hints?.note).toContain("Norwegian");
    }
  });

  it("a search with hits has no hints", async () => {
    const res = await emulatorApp().call("/v1/notices?type=COMPETITION&published_to=2093-01-03");
    const body = (await res.json()) as { total: number; hints?: unknown };
    expect(body.total).toBeGreaterThan(0);
    expect(body).not.toHaveProperty("hints");
  });

  it("cpv=9999* is a 400 with the nearest codes", async () => {
    const res = await emulatorApp().call("/v1/notices?cpv=9999*");
    const env = ErrorEnvelope.parse(await res.json());
    expect(res.status).toBe(400);
    expect(env.error.issues?.[0]).toMatchObject({ path: "query.cpv" });
    expect(env.error.issues?.[0]?.message).toMatch(/no CPV code starts with 9999; nearest: 9\d{7} \(/);
  });
});

describe("facet counts are disjunctive (as documented)", () => {
  it("a facet's counts ignore that facet's own filter, so they can exceed total", async () => {
    const res = await emulatorApp().call("/v1/notices?status=ACTIVE&limit=1&published_to=2093-01-04");
    const body = SearchResult.parse(await res.json());
    const status = body.facets.status ?? [];
    expect(status.find((i) => i.id === "ACTIVE")?.count).toBe(body.total);
    const others = status.filter((i) => i.id !== "ACTIVE").reduce((a, i) => a + i.count, 0);
    expect(others).toBeGreaterThan(0);
    expect(status.reduce((a, i) => a + i.count, 0)).toBeGreaterThan(body.total);
  });
});
