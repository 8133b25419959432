import { env } from "cloudflare:workers";
import { NoticeSummary } from "@doffin/core";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { emulator, emulatorApp, expectEnvelope, uniqueKeys } from "./helpers";

const unique = uniqueKeys(2093);

type Doc = { paths: Record<string, Record<string, { parameters?: { name: string }[]; responses: object }>> };

beforeEach(() => emulator.resetStats());

describe("fields= projection", () => {
  it("projects each search item (id kept) from the same cache entry, with its own ETag", async () => {
    const { call } = emulatorApp();
    const path = `/v1/notices?type=RESULT&limit=5&${unique()}`;
    const full = await call(path);
    const fullBody = (await full.json()) as { items: Record<string, unknown>[]; total: number };
    const res = await call(`${path}&fields=heading,deadline`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-status")).toMatch(/; hit; /);
    expect((await emulator.stats()).byRoute["webclient.search"]).toBe(1);
    const body = (await res.json()) as { items: Record<string, unknown>[]; total: number };
    expect(body.total).toBe(fullBody.total);
    expect(body.items.length).toBe(fullBody.items.length);
    for (const [i, item] of body.items.entries()) {
      expect(Object.keys(item).sort()).toEqual(["deadline", "heading", "id"]);
      expect(item.id).toBe(fullBody.items[i]?.id);
    }
    const etag = res.headers.get("etag") ?? "";
    expect(etag).not.toBe(full.headers.get("etag"));
    expect(
      (await call(`${path}&fields=heading,deadline`, { headers: { "if-none-match": etag } })).status,
    ).toBe(304);
  });

  it("projects the detail", async () => {
    const id = await emulator.someNoticeId();
    const res = await emulatorApp().call(`/v1/notices/${id}?fields=values,dataSources`);
    expect(res.status).toBe(200);
    expect(Object.keys(await res.json()).sort()).toEqual(["dataSources", "id", "values"]);
  });

  it("an unknown field is a 400 that lists the valid ones (search and detail)", async () => {
    const { call } = emulatorApp();
    const search = await expectEnvelope(
      await call(`/v1/notices?fields=heading,bogus&${unique()}`),
      400,
      "invalid_request",
    );
    expect(search.error.issues?.[0]?.path).toBe("query.fields");
    expect(search.error.issues?.[0]?.message).toContain('"bogus"');
    for (const name of Object.keys(NoticeSummary.shape))
      expect(search.error.issues?.[0]?.message).toContain(name);
    const detail = await expectEnvelope(
      await call("/v1/notices/2026-100001?fields=eformsLots,nope"),
      400,
      "invalid_request",
    );
    expect(detail.error.issues).toEqual([
      { path: "query.fields", message: expect.stringContaining("eformsLots, results, parties, values") },
    ]);
    await expectEnvelope(await call(`/v1/notices?fields=&${unique()}`), 400, "invalid_request");
    await expectEnvelope(
      await call(`/v1/notices?fields=id&fields=heading&${unique()}`),
      400,
      "invalid_request",
    );
  });

  it("is reported together with the other bad search parameters", async () => {
    const res = await emulatorApp().call(`/v1/notices?fields=bogus&limit=0&colour=red&${unique()}`);
    const body = await expectEnvelope(res, 400, "invalid_request");
    expect(body.error.issues?.map((i) => i.path).sort()).toEqual([
      "query.colour",
      "query.fields",
      "query.limit",
    ]);
  });
});

describe("organisations and contract data through the tracker", () => {
  it.each([
    "/v1/organizations?q=tromso&role=buyer",
    "/v1/organizations/974760673",
    "/v1/organizations/974760673?cursor=abc&limit=5",
    "/v1/notices/2026-100001/contract",
  ])("forwards %s to the tracker unchanged", async (path) => {
    const body = (await (await emulatorApp().call(path)).json()) as { worker: string; path: string };
    expect(body).toMatchObject({ worker: "tracker", path });
  });

  it("documents them, the eforms.xml route, the detail's contract fields and fields=", async () => {
    const doc = (await (await createApp().request("https://gw.example/openapi.json", {}, env)).json()) as Doc;
    for (const path of [
      "/v1/organizations",
      "/v1/organizations/{orgNumber}",
      "/v1/notices/{id}/contract",
      "/v1/notices/{id}/eforms.xml",
    ])
      expect(doc.paths[path]?.get, path).toBeDefined();
    expect(doc.paths["/v1/organizations"]?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(["q", "role", "cursor", "limit"]),
    );
    expect(doc.paths["/v1/notices"]?.get?.parameters?.map((p) => p.name)).toContain("fields");
    expect(doc.paths["/v1/notices/{id}"]?.get?.parameters?.map((p) => p.name)).toContain("fields");
    const detail = JSON.stringify(doc.paths["/v1/notices/{id}"]?.get?.responses);
    for (const field of ["eformsLots", "parties", "frameworkMaximum", "dataSources", "unavailable"])
      expect(detail).toContain(field);
    expect(JSON.stringify(doc.paths["/v1/notices/{id}/eforms.xml"]?.get?.responses)).toContain(
      "application/xml",
    );
  });
});
