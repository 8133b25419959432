import { startEmulatorServer } from "@doffin/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBudgetGate } from "../src/client/budget-gate";
import { createDoffinClient } from "../src/client/index";
import type { AttemptInfo, DoffinClientOptions } from "../src/client/types";
import { NotFoundError, UpstreamError } from "../src/errors";
import { PUBLIC_API_KEY_HEADER, PUBLIC_API_PATHS } from "../src/upstream/public-api";

/**
 * The hybrid a self-hoster runs: the web client's search and detail plus the Public API's eForms XML
 * download (a key in web-client mode), over real HTTP against the emulator on 127.0.0.1.
 */

const API_KEY = "hybrid-key";
let emu: Awaited<ReturnType<typeof startEmulatorServer>>;

beforeAll(async () => {
  emu = await startEmulatorServer({ port: 0, seed: 11, count: 200, rateLimit: false, apiKeys: [API_KEY] });
});
afterAll(async () => {
  await emu?.close();
});

const client = (options: Partial<DoffinClientOptions> = {}) =>
  createDoffinClient({
    baseUrl: emu.url,
    retry: { attempts: 2, baseDelayMs: 5 },
    timeoutMs: 5_000,
    ...options,
  });

const rejection = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

/** The emulator's own bytes for a notice, fetched without the client. */
const emulatorXml = async (id: string) => {
  const res = await fetch(`${emu.url}${PUBLIC_API_PATHS.download(id)}`, {
    headers: { [PUBLIC_API_KEY_HEADER]: API_KEY },
  });
  expect(res.status).toBe(200);
  return res.text();
};

describe("web-client mode with a Public API key", () => {
  it("downloads the notice's XML byte for byte, while search stays on the web client (facets)", async () => {
    const hybrid = client({ apiKey: API_KEY });
    expect(hybrid).toMatchObject({ kind: "webclient", hasXml: true });
    const page = await hybrid.search({ types: ["RESULT"], limit: 3 });
    // Facets are the web client's: the Public API has none.
    expect(Object.keys(page.facets).length).toBeGreaterThan(0);
    expect(page.items.length).toBe(3);
    for (const { id } of page.items) {
      const xml = await hybrid.downloadXml(id);
      expect(xml).toBe(await emulatorXml(id));
      expect(xml?.length).toBeGreaterThan(500);
    }
  });

  it("without a key: hasXml false and downloadXml null, with no request sent", async () => {
    const plain = client();
    expect(plain).toMatchObject({ kind: "webclient", hasXml: false });
    const id = (await plain.search({ limit: 1 })).items[0]?.id ?? "";
    const before = (await (await fetch(`${emu.url}/_emulator/stats`)).json()) as { total: number };
    expect(await plain.downloadXml(id)).toBeNull();
    const after = (await (await fetch(`${emu.url}/_emulator/stats`)).json()) as { total: number };
    expect(after.total).toBe(before.total);
  });

  it("an unknown id → NotFoundError, as in Public API mode", async () => {
    const error = await rejection(client({ apiKey: API_KEY }).downloadXml("2017-999999"));
    expect(error).toBeInstanceOf(NotFoundError);
    const official = await rejection(
      client({ kind: "public-api", apiKey: API_KEY }).downloadXml("2017-999999"),
    );
    expect(official).toBeInstanceOf(NotFoundError);
  });

  it("a wrong key → UpstreamError http 401 on the download, not a silent null", async () => {
    const hybrid = client({ apiKey: "wrong" });
    const id = (await hybrid.search({ limit: 1 })).items[0]?.id ?? "";
    const error = await rejection(hybrid.downloadXml(id));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: "http", status: 401 });
  });

  it("every attempt tells the gate its API, so the download spends the Public API's bucket", async () => {
    const seen: { api: AttemptInfo["api"]; path: string }[] = [];
    const taken: string[] = [];
    const gate = createBudgetGate({
      priority: "background",
      take: async (_priority, api) => {
        taken.push(api === "public-api" ? "doffin-public-api" : "doffin-webclient");
        return { granted: true, retryAfterMs: 0 };
      },
      refused: () => new Error("refused"),
    });
    const hybrid = client({
      apiKey: API_KEY,
      beforeAttempt: async (info) => {
        seen.push({ api: info.api, path: new URL(info.url).pathname });
        await gate(info);
      },
    });
    const id = (await hybrid.search({ limit: 1 })).items[0]?.id ?? "";
    await hybrid.getNotice(id);
    await hybrid.downloadXml(id);
    expect(seen.map((s) => s.api)).toEqual(["webclient", "webclient", "public-api"]);
    expect(seen[2]?.path).toBe(PUBLIC_API_PATHS.download(id));
    expect(taken).toEqual(["doffin-webclient", "doffin-webclient", "doffin-public-api"]);
  });

  it("the download keeps the client's deadline: no time left → timeout error, no request", async () => {
    const hybrid = client({ apiKey: API_KEY, deadline: () => Date.now() + 10 });
    const error = await rejection(hybrid.downloadXml("2026-100001"));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: "timeout", attempts: 0 });
  });
});
