import { env } from "cloudflare:workers";
import type { NoticeSummary } from "@doffin/core";
import { describe, expect, it } from "vitest";
import awardXml from "../../../fixtures/doffin/public-api/download/2022-319091.xml?raw";
import { runSweep } from "../src/sweep";
import { clearBucket, publicSource, rows } from "./contract-helpers";
import { crashCorpus, eventKinds, expectConvergesAtEveryCut, LATER, NOW } from "./crash-support";
import { allEvents, clearDb, emulator, eventSet, failingAfter, source, untilDone } from "./helpers";

/** crash.test.ts's pattern in Public API mode: every cut-off point of the sweep that downloads XML. */

const CORPUS = crashCorpus(53);
const config = { windowDays: 7 };

const sweepOnce = (now: string, s = publicSource(xml)) =>
  runSweep({
    source: s,
    db: env.DB,
    now: new Date(now),
    budget: 1000,
    config,
    contracts: { bucket: env.EFORMS },
  });

let xml: Record<string, string> = {};

const sweepToEnd = (now: string) => untilDone(() => sweepOnce(now));

async function mutate() {
  const tracked = new Set((await rows<{ id: string }>("SELECT id FROM notices")).map((r) => r.id));
  const res = await source().search({
    statuses: ["ACTIVE"],
    publishedFrom: "2026-11-14",
    publishedTo: "2026-11-20",
    limit: 100,
    sort: "published_asc",
  });
  const [a, c, d, w] = res.items.filter(
    (h) => tracked.has(h.id) && h.deadline && h.deadline > LATER,
  ) as NoticeSummary[];
  if (!a || !c || !d || !w) throw new Error("corpus has too few tracked active notices in the window");
  await emulator.mutate(a.id, { op: "deadline", deadline: "2027-01-15T12:00:00Z" });
  await emulator.mutate(c.id, { op: "correct", changes: { heading: "Ny overskrift" } });
  const award = await emulator.mutate(d.id, { op: "award" });
  xml = { [award.id]: awardXml };
  await emulator.mutate(w.id, { op: "withdraw" });
  await emulator.advance(15 * 60_000);
}

/** What a run must reproduce: events, contract rows and R2 objects. */
async function storeState() {
  const contracts = await rows<{ notice_id: string; xml_hash: string | null; model: string | null }>(
    "SELECT notice_id, xml_hash, model FROM contract_notices ORDER BY notice_id",
  );
  const parties = await rows<Record<string, unknown>>(
    "SELECT * FROM contract_parties ORDER BY notice_id, role, org_ref, result_id, tender_id",
  );
  const objects = (await env.EFORMS.list({ limit: 1000 })).objects.map((o) => o.key).sort();
  return { events: eventSet(await allEvents()), contracts, parties, objects };
}

async function scenario(k: number | null) {
  xml = {};
  await emulator.reset(CORPUS);
  await clearDb();
  await clearBucket();
  const first = await sweepToEnd(NOW);
  await mutate();
  if (k !== null) await sweepOnce(LATER, failingAfter(publicSource(xml), k));
  const second = await sweepToEnd(LATER);
  return { ...(await storeState()), first, second };
}

describe("crash safety of the contract store", () => {
  it("converges to the uninterrupted events, rows and R2 objects whenever the XML sweep is cut off", async () => {
    const clean = await scenario(null);
    expect(eventKinds(clean.events)).toEqual(
      new Set(["created", "deadline_changed", "corrected", "awarded", "withdrawn"]),
    );
    const calls = clean.second.upstreamRequests;
    expect(calls).toBeGreaterThan(4);
    await expectConvergesAtEveryCut(clean, calls, scenario, ["events", "contracts", "parties", "objects"]);
  });
});
