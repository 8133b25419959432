import { startEmulatorServer } from "@doffin/emulator";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDoffinClient } from "../src/client/index";
import type { DoffinClientOptions } from "../src/client/types";
import { NotFoundError, UpstreamError } from "../src/errors";

/**
 * The client against the Doffin emulator over real HTTP on 127.0.0.1: filters must produce the right
 * results on both surfaces, and the emulator's faults and rate limit must surface as typed errors.
 */

const API_KEY = "test-key";
let emu: Awaited<ReturnType<typeof startEmulatorServer>>;

beforeAll(async () => {
  emu = await startEmulatorServer({ port: 0, seed: 7, count: 600, rateLimit: false, apiKeys: [API_KEY] });
});
afterAll(async () => {
  await emu?.close();
});

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${emu.url}/_emulator${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
  return (await res.json()) as Record<string, unknown>;
};

afterEach(async () => {
  await control("DELETE", "/faults");
  await control("POST", "/rate-limit", { enabled: false });
});

const web = (options: Partial<DoffinClientOptions> = {}) =>
  createDoffinClient({
    baseUrl: emu.url,
    retry: { attempts: 3, baseDelayMs: 5 },
    timeoutMs: 5_000,
    ...options,
  });
const pub = (options: Partial<DoffinClientOptions> = {}) =>
  web({ kind: "public-api", apiKey: API_KEY, ...options });

const rejection = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("filters produce the right results", () => {
  it("web client: type, status and location filters hold for every hit; facets use our names", async () => {
    const res = await web().search({
      types: ["COMPETITION"],
      statuses: ["EXPIRED"],
      locations: ["NO081"],
      limit: 50,
    });
    expect(res.total).toBeGreaterThan(0);
    expect(res.accessible).toBe(Math.min(res.total, 1000));
    expect(res.items.length).toBe(Math.min(res.total, 50));
    for (const item of res.items) {
      expect(item.allTypes).toContain("COMPETITION");
      expect(item.status).toBe("EXPIRED");
      expect(item.locations).toContain("NO081");
      expect(item.url).toBe(`https://www.doffin.no/notices/${item.id}`);
    }
    expect(Object.keys(res.facets)).toEqual(expect.arrayContaining(["type", "status"]));
    const competition = res.facets.type?.find((f) => f.id === "COMPETITION");
    expect(competition?.count).toBe(res.total);
  });

  it("web client: a CPV division filter returns notices whose detail carries that code", async () => {
    const client = web();
    const res = await client.search({ cpvCodes: ["45000000"], limit: 5 });
    expect(res.total).toBeGreaterThan(0);
    for (const item of res.items) {
      const notice = await client.getNotice(item.id);
      expect(notice.cpv.all).toContain("45000000");
    }
  });

  it("web client: publication date window and paging", async () => {
    const client = web();
    const all = await client.search({ limit: 1 });
    const day = all.items[0]?.publishedOn ?? undefined;
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const res = await client.search({ publishedFrom: day, publishedTo: day, limit: 100 });
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items.every((i) => i.publishedOn === day)).toBe(true);
    const page2 = await client.search({ limit: 10, page: 2, sort: "published_desc" });
    expect(page2.page).toBe(2);
    expect(page2.items).toHaveLength(10);
  });

  it("Public API: repeated type/status/cpv/location filters match the web client's totals", async () => {
    const filters = {
      types: ["ANNOUNCEMENT_OF_COMPETITION" as const, "RESULT" as const],
      cpvCodes: ["45000000", "72000000"],
      limit: 20,
    };
    const [w, p] = await Promise.all([web().search(filters), pub().search(filters)]);
    expect(p.total).toBe(w.total);
    expect(p.facets).toEqual({});
    for (const item of p.items) {
      expect(item.allTypes.some((t) => t === "ANNOUNCEMENT_OF_COMPETITION" || t === "RESULT")).toBe(true);
      expect(item.cpvCodes?.some((c) => c === "45000000" || c === "72000000")).toBe(true);
    }
  });

  it("Public API: published* filters are sent as issueDate* and bound the issue date", async () => {
    const first = (await pub().search({ limit: 1 })).items[0];
    const day = first?.issuedAt?.slice(0, 10);
    expect(day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const res = await pub().search({ publishedFrom: day, publishedTo: day, limit: 100 });
    expect(res.items.length).toBeGreaterThan(0);
    expect(res.items.every((i) => i.issuedAt?.startsWith(day ?? "?"))).toBe(true);
  });

  it("notice detail, CPV tree and XML download", async () => {
    const id = (await web().search({ types: ["RESULT"], limit: 1 })).items[0]?.id ?? "";
    const notice = await web().getNotice(id);
    expect(notice.id).toBe(id);
    expect(notice.allTypes).toContain("RESULT");
    expect(notice.sections.length).toBeGreaterThan(0);
    const tree = await web().getCpvTree();
    expect(tree?.length).toBeGreaterThan(10);
    expect(tree?.[0]?.id).toMatch(/^\d{8}$/);
    const xml = await pub().downloadXml(id);
    expect(xml).toMatch(/<\?xml|<ContractAwardNotice|<ContractNotice|<PriorInformationNotice/);
  });

  it("unknown id → NotFoundError on both surfaces", async () => {
    expect(await rejection(web().getNotice("2017-999999"))).toBeInstanceOf(NotFoundError);
    expect(await rejection(pub().getNotice("2017-999999"))).toBeInstanceOf(NotFoundError);
    expect(await rejection(pub().downloadXml("2017-999999"))).toBeInstanceOf(NotFoundError);
  });

  it("a wrong subscription key → kind http 401, not retried", async () => {
    const error = await rejection(pub({ apiKey: "wrong" }).search({}));
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ kind: "http", status: 401, retryable: false, attempts: 1 });
  });
});

describe("faults and the rate limit", () => {
  it("429 → waits Retry-After, then succeeds", async () => {
    await control("POST", "/rate-limit", { enabled: true, limit: 2, windowMs: 1_000, retryAfterSeconds: 1 });
    const waits: number[] = [];
    const statuses: (number | null)[] = [];
    const client = pub({
      retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 5_000 },
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((resolve) => setTimeout(resolve, ms));
      },
      onAttempt: ({ status }) => statuses.push(status),
    });
    for (let i = 0; i < 3; i++) await client.search({ limit: 1 });
    expect(statuses).toContain(429);
    expect(statuses.at(-1)).toBe(200);
    expect(waits).toContain(1_000);
  });

  it("5xx → bounded retries, then UpstreamError kind http", async () => {
    await control("POST", "/stats/reset");
    await control("POST", "/faults", { route: "webclient.search", kind: "status", status: 503 });
    const error = await rejection(web().search({}));
    expect(error).toMatchObject({ kind: "http", status: 503, retryable: true, attempts: 3 });
    const stats = await control("GET", "/stats");
    expect((stats.byRoute as Record<string, number>)["webclient.search"]).toBe(3);
  });

  it("one 500 then recovery → success on the retry", async () => {
    await control("POST", "/faults", { route: "public.search", kind: "status", status: 500, times: 1 });
    expect((await pub().search({ limit: 1 })).items).toHaveLength(1);
  });

  it("timeout → bounded retries, then UpstreamError kind timeout", async () => {
    await control("POST", "/faults", { route: "webclient.notice", kind: "timeout", latencyMs: 3_000 });
    const error = await rejection(
      web({ timeoutMs: 200, retry: { attempts: 2, baseDelayMs: 1 } }).getNotice("2026-100001"),
    );
    expect(error).toMatchObject({ kind: "timeout", attempts: 2 });
  });

  it.each(["malformed", "truncate", "drift"] as const)(
    "%s body → UpstreamError kind parse, not retried",
    async (kind) => {
      await control("POST", "/stats/reset");
      await control("POST", "/faults", { route: "*", kind });
      const error = await rejection(web().search({}));
      expect(error).toMatchObject({ kind: "parse", retryable: false, attempts: 1 });
      const stats = await control("GET", "/stats");
      expect(stats.total).toBe(1);
    },
  );
});
