import { describe, expect, it } from "vitest";
import awardHit from "../../../fixtures/doffin/public-api/hits/contract-award-notice.json" with {
  type: "json",
};
import competitionHit from "../../../fixtures/doffin/public-api/hits/contract-notice.json" with {
  type: "json",
};
import intentHit from "../../../fixtures/doffin/public-api/hits/intention-notice.json" with { type: "json" };
import advisoryHit from "../../../fixtures/doffin/public-api/hits/prior-information-notice.json" with {
  type: "json",
};
import page from "../../../fixtures/doffin/public-api/search-response-page.json" with { type: "json" };
import realDetail from "../../../fixtures/doffin/webclient/notice-detail-2026-107918.abridged.json" with {
  type: "json",
};
import realWebHit from "../../../fixtures/doffin/webclient/search-hit-2026-107921.json" with { type: "json" };
import { CAPTURE_NOW, detail, makeEmulator, publicSearch, webSearch } from "./helpers";

const keys = (o: object) => Object.keys(o).sort();
type Node = {
  title: string;
  sectionId: string | null;
  label: string | null;
  useLabelAsValue: boolean;
  value: string | null;
  sections: Node[] | null;
};
const nodeKeys = keys(realDetail.eform[0] as object);

const walk = (nodes: Node[], visit: (n: Node) => void) => {
  for (const n of nodes) {
    visit(n);
    if (n.sections) walk(n.sections, visit);
  }
};

describe("generated shapes match the real captures key-for-key", () => {
  const emu = makeEmulator({ count: 2500 });

  it("Public API hits have exactly the 18 keys of the real hits (and of the real page)", async () => {
    const realKeys = keys(page.hits[0] as object);
    expect(realKeys).toHaveLength(18);
    for (const h of [awardHit, competitionHit, intentHit, advisoryHit, ...page.hits])
      expect(keys(h)).toEqual(realKeys);
    const body = await publicSearch(emu, "numHitsPerPage=300");
    expect(keys(body)).toEqual(keys(page));
    for (const hit of body.hits) {
      expect(keys(hit)).toEqual(realKeys);
      expect(keys((hit.buyer as object[])[0] as object)).toEqual(keys(page.hits[0]?.buyer[0] as object));
      for (const lot of hit.lots as { winner: object[] }[]) {
        expect(keys(lot)).toEqual(keys(awardHit.lots[0] as object));
        for (const w of lot.winner) expect(keys(w)).toEqual(keys(awardHit.lots[0]?.winner[0] as object));
      }
    }
  });

  it("web client hits have the real hit's keys (no cpvCodes, no lots)", async () => {
    const body = await webSearch(emu, { numHitsPerPage: 200, page: 1 });
    expect(body.hits.length).toBe(200);
    for (const hit of body.hits) {
      expect(keys(hit)).toEqual(keys(realWebHit));
      expect(hit).not.toHaveProperty("cpvCodes");
      expect(hit).not.toHaveProperty("lots");
    }
  });

  it("details have the real detail's top-level keys, buyer {id,name} and a well-formed eform tree", async () => {
    const body = await webSearch(emu, { numHitsPerPage: 60, page: 1 });
    const types = new Set<string>();
    for (const hit of body.hits) {
      const res = await detail(emu, hit.id);
      expect(res.status).toBe(200);
      const d = (await res.json()) as typeof realDetail & { eform: Node[] };
      types.add(d.noticeType);
      expect(keys(d)).toEqual(keys(realDetail));
      expect(keys(d.core)).toEqual(keys(realDetail.core));
      for (const b of d.buyer) expect(keys(b)).toEqual(["id", "name"]);
      for (const t of d.procurementTimeline)
        expect(keys(t)).toEqual(keys(realDetail.procurementTimeline[0] as object));
      for (const c of d.changeNotices) expect(keys(c)).toEqual(keys(realDetail.changeNotices[0] as object));
      expect(new Set(d.allCpvCodes)).toEqual(new Set([...d.directCpvCodes, ...d.parentCpvCodes]));
      walk(d.eform, (n) => expect(keys(n)).toEqual(nodeKeys));
    }
    expect(types.size).toBeGreaterThan(1);
  });

  it("award notices carry awardedNames and Norwegian award blocks in the eform", async () => {
    const body = await webSearch(emu, {
      numHitsPerPage: 5,
      facets: { type: { checkedItems: ["ANNOUNCEMENT_OF_CONCLUSION_OF_CONTRACT"] } },
    });
    const d = (await (await detail(emu, body.hits[0]?.id ?? "")).json()) as {
      awardedNames: string[];
      eform: Node[];
    };
    expect(d.awardedNames.length).toBeGreaterThan(0);
    const labels: string[] = [];
    walk(d.eform, (n) => labels.push(n.label ?? ""));
    expect(labels).toEqual(
      expect.arrayContaining(["Resultater", "Tilbud", "Kontrakt", "Kjøper", "Prosedyre"]),
    );
  });
});

describe("the real fixture notices resolve and round-trip at their capture date", () => {
  const emu = makeEmulator({ count: 500, now: CAPTURE_NOW });

  it("serves each captured Public API hit unchanged", async () => {
    for (const real of [awardHit, competitionHit, intentHit, advisoryHit, ...page.hits]) {
      const body = await publicSearch(emu, [
        ["searchString", real.heading],
        ["numHitsPerPage", "100"],
      ]);
      const served = body.hits.find((h) => h.id === real.id);
      expect(served).toEqual(real);
    }
  });

  it("serves the captured detail unchanged (with the clock at its capture)", async () => {
    emu.setClock("2026-05-02T12:00:00Z");
    const res = await detail(emu, "2026-107918");
    expect(await res.json()).toEqual(realDetail);
    emu.setClock(CAPTURE_NOW);
  });

  it("serves the captured web client hit unchanged", async () => {
    emu.setClock("2026-05-02T12:00:00Z");
    const body = await webSearch(emu, { searchString: "Lopphavet", numHitsPerPage: 50 });
    expect(body.hits.find((h) => h.id === realWebHit.id)).toEqual(realWebHit);
    emu.setClock(CAPTURE_NOW);
  });

  it("leaves the fixtures out with fixtures: false", async () => {
    const bare = makeEmulator({ count: 200, fixtures: false });
    expect((await detail(bare, "2026-107918")).status).toBe(404);
    expect((await detail(emu, "2026-107918")).status).toBe(200);
  });
});
