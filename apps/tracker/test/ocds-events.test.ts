import { env } from "cloudflare:workers";
import { ChangesFeed, type FeedEvent, type NoticeSummary, ocdsTagsOf } from "@doffin/core";
import { beforeAll, describe, expect, it } from "vitest";
import awardXml from "../../../fixtures/doffin/public-api/download/2022-319091.xml?raw";
import { runSweep } from "../src/sweep";
import { clearBucket, publicSource, request } from "./contract-helpers";
import { activeCompetitionsInWindow, clearDb, emulator } from "./helpers";
import { getJson } from "./ocds-helpers";

const NOW = "2026-11-20T12:00:00.000Z";
const LATER = "2026-11-20T12:15:00.000Z";

const sweep = (now: string, xml: Record<string, string> = {}) =>
  runSweep({
    source: publicSource(xml),
    db: env.DB,
    now: new Date(now),
    budget: 1000,
    config: { windowDays: 7 },
    contracts: { bucket: env.EFORMS },
  });

async function feed(): Promise<FeedEvent[]> {
  const items: FeedEvent[] = [];
  let cursor: string | null = null;
  do {
    const res = await request(`/v1/changes?limit=100${cursor ? `&cursor=${cursor}` : ""}`, false);
    const page = ChangesFeed.parse(await res.json());
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe("change events carry their OCDS release tag and link their release", () => {
  let t: NoticeSummary[] = [];
  let awardId = "";
  beforeAll(async () => {
    await emulator.reset({ seed: 43, count: 300, from: "2026-08-01", to: "2026-11-20", now: NOW });
    await clearDb();
    await clearBucket();
    expect((await sweep(NOW)).status).toBe("done");
    // The ones the first sweep tracked (the Public API window ends at its clock).
    const tracked = new Set((await feed()).map((e) => e.noticeId));
    t = (await activeCompetitionsInWindow(LATER)).filter((n) => tracked.has(n.id));
    expect(t.length).toBeGreaterThanOrEqual(3);
    await emulator.mutate(t[0]?.id ?? "", { op: "deadline", deadline: "2027-01-15T12:00:00Z" });
    await emulator.mutate(t[1]?.id ?? "", { op: "status", status: "CANCELLED" });
    awardId = (await emulator.mutate(t[2]?.id ?? "", { op: "award" })).id;
    await emulator.advance(60_000);
    expect((await sweep(LATER, { [awardId]: awardXml })).status).toBe("done");
  });

  it("tags each kind as the OCDS release of that stage", async () => {
    const items = await feed();
    const of = (id: string | undefined, kind: string) =>
      items.find((e) => e.noticeId === id && e.kind === kind);
    expect(of(t[0]?.id, "created")?.ocds?.tags).toEqual(["tender"]);
    expect(of(t[0]?.id, "deadline_changed")?.ocds?.tags).toEqual(["tenderAmendment"]);
    expect(of(t[1]?.id, "cancelled")?.ocds?.tags).toEqual(["tenderCancellation"]);
    expect(of(awardId, "created")?.ocds?.tags).toEqual(["award", "contract"]);
    for (const e of items) expect(e.ocds?.tags.length, e.kind).toBeGreaterThan(0);
  });

  it("links the notice's stored release, which /ocds/releases/{id} serves", async () => {
    const items = await feed();
    const linked = items.filter((e) => e.ocds?.release);
    expect(linked.length).toBeGreaterThan(items.length / 2);
    for (const e of linked.slice(0, 15)) {
      const { status, body } = await getJson(e.ocds?.release ?? "");
      expect(status).toBe(200);
      const stored = await env.DB.prepare("SELECT notice_id FROM ocds_releases WHERE release_id = ?")
        .bind(body.releases?.[0]?.id)
        .first<{ notice_id: string }>();
      expect(stored?.notice_id).toBe(e.noticeId);
    }
  });

  it("maps kinds by stage", () => {
    expect(ocdsTagsOf("text_changed", "ADVISORY_NOTICE")).toEqual(["planningUpdate"]);
    expect(ocdsTagsOf("status_changed", "ANNOUNCEMENT_OF_COMPETITION")).toEqual(["tenderUpdate"]);
    expect(ocdsTagsOf("awarded", "ANNOUNCEMENT_OF_COMPETITION")).toEqual(["award"]);
    expect(ocdsTagsOf("corrected", "ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT")).toEqual(["awardUpdate"]);
    expect(ocdsTagsOf("withdrawn", "ANNOUNCEMENT_OF_INTENT")).toEqual(["awardCancellation"]);
    expect(ocdsTagsOf("created", "PLANNING")).toEqual(["planning"]);
  });
});
