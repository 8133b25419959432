import { describe, expect, it } from "vitest";
import {
  AlertEvent,
  alertEventId,
  alertItemOfJob,
  alertItemOfNotice,
  FeedEvent,
  type JobSummary,
  matchChangedEvent,
  matchNewEvent,
  type NoticeSummary,
  reminderEvent,
} from "../src/index";

/** Alert events: deterministic idempotency ids, and builders whose output is a valid AlertEvent. */

const search = { id: "ss_abcdefghijklmnopqrst", name: "IT i Vestland" };
const notice = {
  id: "2026-107918",
  url: "https://www.doffin.no/notices/2026-107918",
  heading: "Rammeavtale IT-drift",
  deadline: "2026-12-20T12:00:00Z",
  status: "ACTIVE",
} as NoticeSummary;

describe("alertEventId", () => {
  it("is 32 lower-case hex, the same for the same parts, different for any other part", async () => {
    const parts = { searchId: "ss_a", itemId: "2026-107918", type: "match.new" as const, key: "new" };
    const id = await alertEventId(parts);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(await alertEventId({ ...parts })).toBe(id);
    const others = await Promise.all([
      alertEventId({ ...parts, searchId: "ss_b" }),
      alertEventId({ ...parts, itemId: "2026-107919" }),
      alertEventId({ ...parts, type: "match.changed" }),
      alertEventId({ ...parts, key: "evt_1" }),
      // the separator keeps shifted boundaries apart
      alertEventId({ ...parts, searchId: "ss_a2026-107918", itemId: "" }),
    ]);
    expect(new Set([id, ...others]).size).toBe(6);
  });
});

describe("event builders", () => {
  it("match.new: one id per (search, item), a valid AlertEvent", async () => {
    const a = await matchNewEvent({
      search,
      item: alertItemOfNotice(notice),
      createdAt: "2026-11-20T10:00:00Z",
    });
    const b = await matchNewEvent({
      search,
      item: alertItemOfNotice(notice),
      createdAt: "2026-11-21T10:00:00Z",
    });
    expect(AlertEvent.parse(a)).toEqual(a);
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({
      type: "match.new",
      item: {
        source: "notices",
        id: "2026-107918",
        title: "Rammeavtale IT-drift",
        deadline: "2026-12-20T12:00:00Z",
      },
      changes: [],
      ocdsTag: null,
      reminder: null,
    });
  });

  it("match.changed from a change-feed event: its changes, its OCDS tag, its time; one id per change event", async () => {
    const change = FeedEvent.parse({
      id: "evt_9",
      noticeId: "2026-107918",
      detectedAt: "2026-11-25T10:00:00Z",
      kind: "awarded",
      changes: [{ field: "status", before: "ACTIVE", after: "AWARDED" }],
      from: "ACTIVE",
      to: "AWARDED",
      ocds: { tags: ["award"], release: null },
    });
    const e = await matchChangedEvent({ search, item: alertItemOfNotice(notice), change });
    expect(AlertEvent.parse(e)).toEqual(e);
    expect(e).toMatchObject({ type: "match.changed", createdAt: "2026-11-25T10:00:00Z", ocdsTag: "award" });
    expect(e.changes).toEqual(change.changes);
    const other = await matchChangedEvent({
      search,
      item: alertItemOfNotice(notice),
      change: { ...change, id: "evt_10" },
    });
    expect(other.id).not.toBe(e.id);
    const noTag = await matchChangedEvent({
      search,
      item: alertItemOfNotice(notice),
      change: { ...change, ocds: undefined },
    });
    expect(noTag.ocdsTag).toBeNull();
  });

  it("deadline.reminder: the reminder and its deadline; a moved deadline gives a new id", async () => {
    const item = alertItemOfNotice(notice);
    const r = await reminderEvent({
      search,
      item,
      reminder: { key: "t1:2026-12-20T12:00:00Z", daysBefore: 1 },
      createdAt: "2026-12-19T12:00:00Z",
    });
    expect(AlertEvent.parse(r).reminder).toEqual({ daysBefore: 1, deadline: "2026-12-20T12:00:00Z" });
    const moved = await reminderEvent({
      search,
      item,
      reminder: { key: "t1:2026-12-27T12:00:00Z", daysBefore: 1 },
      createdAt: "2026-12-26T12:00:00Z",
    });
    expect(moved.id).not.toBe(r.id);
  });

  it("a job ad's item: uuid, link, due date", () => {
    const job = {
      uuid: "6f1c1a52-3b0e-4c1f-9a4e-2d7c2b3a9e10",
      title: "Sykepleier",
      link: "https://arbeidsplassen.nav.no/stillinger/stilling/6f1c1a52-3b0e-4c1f-9a4e-2d7c2b3a9e10",
      applicationDueDate: "2026-12-15",
      expires: "2026-12-31T23:00:00.000Z",
    } as JobSummary;
    expect(alertItemOfJob(job, "active")).toEqual({
      source: "jobs",
      id: job.uuid,
      title: "Sykepleier",
      url: job.link,
      deadline: "2026-12-15",
      status: "active",
    });
    expect(alertItemOfJob({ ...job, applicationDueDate: null }).deadline).toBe("2026-12-31T23:00:00.000Z");
  });
});
