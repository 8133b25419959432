import { env } from "cloudflare:workers";
import { SavedSearch } from "@doffin/contracts/alerts";
import { AlertEvent, ErrorEnvelope } from "@doffin/core";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { runTick } from "../src/scheduled";
import { deliveriesOf, received, receiverUrl, waitFor } from "./delivery-helpers";
import { clearDb, emulator, source } from "./helpers";
import { RECEIVER_SECRET } from "./webhook-constants";

const NOW = "2026-11-20T12:00:00.000Z";
const LATER = "2026-11-20T12:15:00.000Z";
const CORPUS = { seed: 23, count: 150, from: "2026-10-01", to: "2026-11-20", now: NOW };

/** The tracker app with the test env, optionally with other vars (e.g. the production loopback rule). */
const app = (vars: Record<string, string> = {}) => {
  const a = createApp();
  return (path: string, init: RequestInit = {}) => a.request(path, init, { ...env, ...vars });
};

const json = (owner: string, method: string, body: unknown): RequestInit => ({
  method,
  headers: { "content-type": "application/json", "x-dgw-owner": owner },
  body: JSON.stringify(body),
});

async function createSearch(owner: string, body: Record<string, unknown>, vars: Record<string, string> = {}) {
  return app(vars)("/v1/searches", json(owner, "POST", body));
}

async function eventIdsOf(searchId: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT id FROM alert_events WHERE search_id = ? ORDER BY seq")
    .bind(searchId)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

describe("sweep → matches → outbox → queue → receiver", () => {
  beforeAll(async () => {
    await emulator.reset(CORPUS);
    await clearDb();
  });

  it("every event of a saved search reaches its webhook exactly once, signed", async () => {
    const res = await createSearch("erin", {
      name: "Competitions",
      source: "notices",
      query: { type: "COMPETITION" },
      webhook: { url: `${receiverUrl()}/ok/e2e`, secret: RECEIVER_SECRET },
    });
    expect(res.status).toBe(201);
    const search = SavedSearch.parse(await res.json());
    await runTick(env, new Date(NOW), { source: source() });
    const first = await eventIdsOf(search.id);
    expect(first.length).toBeGreaterThan(0);
    // A deadline moved on one matched notice: one match.changed on the next tick.
    const [one] = (
      await env.DB.prepare("SELECT item_id FROM alert_matches WHERE search_id = ? LIMIT 1")
        .bind(search.id)
        .all<{ item_id: string }>()
    ).results;
    if (!one) throw new Error("no match");
    const record = await emulator.record(one.item_id);
    const deadline =
      (record.deadline as string | undefined) ?? (record.notice as { deadline?: string })?.deadline;
    await emulator.mutate(one.item_id, {
      op: "deadline",
      deadline: new Date(Date.parse(deadline ?? NOW) + 7 * 86_400_000).toISOString(),
    });
    await emulator.advance(15 * 60_000);
    await runTick(env, new Date(LATER), { source: source() });
    const all = await eventIdsOf(search.id);
    expect(all.length).toBeGreaterThan(first.length);
    const rows = await waitFor(
      "every event delivered",
      () => deliveriesOf(search.id),
      (r) => r.length === all.length && r.every((d) => d.status === "delivered"),
      60_000,
    );
    expect(rows.map((r) => r.event_id).sort()).toEqual([...all].sort());
    const got = await received("/ok/e2e");
    expect(got.map((g) => g.eventId).sort()).toEqual([...all].sort());
    expect(got.every((g) => g.valid)).toBe(true);
    const types = got.map((g) => AlertEvent.parse(JSON.parse(g.body)).type);
    expect(types).toContain("match.new");
    expect(types).toContain("match.changed");
  });
});

describe("webhook URLs are checked against SSRF on create and patch", () => {
  const HOSTILE = [
    "http://169.254.169.254/latest/meta-data/",
    "https://169.254.169.254/",
    "https://10.0.0.8/hook",
    "https://192.168.1.20/hook",
    "https://172.16.5.4/hook",
    "https://100.64.0.1/hook",
    "https://[fd00::1]/hook",
    "https://[::ffff:10.0.0.1]/hook",
    "https://metadata.google.internal/computeMetadata/v1/",
    "https://user:pass@example.com/hook",
    "ftp://example.com/hook",
  ];

  async function expect400(res: Response) {
    expect(res.status).toBe(400);
    const body = ErrorEnvelope.parse(await res.json());
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.issues?.map((i) => i.path)).toContain("body.webhook.url");
    expect(body.error.message).toMatch(/not allowed: .+/);
  }

  it.each(HOSTILE)("create refuses %s with the reason", async (url) => {
    await expect400(
      await createSearch("frank", {
        name: "x",
        source: "notices",
        webhook: { url, secret: RECEIVER_SECRET },
      }),
    );
  });

  it("patch refuses them too, and keeps the old webhook", async () => {
    const created = await createSearch("frank", {
      name: "ok",
      source: "notices",
      webhook: { url: "https://hooks.example.com/doffin", secret: RECEIVER_SECRET },
    });
    expect(created.status).toBe(201);
    const s = SavedSearch.parse(await created.json());
    for (const url of HOSTILE) {
      await expect400(await app()(`/v1/searches/${s.id}`, json("frank", "PATCH", { webhook: { url } })));
    }
    const now = SavedSearch.parse(
      await (await app()(`/v1/searches/${s.id}`, { headers: { "x-dgw-owner": "frank" } })).json(),
    );
    expect(now.webhook?.url).toBe("https://hooks.example.com/doffin");
  });

  it("loopback http is for dev only: refused when ALERTS_ALLOW_LOOPBACK_WEBHOOKS is not true", async () => {
    const body = {
      name: "dev",
      source: "notices",
      webhook: { url: `${receiverUrl()}/ok/dev`, secret: RECEIVER_SECRET },
    };
    await expect400(await createSearch("frank", body, { ALERTS_ALLOW_LOOPBACK_WEBHOOKS: "false" }));
    const prod = { ALERTS_ALLOW_LOOPBACK_WEBHOOKS: "false" };
    // Loopback in any spelling (the tests' own env allows these, being dev).
    for (const url of [
      "http://example.com/hook",
      "https://127.0.0.1/hook",
      "https://localhost/hook",
      "https://[::1]/hook",
      "https://2130706433/hook",
      "https://0x7f000001/hook",
      "https://0177.0.0.1/hook",
    ])
      await expect400(await createSearch("frank", { ...body, webhook: { url } }, prod));
    expect((await createSearch("frank", body)).status).toBe(201);
  });
});
