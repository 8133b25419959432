import { env } from "cloudflare:workers";
import { contractValues, createDoffinClient, Notice, parseEformsNotice } from "@doffin/core";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DETAIL_XML_FIELDS, NoticeDetail } from "../src/services/notice-detail";
import { emulator, emulatorApp, emulatorUrl, expectEnvelope, keyedEmulatorApp } from "./helpers";

/** The Public API downloader pointed at the emulator (its test key). */
const keyed = keyedEmulatorApp;

/** A stand-in Public API answering every download with this body (hostile-document tests). */
const answering = (body: string) =>
  emulatorApp({
    xmlSource: createDoffinClient({
      baseUrl: "http://127.0.0.1:9",
      kind: "public-api",
      apiKey: "k",
      retry: { attempts: 1 },
      fetch: async () => new Response(body, { status: 200, headers: { "content-type": "application/xml" } }),
    }),
  });

async function resultIds(n: number): Promise<string[]> {
  const res = await fetch(`${emulatorUrl()}/webclient/api/v2/search-api/search`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      numHitsPerPage: n,
      page: 1,
      searchString: "",
      facets: { type: { checkedItems: ["RESULT"] } },
    }),
  });
  return ((await res.json()) as { hits: { id: string }[] }).hits.map((h) => h.id);
}

const upstreamXml = async (id: string) =>
  (
    await fetch(`${emulatorUrl()}/public/v2/download/${id}`, {
      headers: { "Ocp-Apim-Subscription-Key": "test-key" },
    })
  ).text();

async function storeInR2(id: string, xml: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(xml));
  const hash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  await env.EFORMS.put(`eforms/${id}/${hash}.xml`, xml);
  return hash;
}

let ids: string[] = [];
beforeAll(async () => {
  ids = await resultIds(12);
  expect(ids.length).toBe(12);
});
beforeEach(() => emulator.resetStats());

const id = (i: number) => ids[i] as string;

describe("GET /v1/notices/{id} with contract data", () => {
  it("without XML: web-client data, every XML field listed as unavailable, one data source", async () => {
    const res = await emulatorApp().call(`/v1/notices/${id(0)}`);
    expect(res.status).toBe(200);
    const body = NoticeDetail.parse(await res.json());
    const notice = Notice.parse(body);
    expect(body.unavailable).toEqual([...DETAIL_XML_FIELDS]);
    expect(body.unavailableReason).toBe("no_public_api_key");
    expect(body.eformsLots).toEqual([]);
    expect(body.results).toBeNull();
    expect(body.values).toEqual({ estimated: notice.estimatedValue, frameworkMaximum: null, awarded: null });
    expect(body.parties.map((p) => p.name)).toEqual(notice.buyers.map((b) => b.name));
    expect(body.parties.every((p) => p.role === "buyer")).toBe(true);
    expect(body.dataSources.map((s) => s.source)).toEqual(["webclient"]);
    expect(Date.parse(body.dataSources[0]?.fetchedAt ?? "")).not.toBeNaN();
  });

  it("with the Public API download: values kept apart as the XML gives them, both data sources", async () => {
    const xml = await upstreamXml(id(1));
    const expected = contractValues(parseEformsNotice(xml, { doffinId: id(1) }));
    await emulator.resetStats();
    const { call } = keyed();
    const body = NoticeDetail.parse(await (await call(`/v1/notices/${id(1)}`)).json());
    expect(body.values).toEqual(expected);
    expect(body.values.awarded).not.toBeNull();
    expect(body.unavailable).toEqual([]);
    expect(body.unavailableReason).toBeNull();
    expect(body.results?.lots.length).toBeGreaterThan(0);
    expect(body.parties.some((p) => p.role === "winner")).toBe(true);
    expect(body.dataSources.map((s) => s.source)).toEqual(["webclient", "eforms-xml"]);
    // The XML went through the cache: a second detail downloads nothing more, and its ETag (over the
    // composed body) answers 304.
    const again = await call(`/v1/notices/${id(1)}`);
    const etag = again.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect((await call(`/v1/notices/${id(1)}`, { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await emulator.stats()).byRoute["public.download"]).toBe(1);
  });

  it("prefers the tracker's R2 copy (no download) and dates the source by its upload", async () => {
    const xml = await upstreamXml(id(2));
    await storeInR2(id(2), xml);
    await emulator.resetStats();
    const body = NoticeDetail.parse(await (await keyed().call(`/v1/notices/${id(2)}`)).json());
    expect(body.unavailable).toEqual([]);
    expect(body.values).toEqual(contractValues(parseEformsNotice(xml, { doffinId: id(2) })));
    const head = await env.EFORMS.list({ prefix: `eforms/${id(2)}/` });
    expect(body.dataSources[1]).toEqual({
      source: "eforms-xml",
      fetchedAt: head.objects[0]?.uploaded.toISOString(),
    });
    expect((await emulator.stats()).byRoute["public.download"]).toBeUndefined();
  });

  it("a hostile download does not break the detail: web-client data, reason download_failed", async () => {
    const res = await answering('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>').call(`/v1/notices/${id(3)}`);
    expect(res.status).toBe(200);
    const body = NoticeDetail.parse(await res.json());
    expect(body.unavailableReason).toBe("download_failed");
    expect(body.unavailable).toEqual([...DETAIL_XML_FIELDS]);
  });
});

describe("GET /v1/notices/{id}/eforms.xml", () => {
  it("serves the R2 object byte for byte with its content hash as ETag; 304 on a match", async () => {
    const xml = `${await upstreamXml(id(4))}\n<!-- stored copy -->\n`;
    const hash = await storeInR2(id(4), xml);
    const { call } = emulatorApp();
    const res = await call(`/v1/notices/${id(4)}/eforms.xml`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/xml");
    expect(res.headers.get("etag")).toBe(`"${hash.slice(0, 32)}"`);
    expect(await res.text()).toBe(xml);
    const again = await call(`/v1/notices/${id(4)}/eforms.xml`, {
      headers: { "if-none-match": `"${hash.slice(0, 32)}"` },
    });
    expect(again.status).toBe(304);
  });

  it("downloads on an R2 miss, caches it, answers 304 to its ETag", async () => {
    const { call } = keyed();
    const first = await call(`/v1/notices/${id(5)}/eforms.xml`);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-status")).toBe("doffin-gateway; fwd=miss; stored");
    expect(await first.text()).toBe(await upstreamXml(id(5)));
    const etag = first.headers.get("etag") ?? "";
    const second = await call(`/v1/notices/${id(5)}/eforms.xml`, { headers: { "if-none-match": etag } });
    expect(second.status).toBe(304);
    expect((await emulator.stats()).byRoute["public.download"]).toBe(2); // ours once + the test's own read
  });

  it("404 envelope without XML: no key, or Doffin has none", async () => {
    const none = await expectEnvelope(
      await emulatorApp().call(`/v1/notices/${id(6)}/eforms.xml`),
      404,
      "not_found",
    );
    expect(none.error.message).toContain("no Public API key");
    const unknown = await expectEnvelope(
      await keyed().call("/v1/notices/1999-000002/eforms.xml"),
      404,
      "not_found",
    );
    expect(unknown.error.message).toContain("no eForms XML");
  });

  it("a hostile or oversized upstream document is a clean 502", async () => {
    const dtd = await answering('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>').call(
      `/v1/notices/${id(7)}/eforms.xml`,
    );
    await expectEnvelope(dtd, 502, "upstream_error");
    const big = `<ContractNotice>${"<a>x</a>".repeat(700_000)}</ContractNotice>`;
    await expectEnvelope(await answering(big).call(`/v1/notices/${id(8)}/eforms.xml`), 502, "upstream_error");
  });

  it("a malformed id is a 400", async () => {
    await expectEnvelope(await emulatorApp().call("/v1/notices/2026-1/eforms.xml"), 400, "invalid_request");
  });
});
