import { env } from "cloudflare:workers";
import { OrganizationProfile } from "@doffin/contracts/organizations";
import { NoticeContract } from "@doffin/contracts/tracker";
import { TrackerStatus } from "@doffin/core";
import { beforeEach, describe, expect, it } from "vitest";
import { runTick } from "../src/scheduled";
import { API_KEY, clearBucket, request, rows } from "./contract-helpers";
import { clearDb, emulator, emulatorUrl } from "./helpers";

/**
 * The hybrid deployment: the web client for search and detail, a Public API key for the eForms XML.
 * The cron tick must store contract data for the notices it writes (so organisations appear), and a
 * web-client tracker without a key must behave as before (no downloads, no contract rows).
 */

const NOW = "2026-11-20T12:00:00.000Z";
const CORPUS = { seed: 53, count: 300, from: "2026-08-01", to: "2026-11-20", now: NOW };

const tickEnv = (key: string | undefined) =>
  ({
    ...env,
    UPSTREAM_KIND: "webclient",
    DOFFIN_API_KEY: key,
    UPSTREAM_BASE_URL: emulatorUrl(),
    SWEEP_WINDOW_DAYS: "7",
    BACKFILL_FROM: "",
    REQUEST_BUDGET: "2000",
    // Pacing is tested elsewhere (contract-tick, pace); here it would only slow the sweep down.
    UPSTREAM_RATE_LIMIT: "10000",
    UPSTREAM_RATE_WINDOW_MS: "1000",
    BUDGET: undefined,
  }) as unknown as Env;

const appEnv = (key: string | undefined) => ({ ...env, UPSTREAM_KIND: "webclient", DOFFIN_API_KEY: key });
const get = async (path: string, key: string | undefined) =>
  (await import("../src/app")).createApp().request(path, {}, appEnv(key));

describe("web-client mode: contract data with a Public API key", () => {
  beforeEach(async () => {
    await emulator.reset(CORPUS);
    await clearDb();
    await clearBucket();
    await emulator.resetStats();
  });

  it("a sweep with a key stores every written notice's XML and model; organisations appear", async () => {
    const tick = await runTick(tickEnv(API_KEY), new Date(NOW));
    expect(tick.sweep?.status).toBe("done");
    const notices = await rows<{ id: string; snapshot: string }>("SELECT id, snapshot FROM notices");
    expect(notices.length).toBeGreaterThan(5);
    // Search and detail went to the web client, the XML to the Public API: one download per notice.
    const stats = await emulator.stats();
    expect(stats.byRoute["public.download"]).toBe(notices.length);
    expect(stats.byRoute["public.search"] ?? 0).toBe(0);
    expect(stats.byRoute["webclient.notice"] ?? 0).toBeGreaterThanOrEqual(notices.length);
    // The snapshots carry the web client's detail (a Public API hit has none).
    expect(notices.every((n) => (JSON.parse(n.snapshot) as { detail: unknown }).detail !== null)).toBe(true);
    const stored = await rows<{ notice_id: string }>(
      "SELECT notice_id FROM contract_notices WHERE model IS NOT NULL",
    );
    expect(stored.map((r) => r.notice_id).sort()).toEqual(notices.map((n) => n.id).sort());
    expect((await env.EFORMS.list({ limit: 1000 })).objects.length).toBe(notices.length);

    // The notice's contract route serves the parsed XML, not the "no key" fallback.
    const first = notices[0]?.id ?? "";
    const contract = NoticeContract.parse(await (await get(`/v1/notices/${first}/contract`, API_KEY)).json());
    expect(contract.unavailableReason).toBeNull();
    expect(contract.dataSources.map((d) => d.source)).toEqual(["webclient", "eforms-xml"]);

    // A buyer of a swept notice now has an organisation page.
    const [buyer] = await rows<{ org_number: string }>(
      "SELECT org_number FROM contract_parties WHERE role = 'buyer' AND org_number IS NOT NULL LIMIT 1",
    );
    expect(buyer?.org_number).toMatch(/^\d{9}$/);
    const res = await request(`/v1/organizations/${buyer?.org_number}`, false);
    expect(res.status).toBe(200);
    const org = OrganizationProfile.parse(await res.json());
    expect(org.roles).toContain("buyer");

    const status = TrackerStatus.parse(await (await get("/v1/tracker/status", API_KEY)).json());
    expect(status.contractData).toMatchObject({ mode: "eforms-xml", pending: 0, stored: notices.length });
  });

  it("without a key nothing changes: no download, no contract rows, the contract route says why", async () => {
    const tick = await runTick(tickEnv(undefined), new Date(NOW));
    expect(tick.sweep?.status).toBe("done");
    expect(tick.xmlBackfill).toBeNull();
    const notices = await rows<{ id: string }>("SELECT id FROM notices");
    expect(notices.length).toBeGreaterThan(5);
    const stats = await emulator.stats();
    expect(stats.byRoute["public.download"] ?? 0).toBe(0);
    expect(await rows("SELECT notice_id FROM contract_notices")).toEqual([]);
    expect(await rows("SELECT notice_id FROM contract_parties")).toEqual([]);
    expect((await env.EFORMS.list({ limit: 10 })).objects).toEqual([]);
    const contract = NoticeContract.parse(
      await (await get(`/v1/notices/${notices[0]?.id}/contract`, undefined)).json(),
    );
    expect(contract.unavailableReason).toBe("no_public_api_key");
    const status = TrackerStatus.parse(await (await get("/v1/tracker/status", undefined)).json());
    expect(status.contractData.mode).toBe("webclient");

    // A key configured later: the XML backfill fills the notices tracked without one (sweep off).
    const keyed = { ...tickEnv(API_KEY), SWEEP_WINDOW_DAYS: "0" } as unknown as Env;
    const later = await runTick(keyed, new Date(NOW));
    expect(later.xmlBackfill).toMatchObject({ fetched: notices.length, error: null });
    const stored = await rows("SELECT notice_id FROM contract_notices WHERE model IS NOT NULL");
    expect(stored.length).toBe(notices.length);
  });
});
