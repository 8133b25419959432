import { env } from "cloudflare:workers";
import { OcdsBulkList } from "@doffin/contracts/ocds";
import { beforeAll, describe, expect, it } from "vitest";
import { csvLines } from "../src/ocds/bulk/csv";
import { GZIP_BATCH_CHARS, gzipStream } from "../src/ocds/bulk/encode";
import { runOcdsBulk } from "../src/ocds/bulk/export";
import { PART_SIZE, putStream } from "../src/ocds/bulk/sink";
import { clearBucket, rows } from "./contract-helpers";
import { clearDb } from "./helpers";
import { freshCompetition, getJson, model, schemaErrors, store, XML } from "./ocds-helpers";

const sha256 = async (bytes: Uint8Array | ArrayBuffer) =>
  [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");

const gunzip = async (bytes: ArrayBuffer) =>
  new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();

async function file(name: string): Promise<{ text: string; bytes: ArrayBuffer }> {
  const res = await (await import("./contract-helpers")).request(`/ocds/bulk/${name}`, false);
  expect(res.status, name).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/gzip");
  const bytes = await res.arrayBuffer();
  return { bytes, text: await gunzip(bytes) };
}

describe("OCDS bulk files (cron → R2, listed by GET /ocds/bulk)", () => {
  let list: OcdsBulkList;
  beforeAll(async () => {
    await clearDb();
    await clearBucket(env.OCDS);
    for (let i = 0; i < 5; i++)
      await store(`2026-6000${i}`, freshCompetition(`d1-${i}`, "2026-11-01T10:00:00Z"));
    for (let i = 0; i < 3; i++)
      await store(`2026-6100${i}`, freshCompetition(`d2-${i}`, "2026-11-02T10:00:00Z"));
    const proc = { procedureId: "bulk-proc" };
    await store(
      "2026-62000",
      model(XML.competition, "2026-62000", {
        ...proc,
        noticeId: "b-comp",
        dispatchedAt: "2026-11-02T08:00:00Z",
      }),
    );
    await store(
      "2026-62001",
      model(XML.award, "2026-62001", {
        ...proc,
        noticeId: "b-award",
        dispatchedAt: "2026-11-02T23:30:00+01:00",
      }),
    );
    const run = await runOcdsBulk(env.DB, env.OCDS, new Date(), "https://gw.example");
    expect(run).toEqual({ days: ["2026-11-01", "2026-11-02"], full: true });
    const { status, body } = await getJson<OcdsBulkList>("/ocds/bulk");
    expect(status).toBe(200);
    list = OcdsBulkList.parse(body);
  });

  it("lists seven files a day and the full history, with sizes and SHA-256 that match the bytes", async () => {
    const names = list.files.map((f) => f.name);
    for (const day of ["2026-11-01", "2026-11-02"])
      for (const f of [
        "releases.json",
        "releases.ndjson",
        "compiled.ndjson",
        "releases.csv",
        "awards.csv",
        "parties.csv",
        "lots.csv",
      ])
        expect(names).toContain(`daily/${day}/${f}.gz`);
    expect(names).toContain("full/releases.ndjson.gz");
    expect(names).toHaveLength(15);
    expect(names[0]).toBe("full/releases.ndjson.gz"); // then the newest day first
    expect(list.files[1]?.day).toBe("2026-11-02");
    for (const f of list.files) {
      const { bytes } = await file(f.name);
      expect(bytes.byteLength).toBe(f.size);
      expect(await sha256(bytes)).toBe(f.sha256);
    }
  });

  it("the day's release package holds exactly that UTC day's releases and validates", async () => {
    const { text } = await file("daily/2026-11-02/releases.json.gz");
    const pkg = JSON.parse(text) as { uri: string; releases: { id: string }[] };
    expect(pkg.uri).toBe("https://gw.example/ocds/bulk/daily/2026-11-02/releases.json.gz");
    // 23:30+01:00 on 2 November is 22:30Z: still 2 November in UTC.
    expect(pkg.releases.map((r) => r.id).sort()).toEqual([
      "b-award",
      "b-comp",
      "notice-d2-0",
      "notice-d2-1",
      "notice-d2-2",
    ]);
    expect(await schemaErrors("releasePackage", pkg)).toEqual([]);
    expect(await schemaErrors("profileReleasePackage", pkg)).toEqual([]);
  });

  it("NDJSON of releases and of compiled releases (merged over every release of the ocid)", async () => {
    const lines = (await file("daily/2026-11-01/releases.ndjson.gz")).text.trimEnd().split("\n");
    expect(lines.map((l) => JSON.parse(l).id).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `notice-d1-${i}`));
    const compiled = (await file("daily/2026-11-02/compiled.ndjson.gz")).text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(compiled).toHaveLength(4);
    const proc = compiled.find((c) => c.ocid === "ocds-xxxxxx-bulk-proc");
    expect(proc.tag).toEqual(["compiled"]);
    expect(proc.awards?.length).toBeGreaterThan(0);
    expect(proc.tender?.lots?.length).toBeGreaterThan(0);
    const all = (await file("full/releases.ndjson.gz")).text.trimEnd().split("\n");
    expect(all).toHaveLength(10);
  });

  it("CSV sheets in the flattened shape, joined by ocid and release id", async () => {
    const releases = (await file("daily/2026-11-02/releases.csv.gz")).text.split("\r\n");
    expect(releases[0]).toMatch(
      /^ocid,id,date,tag,initiationType,language,title,buyer\/id,buyer\/name,tender\/id,/,
    );
    expect(releases.filter(Boolean)).toHaveLength(6);
    const awards = (await file("daily/2026-11-02/awards.csv.gz")).text.split("\r\n").filter(Boolean);
    expect(awards[0]).toBe(
      "ocid,id,awards/0/id,awards/0/status,awards/0/date,awards/0/value/amount,awards/0/value/currency,awards/0/relatedLots,awards/0/suppliers/0/id,awards/0/suppliers/0/name",
    );
    expect(awards.slice(1).every((l) => l.startsWith("ocds-xxxxxx-bulk-proc,b-award,"))).toBe(true);
    expect(awards.length).toBeGreaterThan(1);
    const parties = (await file("daily/2026-11-02/parties.csv.gz")).text.split("\r\n").filter(Boolean);
    expect(parties[0]?.startsWith("ocid,id,parties/0/id,parties/0/name,parties/0/roles")).toBe(true);
    const lots = (await file("daily/2026-11-01/lots.csv.gz")).text.split("\r\n").filter(Boolean);
    expect(lots.length).toBeGreaterThan(5);
  });

  it("rewrites only a day whose releases changed since; today's releases wait for D+1", async () => {
    expect(await runOcdsBulk(env.DB, env.OCDS, new Date(), "https://gw.example")).toEqual({
      days: [],
      full: false,
    });
    await store("2026-60009", freshCompetition("late", "2026-11-01T12:00:00Z"));
    await store("2026-60010", freshCompetition("today", new Date().toISOString()));
    const run = await runOcdsBulk(env.DB, env.OCDS, new Date(), "https://gw.example");
    expect(run).toEqual({ days: ["2026-11-01"], full: false });
    const lines = (await file("daily/2026-11-01/releases.ndjson.gz")).text.trimEnd().split("\n");
    expect(lines).toHaveLength(6);
    const today = new Date().toISOString().slice(0, 10);
    expect((await rows("SELECT 1 FROM ocds_bulk_days WHERE day = ?", today)).length).toBe(0);
  });

  it.each([
    ["no chunk", 0, 10],
    ["one batch exactly", GZIP_BATCH_CHARS / 1024, 1024],
    ["many small chunks over several batches", 5000, 97],
  ])("gzipStream batches text chunks and loses none: %s", async (_what, count, size) => {
    async function* chunks() {
      for (let i = 0; i < count; i++) yield `${String(i % 10).repeat(size - 1)}\n`;
    }
    const text = await gunzip(await new Response(gzipStream(chunks())).arrayBuffer());
    expect(text.length).toBe(count * size);
    expect(
      text
        .split("\n")
        .slice(0, -1)
        .map((l) => l[0]),
    ).toEqual(Array.from({ length: count }, (_, i) => String(i % 10)));
  });

  it("a file larger than one part goes up as a multipart upload, hashed on the way", async () => {
    const total = PART_SIZE * 2 + 12345;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= total) return c.close();
        const n = Math.min(1 << 20, total - sent);
        const chunk = new Uint8Array(n);
        for (let i = 0; i < n; i++) chunk[i] = (sent + i) % 251;
        sent += n;
        c.enqueue(chunk);
      },
    });
    const stored = await putStream(env.OCDS, "ocds/bulk/test/big.ndjson.gz", body, {
      contentType: "application/gzip",
      custom: {},
    });
    const obj = await env.OCDS.get("ocds/bulk/test/big.ndjson.gz");
    const bytes = new Uint8Array(await (obj as R2ObjectBody).arrayBuffer());
    expect(bytes.byteLength).toBe(total);
    expect(stored).toMatchObject({ size: total, sha256: await sha256(bytes) });
    const listed = OcdsBulkList.parse((await getJson("/ocds/bulk")).body).files.find(
      (f) => f.name === "test/big.ndjson.gz",
    );
    expect(listed).toMatchObject({ size: total, sha256: stored.sha256 });
  });

  it("CSV cells: quoted per RFC 4180, text that a spreadsheet would evaluate gets a leading quote", () => {
    const line = csvLines("releases", {
      ocid: "o",
      id: "r",
      date: "2026-11-01T00:00:00Z",
      tag: ["tender"],
      title: '=HYPERLINK("x"), "y"',
      tender: { value: { amount: -5, currency: "NOK" } },
    });
    expect(line).toContain(`"'=HYPERLINK(""x""), ""y"""`);
    expect(line).toContain(",-5,NOK,");
  });

  it("bad bulk paths are 400/404 in the envelope", async () => {
    expect((await getJson("/ocds/bulk/daily/2026-13/releases.json.gz")).status).toBe(400);
    expect((await getJson("/ocds/bulk/daily/2020-01-01/releases.json.gz")).status).toBe(404);
    expect((await getJson("/ocds/bulk/full/../../eforms.xml")).status).toBe(404);
    expect((await getJson("/ocds/bulk?x=1")).status).toBe(400);
  });
});
