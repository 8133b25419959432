import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { runSweep } from "../src/sweep";
import { clearBucket, publicSource, rows } from "./contract-helpers";
import { clearDb, emulator } from "./helpers";
import { allPages, crawl, freshCompetition, getJson, model, schemaErrors, store, XML } from "./ocds-helpers";

const NOW = "2026-11-20T12:00:00.000Z";
const PROCEDURE = "7c1f0e2a-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
const OCID = `ocds-xxxxxx-${PROCEDURE}`;

/** PIN → competition → two change notices → award of one procedure (real XML, re-homed). */
const fiveNotices = () => {
  const inProc = (xml: string, doffinId: string, noticeId: string, at: string, patch = {}) =>
    model(xml, doffinId, { procedureId: PROCEDURE, noticeId, dispatchedAt: at, ...patch });
  return [
    inProc(XML.pin, "2026-800001", "n1-pin", "2026-01-10T09:00:00Z"),
    inProc(XML.competition, "2026-800002", "n2-competition", "2026-02-01T09:00:00Z"),
    inProc(XML.change1, "2026-800003", "n3-change", "2026-02-10T09:00:00Z", {
      changes: {
        changedNoticeId: "n2-competition",
        reasonCode: "update-add",
        description: "Frist",
        sections: ["LOT-0001"],
      },
    }),
    inProc(XML.change2, "2026-800004", "n4-change", "2026-02-20T09:00:00Z"),
    inProc(XML.award, "2026-800005", "n5-award", "2026-04-01T09:00:00Z"),
  ];
};

describe("OCDS storage: the sweep writes releases and records with the contract data", () => {
  beforeAll(async () => {
    await emulator.reset({ seed: 41, count: 300, from: "2026-08-01", to: "2026-11-20", now: NOW });
    await clearDb();
    await clearBucket();
  });

  it("stores one or more releases per readable notice, in the notice's batch", async () => {
    const r = await runSweep({
      source: publicSource(),
      db: env.DB,
      now: new Date(NOW),
      budget: 1000,
      config: { windowDays: 7 },
      contracts: { bucket: env.EFORMS },
    });
    expect(r.status).toBe("done");
    const notices = await rows<{ n: number }>(
      "SELECT COUNT(*) AS n FROM contract_notices WHERE model IS NOT NULL",
    );
    const withRelease = await rows<{ n: number }>("SELECT COUNT(DISTINCT notice_id) AS n FROM ocds_releases");
    expect(notices[0]?.n).toBeGreaterThan(10);
    // Every readable notice maps to a release except form types the profile publishes none for (bri).
    const unmapped = await rows<{ notice_id: string; form_type: string }>(
      "SELECT notice_id, form_type FROM contract_notices WHERE model IS NOT NULL AND notice_id NOT IN (SELECT notice_id FROM ocds_releases)",
    );
    expect(unmapped.every((u) => u.form_type === "bri")).toBe(true);
    expect((withRelease[0]?.n ?? 0) + unmapped.length).toBe(notices[0]?.n);
    // Each release has its record row and facets.
    const orphans = await rows<{ n: number }>(
      "SELECT COUNT(*) AS n FROM ocds_releases r WHERE NOT EXISTS (SELECT 1 FROM ocds_records o WHERE o.ocid = r.ocid)",
    );
    expect(orphans[0]?.n).toBe(0);
    const tags = await rows<{ n: number }>(
      "SELECT COUNT(DISTINCT seq) AS n FROM ocds_facets WHERE kind = 'tag'",
    );
    expect(tags[0]?.n).toBe((await rows<{ n: number }>("SELECT COUNT(*) AS n FROM ocds_releases"))[0]?.n);
  });

  it("re-storing a notice replaces its releases (a new seq, no duplicate)", async () => {
    const [before] = await rows<{ n: number; max: number }>(
      "SELECT COUNT(*) AS n, MAX(seq) AS max FROM ocds_releases",
    );
    const one = (
      await rows<{ notice_id: string }>("SELECT notice_id FROM ocds_releases ORDER BY seq LIMIT 1")
    )[0];
    const stored = await rows<{ model: string }>(
      "SELECT model FROM contract_notices WHERE notice_id = ?",
      one?.notice_id,
    );
    await store(one?.notice_id ?? "", JSON.parse(stored[0]?.model ?? "{}"));
    const [after] = await rows<{ n: number; max: number }>(
      "SELECT COUNT(*) AS n, MAX(seq) AS max FROM ocds_releases",
    );
    expect(after?.n).toBe(before?.n);
    const moved = await rows<{ seq: number }>(
      "SELECT seq FROM ocds_releases WHERE notice_id = ?",
      one?.notice_id,
    );
    expect(moved.every((m) => m.seq > (before?.max ?? 0))).toBe(true);
  });

  it("a procedure with a PIN, a competition, two change notices and an award is one record of all five", async () => {
    for (const [i, m] of fiveNotices().entries()) await store(`2026-80000${i + 1}`, m);
    const { status, body } = await getJson(`/ocds/records/${OCID}`);
    expect(status).toBe(200);
    expect(body.version).toBe("1.1");
    const record = body.records?.[0];
    expect(body.records).toHaveLength(1);
    expect(record?.releases.map((r) => r.id)).toEqual([
      "n1-pin",
      "n2-competition",
      "n3-change",
      "n4-change",
      "n5-award",
    ]);
    expect(record?.compiledRelease.tag).toEqual(["compiled"]);
    // The same record through the list, filtered by ocid, and with linked releases.
    const listed = await getJson(`/ocds/records?ocid=${OCID}&embed=false`);
    expect(listed.status).toBe(200);
    const links = listed.body.records?.[0]?.releases ?? [];
    expect(links).toHaveLength(5);
    for (const l of links) {
      expect(l.url).toMatch(/\/ocds\/releases\/n\d-/);
      const one = await getJson(new URL(l.url ?? "").pathname);
      expect(one.status).toBe(200);
      expect(one.body.releases?.[0]?.ocid).toBe(OCID);
    }
  });

  it("a crawl from updated_since following links.next while the tracker writes sees every release exactly once", async () => {
    const start = new Date(Date.now() - 1000).toISOString();
    // Releases written before the crawl starts, after `start`.
    for (let i = 0; i < 7; i++)
      await store(`2026-91${String(i).padStart(4, "0")}`, freshCompetition(`a${i}`, "2026-11-01T10:00:00Z"));
    let written = 0;
    const { seen, pages } = await crawl(`/ocds/releases?updated_since=${start}&page_size=3`, async (page) => {
      // Two new notices after each of the first five pages: they must show up later in this crawl.
      if (page >= 5) return;
      for (let k = 0; k < 2; k++) {
        written++;
        await store(
          `2026-92${String(written).padStart(4, "0")}`,
          freshCompetition(`b${written}`, "2026-11-02T10:00:00Z"),
        );
      }
    });
    expect(written).toBe(10);
    expect(pages).toBeGreaterThan(5);
    expect(new Set(seen).size).toBe(seen.length); // no duplicates
    const expected = await rows<{ release_id: string }>(
      "SELECT release_id FROM ocds_releases WHERE stored_at >= ? ORDER BY seq",
      start,
    );
    expect(seen).toEqual(expected.map((e) => e.release_id)); // none missing, in write order
    expect(seen).toContain("notice-b10");
  });

  it("pages the whole corpus without gaps and serves each release by id", async () => {
    const { seen } = await crawl("/ocds/releases?page_size=1000");
    const all = await rows<{ release_id: string }>("SELECT release_id FROM ocds_releases ORDER BY seq");
    expect(seen).toEqual(all.map((a) => a.release_id));
    const small = await crawl("/ocds/releases?page_size=7");
    expect(small.seen).toEqual(seen);
  });

  it("every release and record package served validates against OCDS 1.1.5 and the eForms profile", async () => {
    const releasePages = await allPages("/ocds/releases?page_size=25");
    expect(releasePages.length).toBeGreaterThan(1);
    for (const p of releasePages) {
      expect(await schemaErrors("releasePackage", p)).toEqual([]);
      expect(await schemaErrors("profileReleasePackage", p)).toEqual([]);
    }
    for (const embed of ["true", "false"]) {
      const recordPages = await allPages(`/ocds/records?page_size=20&embed=${embed}`);
      const records = recordPages.flatMap((p) => p.records ?? []);
      expect(records.length).toBe(
        (await rows<{ n: number }>("SELECT COUNT(DISTINCT ocid) AS n FROM ocds_releases"))[0]?.n,
      );
      for (const p of recordPages) expect(await schemaErrors("recordPackage", p)).toEqual([]);
    }
    const one = await getJson(`/ocds/records/${OCID}`);
    expect(await schemaErrors("recordPackage", one.body)).toEqual([]);
    const release = await getJson("/ocds/releases/n5-award");
    expect(await schemaErrors("profileReleasePackage", release.body)).toEqual([]);
    // The check can fail: a release without its ocid does not validate.
    const broken = { ...release.body, releases: [{ ...release.body.releases?.[0], ocid: undefined }] };
    expect((await schemaErrors("releasePackage", broken)).length).toBeGreaterThan(0);
  });
});
