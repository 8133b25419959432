import { env } from "cloudflare:workers";
import { NoticeContract } from "@doffin/contracts/tracker";
import { type NoticeSummary, sha256Hex, TrackerStatus } from "@doffin/core";
import { beforeAll, describe, expect, it } from "vitest";
import awardXml from "../../../fixtures/doffin/public-api/download/2022-319091.xml?raw";
import { runSweep } from "../src/sweep";
import { clearBucket, countingBucket, publicSource, request, rows } from "./contract-helpers";
import { activeCompetitionsInWindow, allEvents, clearDb, countingDb, emulator } from "./helpers";

const NOW = "2026-11-20T12:00:00.000Z";
const LATER = "2026-11-20T12:15:00.000Z";
const CORPUS = { seed: 41, count: 400, from: "2026-08-01", to: "2026-11-20", now: NOW };
const config = { windowDays: 7 };

const activeInWindow = () => activeCompetitionsInWindow(LATER);

const sweep = (now: string, bucket: R2Bucket, xml: Record<string, string> = {}, db = env.DB) =>
  runSweep({
    source: publicSource(xml),
    db,
    now: new Date(now),
    budget: 1000,
    config,
    contracts: { bucket },
  });

const contractWrites = (c: ReturnType<typeof countingDb>) =>
  c.writes().filter((w) => /contract_/i.test(w.sql));

describe("eForms contract store (Public API mode)", () => {
  let targets: NoticeSummary[] = [];
  beforeAll(async () => {
    await emulator.reset(CORPUS);
    await clearDb();
    await clearBucket();
    targets = await activeInWindow();
    expect(targets.length).toBeGreaterThanOrEqual(3);
    await emulator.resetStats();
  });

  it("downloads each new notice's XML once: raw XML in R2 under its hash, the parsed model in D1", async () => {
    const r2 = countingBucket();
    const r = await sweep(NOW, r2.bucket);
    expect(r.status).toBe("done");
    const notices = await rows<{ id: string }>("SELECT id FROM notices ORDER BY id");
    expect(notices.length).toBeGreaterThan(10);
    const stored = await rows<{ notice_id: string; xml_hash: string; r2_key: string; model: string | null }>(
      "SELECT notice_id, xml_hash, r2_key, model FROM contract_notices ORDER BY notice_id",
    );
    expect(stored.map((s) => s.notice_id)).toEqual(notices.map((n) => n.id));
    expect(r2.puts.sort()).toEqual(stored.map((s) => s.r2_key).sort());
    const stats = await emulator.stats();
    expect(stats.byRoute["public.download"]).toBe(notices.length);
    for (const s of stored.slice(0, 5)) {
      expect(s.model).not.toBeNull();
      const obj = await env.EFORMS.get(s.r2_key);
      const text = (await obj?.text()) ?? "";
      expect(s.r2_key).toBe(`eforms/${s.notice_id}/${await sha256Hex(text)}.xml`);
      expect(s.xml_hash).toBe(await sha256Hex(text));
    }
    const buyers = await rows<{ n: number }>(
      "SELECT COUNT(DISTINCT notice_id) AS n FROM contract_parties WHERE role = 'buyer'",
    );
    expect(buyers[0]?.n).toBe(notices.length);
    const models = stored.map((x) => JSON.parse(x.model ?? "{}") as { lots: unknown[] });
    const lots = await rows<{ n: number }>("SELECT COUNT(*) AS n FROM contract_lots");
    expect(lots[0]?.n).toBe(models.reduce((sum, m) => sum + m.lots.length, 0));
    // The later tests change notices this sweep tracks (the Public API window ends at its clock).
    const tracked = new Set(notices.map((n) => n.id));
    targets = targets.filter((t) => tracked.has(t.id));
    expect(targets.length).toBeGreaterThanOrEqual(4);
  });

  it("writes nothing and puts nothing when nothing changed", async () => {
    const r2 = countingBucket();
    const counter = countingDb();
    await emulator.resetStats();
    const r = await sweep(NOW, r2.bucket, {}, counter.db);
    expect(r.status).toBe("done");
    expect(r2.puts).toEqual([]);
    expect(counter.writes().every((w) => /sweeps/i.test(w.sql))).toBe(true);
    expect((await emulator.stats()).byRoute["public.download"] ?? 0).toBe(0);
  });

  it("re-downloads a changed notice only, and replaces its rows in the notice's batch", async () => {
    const a = targets[0] as NoticeSummary;
    await emulator.mutate(a.id, { op: "deadline", deadline: "2027-01-15T12:00:00Z" });
    await emulator.advance(60_000);
    const before = (
      await rows<{ xml_hash: string }>("SELECT xml_hash FROM contract_notices WHERE notice_id = ?", a.id)
    )[0];
    const r2 = countingBucket();
    const counter = countingDb();
    await emulator.resetStats();
    const r = await sweep(LATER, r2.bucket, {}, counter.db);
    expect(r.status).toBe("done");
    expect((await emulator.stats()).byRoute["public.download"]).toBe(1);
    const after = (
      await rows<{ xml_hash: string }>("SELECT xml_hash FROM contract_notices WHERE notice_id = ?", a.id)
    )[0];
    expect(after?.xml_hash).not.toBe(before?.xml_hash);
    expect(r2.puts).toEqual([`eforms/${a.id}/${after?.xml_hash}.xml`]);
    expect(new Set(contractWrites(counter).map((w) => String(w.args[0])))).toEqual(new Set([a.id]));
    const kinds = (await allEvents()).filter((e) => e.notice_id === a.id).map((e) => e.kind);
    expect(kinds).toEqual(["created", "deadline_changed"]);
  });

  it("records a correction as `corrected` on the corrected notice (BT-758), not withdrawn + created", async () => {
    const c = targets[1] as NoticeSummary;
    const { id: newId } = await emulator.mutate(c.id, {
      op: "correct",
      changes: { heading: "Ny overskrift" },
    });
    await emulator.advance(60_000);
    const r = await sweep(LATER, countingBucket().bucket);
    expect(r.status).toBe("done");
    const events = await allEvents();
    const onOld = events.filter((e) => e.notice_id === c.id);
    expect(onOld.map((e) => e.kind)).toEqual(["created", "corrected"]);
    const changes = JSON.parse(onOld[1]?.changes ?? "[]") as { field: string; after: unknown }[];
    expect(changes[0]).toEqual({ field: "correctedBy", before: null, after: newId });
    expect(changes.some((x) => x.field === "heading" && x.after === "Ny overskrift")).toBe(true);
    expect(events.filter((e) => e.notice_id === newId).map((e) => e.kind)).toEqual(["created"]);
    const contract = NoticeContract.parse(await (await request(`/v1/notices/${newId}/contract`)).json());
    expect(contract.change?.changedNoticeId).toMatch(/-01$/);
  });

  it("records an award result as `awarded` with winner and awarded value", async () => {
    const d = targets[2] as NoticeSummary;
    const { id: awardId } = await emulator.mutate(d.id, { op: "award" });
    await emulator.advance(60_000);
    // The emulator's generated XML has no results yet: the award notice is answered with a real
    // captured contract award notice (Ålesund kommune → AVONOVA HELSE AS, 17 000 000 NOK).
    const r = await sweep(LATER, countingBucket().bucket, { [awardId]: awardXml });
    expect(r.status).toBe("done");
    const awarded = (await allEvents()).filter((e) => e.notice_id === awardId && e.kind === "awarded");
    expect(awarded).toHaveLength(1);
    const changes = JSON.parse(awarded[0]?.changes ?? "[]") as { field: string; after: unknown }[];
    expect(changes.find((x) => x.field === "winners")?.after).toEqual([
      { lotId: "LOT-0000", winners: [{ name: "AVONOVA HELSE AS", orgNumber: "884039312" }] },
    ]);
    expect(changes.find((x) => x.field === "awardedValue")?.after).toEqual({
      amount: 17000000,
      currency: "NOK",
    });
    const res = await request(`/v1/notices/${awardId}/contract`);
    expect(res.status).toBe(200);
    const contract = NoticeContract.parse(await res.json());
    expect(contract.unavailable).toEqual([]);
    expect(contract.values.awarded).toEqual({ amount: 17000000, currency: "NOK" });
    expect(contract.parties).toContainEqual({
      role: "winner",
      name: "AVONOVA HELSE AS",
      orgNumber: "884039312",
      lotIds: ["LOT-0000"],
    });
    expect(contract.dataSources.map((s) => s.source)).toEqual(["public-api", "eforms-xml"]);
  });

  it("records the emulator's own award XML as `awarded` with the winner it was given", async () => {
    const f = targets[3] as NoticeSummary;
    const winner = { name: "Bygg og Anlegg Øst AS", organizationId: "912345670" };
    const { id: awardId } = await emulator.mutate(f.id, { op: "award", winners: [winner] });
    await emulator.advance(60_000);
    expect((await sweep(LATER, countingBucket().bucket)).status).toBe("done");
    const awarded = (await allEvents()).filter((e) => e.notice_id === awardId && e.kind === "awarded");
    expect(awarded).toHaveLength(1);
    const changes = JSON.parse(awarded[0]?.changes ?? "[]") as { field: string; after: unknown }[];
    const winners = changes.find((x) => x.field === "winners")?.after as { winners: unknown[] }[];
    expect(winners.length).toBeGreaterThan(0);
    for (const lot of winners)
      expect(lot.winners).toEqual([{ name: winner.name, orgNumber: winner.organizationId }]);
    const org = await request(`/v1/organizations/${winner.organizationId}`);
    expect(org.status).toBe(200);
  });

  it("records a broken XML as a parse error, keeps sweeping, and reports it", async () => {
    const e = targets[0] as NoticeSummary;
    await emulator.mutate(e.id, { op: "deadline", deadline: "2027-02-01T12:00:00Z" });
    await emulator.advance(60_000);
    const r = await sweep(LATER, countingBucket().bucket, {
      [e.id]: "<html><body>maintenance</body></html>",
    });
    expect(r.status).toBe("done");
    const contract = NoticeContract.parse(await (await request(`/v1/notices/${e.id}/contract`)).json());
    expect(contract.unavailableReason).toBe("parse_error");
    expect(contract.parseError?.reason).toBe("wrong_root");
    expect(contract.unavailable).toContain("lots");
    const status = TrackerStatus.parse(await (await request("/v1/tracker/status")).json());
    expect(status.contractData).toMatchObject({ mode: "eforms-xml", parseErrors: 1, pending: 0 });
  });
});
