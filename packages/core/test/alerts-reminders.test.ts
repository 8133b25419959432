import { describe, expect, it } from "vitest";
import { dueReminders, reminderKey } from "../src/index";

/** Deadline reminders: T-7 and T-1 each once, following a moved deadline, never after the deadline. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DEADLINE = "2026-12-20T11:00:00Z";
const D = Date.parse(DEADLINE);

/** Runs an hourly tick from `fromMs` to `toMs`, recording what fires, like the tracker's cron would. */
const simulate = (deadlineAt: (now: number) => string, fromMs: number, toMs: number) => {
  const sent: string[] = [];
  const fired: { at: number; key: string; daysBefore: number }[] = [];
  for (let now = fromMs; now <= toMs; now += HOUR) {
    for (const r of dueReminders(deadlineAt(now), now, sent)) {
      sent.push(r.key);
      fired.push({ at: now, ...r });
    }
  }
  return fired;
};

describe("dueReminders", () => {
  it("fires T-7 and T-1 each exactly once, at their moment, over hourly ticks", () => {
    const fired = simulate(() => DEADLINE, D - 10 * DAY, D + 3 * DAY);
    expect(fired).toEqual([
      { at: D - 7 * DAY, key: `t7:${DEADLINE}`, daysBefore: 7 },
      { at: D - DAY, key: `t1:${DEADLINE}`, daysBefore: 1 },
    ]);
  });

  it("is nothing before T-7, T-7 alone between T-7 and T-1", () => {
    expect(dueReminders(DEADLINE, D - 7 * DAY - 1, [])).toEqual([]);
    expect(dueReminders(DEADLINE, D - 7 * DAY, [])).toEqual([
      { key: reminderKey(7, DEADLINE), daysBefore: 7 },
    ]);
    expect(dueReminders(DEADLINE, D - 2 * DAY, [reminderKey(7, DEADLINE)])).toEqual([]);
  });

  it("sends none at or after the deadline, even if never sent", () => {
    expect(dueReminders(DEADLINE, D, [])).toEqual([]);
    expect(dueReminders(DEADLINE, D + DAY, [])).toEqual([]);
  });

  it("a first tick after T-1 sends both missed reminders once (per the shared design)", () => {
    expect(dueReminders(DEADLINE, D - 12 * HOUR, [])).toEqual([
      { key: `t7:${DEADLINE}`, daysBefore: 7 },
      { key: `t1:${DEADLINE}`, daysBefore: 1 },
    ]);
  });

  it("follows a moved deadline: new keys, the new moments, nothing for the old deadline", () => {
    const moved = "2026-12-27T11:00:00Z";
    const M = Date.parse(moved);
    // The deadline moves a week later at T-3 days, after T-7 was sent for the old one.
    const fired = simulate((now) => (now < D - 3 * DAY ? DEADLINE : moved), D - 10 * DAY, M + DAY);
    expect(fired).toEqual([
      { at: D - 7 * DAY, key: `t7:${DEADLINE}`, daysBefore: 7 },
      // the new T-7 (= old T+0) and T-1
      { at: M - 7 * DAY, key: `t7:${moved}`, daysBefore: 7 },
      { at: M - DAY, key: `t1:${moved}`, daysBefore: 1 },
    ]);
  });

  it("a deadline moved earlier fires the new reminders that are due at once", () => {
    const earlier = "2026-12-15T11:00:00Z";
    const E = Date.parse(earlier);
    const fired = simulate((now) => (now < E - 3 * DAY ? DEADLINE : earlier), E - 4 * DAY, E + DAY);
    expect(fired.map((f) => f.key)).toEqual([`t7:${earlier}`, `t1:${earlier}`]);
    expect(fired[0]?.at).toBe(E - 3 * DAY);
    expect(fired[1]?.at).toBe(E - DAY);
  });

  it("has no reminders for an unreadable deadline", () => {
    expect(dueReminders("Snarest", D - 2 * DAY, [])).toEqual([]);
  });
});
