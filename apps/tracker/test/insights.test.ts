import { env } from "cloudflare:workers";
import { Insights } from "@doffin/contracts/insights";
import {
  addDays,
  type CanonicalSnapshot,
  ErrorEnvelope,
  getLocation,
  osloDate,
  ROLL_UP_OF,
  ROLL_UP_TYPES,
} from "@doffin/core";
import { beforeAll, describe, expect, it } from "vitest";
import { isoWeek } from "../src/db/insights";
import { runSweep } from "../src/sweep";
import { clearBucket, publicSource, request, rows } from "./contract-helpers";
import { clearDb, emulator, source } from "./helpers";

const NOW = "2026-11-20T12:00:00.000Z";
const CORPUS = { seed: 47, count: 500, from: "2026-06-01", to: "2026-11-20", now: NOW };
const FROM = "2026-07-01";
const TO = "2026-10-31";

type Row = { id: string; snapshot: string; published_on: string | null; state: string };
type Tender = { notice_id: string; amount: number | null; currency: string | null; won: number };

const get = async (path: string, init?: RequestInit) => {
  const { createApp } = await import("../src/app");
  return createApp().request(path, init ?? {}, env);
};

/** The figures computed the slow way: every stored row read into JS and counted by hand. */
async function bruteForce(from: string, to: string, type: string | null) {
  const notices = (await rows<Row>("SELECT id, snapshot, published_on, state FROM notices"))
    .map((r) => ({ ...r, snap: JSON.parse(r.snapshot) as CanonicalSnapshot }))
    .filter(
      (r) =>
        r.state === "active" &&
        r.published_on !== null &&
        r.published_on >= from &&
        r.published_on <= to &&
        (type === null || r.snap.allTypes.includes(type)),
    );
  const lotCpvs = new Map<string, string[]>();
  for (const l of await rows<{ notice_id: string; main_cpv: string }>(
    "SELECT notice_id, main_cpv FROM contract_lots WHERE main_cpv IS NOT NULL",
  ))
    lotCpvs.set(l.notice_id, [...(lotCpvs.get(l.notice_id) ?? []), l.main_cpv]);
  const weeks = new Map<string, Record<string, number>>();
  const counties = new Map<string, number>();
  const divisions = new Map<string, number>();
  const buyers = new Map<string, { count: number; newest: string; name: string }>();
  for (const n of notices) {
    const { week } = isoWeek(n.published_on ?? "");
    const w = weeks.get(week) ?? { PLANNING: 0, COMPETITION: 0, RESULT: 0 };
    const concrete = n.snap.type as keyof typeof ROLL_UP_OF;
    const group =
      type ??
      ((ROLL_UP_TYPES as readonly string[]).includes(n.snap.type) ? n.snap.type : ROLL_UP_OF[concrete]);
    if (group) w[group] = (w[group] ?? 0) + 1;
    weeks.set(week, w);
    for (const code of n.snap.locations)
      if (getLocation(code)?.level === 3) counties.set(code, (counties.get(code) ?? 0) + 1);
    const lotCpv = lotCpvs.get(n.id) ?? [];
    for (const d of new Set([...(n.snap.detail?.cpvCodes ?? []), ...lotCpv].map((c) => c.slice(0, 2))))
      divisions.set(d, (divisions.get(d) ?? 0) + 1);
    for (const org of new Set(n.snap.buyers.flatMap((b) => (b.orgNumber ? [b.orgNumber] : [])))) {
      const key = `${n.published_on} ${n.id}`;
      const b = buyers.get(org) ?? { count: 0, newest: "", name: "" };
      b.count++;
      if (key > b.newest) {
        b.newest = key;
        b.name = n.snap.buyers.find((x) => x.orgNumber === org)?.name ?? "";
      }
      buyers.set(org, b);
    }
  }
  const ids = new Map(notices.map((n) => [n.id, n.published_on ?? ""]));
  const awards = new Map<string, { total: number; count: number }>();
  for (const t of await rows<Tender>("SELECT notice_id, amount, currency, won FROM contract_tenders")) {
    const day = ids.get(t.notice_id);
    if (!day || t.won !== 1 || t.amount === null || t.currency === null) continue;
    const key = `${day.slice(0, 7)} ${t.currency}`;
    const a = awards.get(key) ?? { total: 0, count: 0 };
    a.total += t.amount;
    a.count++;
    awards.set(key, a);
  }
  return { notices: notices.length, weeks, counties, divisions, buyers, awards };
}

async function insights(query: string) {
  const res = await get(`/v1/insights?${query}`);
  expect(res.status, query).toBe(200);
  return { res, body: Insights.parse(await res.json()) };
}

async function expect400(query: string, issuePath: string) {
  const res = await get(`/v1/insights?${query}`);
  expect(res.status, query).toBe(400);
  const body = ErrorEnvelope.parse(await res.json());
  expect(body.error.code).toBe("invalid_request");
  expect(body.error.requestId).toEqual(expect.any(String));
  expect(
    body.error.issues?.map((i) => i.path),
    `${query}: ${JSON.stringify(body.error.issues)}`,
  ).toContain(issuePath);
}

describe("GET /v1/insights", () => {
  beforeAll(async () => {
    await emulator.reset(CORPUS);
    await clearDb();
    await clearBucket();
    const sweep = () =>
      runSweep({
        source: publicSource(),
        db: env.DB,
        now: new Date(NOW),
        budget: 5000,
        config: { windowDays: 200 },
        contracts: { bucket: env.EFORMS },
      });
    expect((await sweep()).status).toBe("done");
    // One withdrawn notice: it must drop out of every figure.
    const [first] = await rows<{ id: string }>(
      "SELECT id FROM notices WHERE published_on BETWEEN ? AND ? ORDER BY id LIMIT 1",
      FROM,
      TO,
    );
    await env.DB.prepare("UPDATE notices SET state = 'withdrawn' WHERE id = ?").bind(first?.id).run();
  });

  it("has enough stored data for the comparison to mean something", async () => {
    const expected = await bruteForce(FROM, TO, null);
    expect(expected.notices).toBeGreaterThan(100);
    expect(expected.divisions.size).toBeGreaterThan(3);
    expect(expected.buyers.size).toBeGreaterThan(3);
    expect(expected.awards.size, "contract_tenders with won values in the window").toBeGreaterThan(0);
  });

  for (const type of [null, "COMPETITION", "RESULT"] as const)
    it(`counts what a brute-force count over the stored rows counts (type ${type ?? "all"})`, async () => {
      const { body } = await insights(`from=${FROM}&to=${TO}${type ? `&type=${type}` : ""}`);
      const expected = await bruteForce(FROM, TO, type);
      expect(body).toMatchObject({ from: FROM, to: TO, type });

      // Weekly: every ISO week touching the window, consecutive Mondays, sums per group.
      expect(body.weekly[0]?.start).toBe(isoWeek(FROM).start);
      expect(body.weekly.at(-1)?.start).toBe(isoWeek(TO).start);
      body.weekly.forEach((w, i) => {
        if (i > 0) expect(w.start).toBe(addDays(body.weekly[i - 1]?.start ?? "", 7));
        const want = expected.weeks.get(w.week) ?? { PLANNING: 0, COMPETITION: 0, RESULT: 0 };
        expect({ week: w.week, PLANNING: w.PLANNING, COMPETITION: w.COMPETITION, RESULT: w.RESULT }).toEqual({
          week: w.week,
          ...want,
        });
      });
      const weeklyTotal = body.weekly.reduce((s, w) => s + w.PLANNING + w.COMPETITION + w.RESULT, 0);
      expect(weeklyTotal).toBe(expected.notices);

      expect(Object.fromEntries(body.counties.map((c) => [c.code, c.count]))).toEqual(
        Object.fromEntries(expected.counties),
      );
      for (const c of body.counties) expect(c.name).toBe(getLocation(c.code)?.nameNb);

      const topDivisions = [...expected.divisions]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 15);
      expect(body.cpvDivisions.map((d) => [d.code, d.count])).toEqual(topDivisions);
      for (const d of body.cpvDivisions) expect(d.label).not.toBe(d.code);

      const topBuyers = [...expected.buyers]
        .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
        .slice(0, 15)
        .map(([orgNumber, b]) => ({ orgNumber, name: b.name, count: b.count }));
      expect(body.buyers).toEqual(topBuyers);

      const awards = [...expected.awards]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([key, a]) => {
          const [month, currency] = key.split(" ");
          return { month, currency, total: a.total, count: a.count };
        });
      expect(body.awardValues.map((a) => ({ ...a, total: expect.closeTo(a.total, 2) }))).toEqual(
        awards.map((a) => ({ ...a, total: expect.closeTo(a.total, 2) })),
      );
      if (type === "COMPETITION")
        expect(body.weekly.every((w) => w.RESULT === 0 && w.PLANNING === 0)).toBe(true);
    });

  it("defaults to the 26 weeks up to today in Oslo", async () => {
    const { body } = await insights("");
    const today = osloDate(Date.now());
    expect(body).toMatchObject({ to: today, from: addDays(today, -181), type: null });
    expect(body.weekly.length).toBeGreaterThanOrEqual(26);
    const { body: fromOnly } = await insights(`to=${TO}`);
    expect(fromOnly.from).toBe(addDays(TO, -181));
  });

  it("answers 304 to its ETag while the store is unchanged, and a new ETag after a change", async () => {
    const q = `from=${FROM}&to=${TO}`;
    const { res } = await insights(q);
    const etag = res.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const again = await get(`/v1/insights?${q}`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const [one] = await rows<{ id: string }>(
      "SELECT id FROM notices WHERE state = 'active' AND published_on BETWEEN ? AND ? ORDER BY id LIMIT 1",
      FROM,
      TO,
    );
    await env.DB.prepare("UPDATE notices SET state = 'withdrawn' WHERE id = ?").bind(one?.id).run();
    const changed = await get(`/v1/insights?${q}`, { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    await env.DB.prepare("UPDATE notices SET state = 'active' WHERE id = ?").bind(one?.id).run();
  });

  it("refuses bad windows and parameters with the 400 envelope", async () => {
    await expect400("from=2026-02-30", "query.from");
    await expect400("from=01.07.2026", "query.from");
    await expect400("to=2026-13-01", "query.to");
    await expect400("from=2026-11-01&to=2026-10-01", "query.from");
    await expect400("from=2024-01-01&to=2026-01-01", "query.to");
    await expect400(`from=${addDays(osloDate(Date.now()), 2)}`, "query.from");
    await expect400("type=ANNOUNCEMENT_OF_COMPETITION", "query.type");
    await expect400("from=2026-01-01&from=2026-02-01", "query.from");
    await expect400("since=2026-01-01", "query");
    // Exactly two years is allowed.
    await insights("from=2024-01-01&to=2025-12-31");
  });

  it("is served through the Worker's fetch handler and refuses other methods", async () => {
    const res = await request(`/v1/insights?from=${FROM}&to=${TO}`, false);
    expect(res.status).toBe(200);
    Insights.parse(await res.json());
    const post = await get("/v1/insights", { method: "POST" });
    expect(post.status).toBe(405);
    expect(ErrorEnvelope.parse(await post.json()).error.code).toBe("method_not_allowed");
  });
});

describe("GET /v1/insights over a web-client sweep (CPV from the notice detail)", () => {
  beforeAll(async () => {
    await emulator.reset({ ...CORPUS, count: 150 });
    await clearDb();
    const run = await runSweep({
      source: source(),
      db: env.DB,
      now: new Date(NOW),
      budget: 5000,
      config: { windowDays: 200 },
    });
    expect(run.status).toBe("done");
  });

  it("counts CPV divisions, buyers and weeks as the stored snapshots say", async () => {
    const expected = await bruteForce(FROM, TO, null);
    expect(expected.divisions.size).toBeGreaterThan(3);
    const { body } = await insights(`from=${FROM}&to=${TO}`);
    const top = [...expected.divisions].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 15);
    expect(body.cpvDivisions.map((d) => [d.code, d.count])).toEqual(top);
    expect(body.weekly.reduce((s, w) => s + w.PLANNING + w.COMPETITION + w.RESULT, 0)).toBe(expected.notices);
    expect(body.buyers.reduce((s, b) => s + b.count, 0)).toBeGreaterThan(0);
    expect(body.awardValues).toEqual([]);
  });
});
