import { ErrorEnvelope } from "@doffin/core";
import { beforeAll, describe, expect, it } from "vitest";
import { get, insertEvents } from "./feed-helpers";
import { clearDb } from "./helpers";
import { freshCompetition, store } from "./ocds-helpers";

/** `pretty=true` on the tracker's JSON routes (the middleware is @doffin/http's, in createWorkerApp). */

async function both(path: string) {
  const sep = path.includes("?") ? "&" : "?";
  const compact = await get(path);
  const pretty = await get(`${path}${sep}pretty=true`);
  return {
    compact: { res: compact, text: await compact.text() },
    pretty: { res: pretty, text: await pretty.text() },
  };
}

describe("pretty=true on the tracker", () => {
  beforeAll(async () => {
    await clearDb();
    await insertEvents(3);
    for (let i = 0; i < 3; i++)
      await store(`2026-7100${i}`, freshCompetition(`p${i}`, `2026-0${i + 1}-05T10:00:00Z`));
  });

  it.each(["/v1/changes?limit=2", "/ocds/releases?page_size=2", "/ocds/metadata", "/v1/tracker/status"])(
    "%s: indented, the same value and the same ETag as compact",
    async (path) => {
      const { compact, pretty } = await both(path);
      expect(compact.res.status).toBe(200);
      expect(pretty.res.status).toBe(200);
      expect(compact.text).not.toContain("\n");
      expect(pretty.text).toContain("\n  ");
      expect(JSON.parse(pretty.text)).toEqual(JSON.parse(compact.text));
      // weak already on the tracker: one tag for both forms
      expect(pretty.res.headers.get("etag")).toBe(compact.res.headers.get("etag"));
    },
  );

  it("links.next of a pretty page is the compact page's and leads on", async () => {
    const { compact, pretty } = await both("/ocds/releases?page_size=1");
    const next = JSON.parse(pretty.text).links?.next as string;
    expect(next).toBe(JSON.parse(compact.text).links?.next);
    const u = new URL(next);
    const second = await get(`${u.pathname}${u.search}&pretty=1`);
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('\n  "releases": [');
  });

  it("a pretty ETag revalidates (304)", async () => {
    const first = await get("/v1/changes?limit=2&pretty=true");
    const etag = first.headers.get("etag") ?? "";
    const again = await get("/v1/changes?limit=2&pretty=true", { "if-none-match": etag });
    expect(again.status).toBe(304);
  });

  it.each(["/v1/changes?pretty=yes", "/ocds/releases?pretty=2", "/ocds/releases/x?pretty="])(
    "%s → 400 invalid_request on query.pretty",
    async (path) => {
      const res = await get(path);
      expect(res.status).toBe(400);
      const body = ErrorEnvelope.parse(await res.json());
      expect(body.error.code).toBe("invalid_request");
      expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
      expect(body.error.issues).toEqual([{ path: "query.pretty", message: "use true or false (1 = true)" }]);
    },
  );

  it("documents pretty on its JSON routes", async () => {
    const doc = (await (await get("/openapi.json")).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    };
    for (const p of ["/v1/changes", "/ocds/releases", "/ocds/records/{ocid}"])
      expect(
        doc.paths[p]?.get?.parameters?.map((x) => x.name),
        p,
      ).toContain("pretty");
  });
});
