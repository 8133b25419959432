import { searchCpvPage, searchLocationsPage } from "@doffin/core";
import { describe, expect, it } from "vitest";
import { emulatorApp, expectEnvelope } from "./helpers";

/** `GET /v1/codes/{cpv,locations}?q=` answer one ranked page: hits as before, total and next cursor in headers. */
describe("ranked, paged code search on REST and the tools", () => {
  it("CPV: limit, X-Total-Count and X-Next-Cursor walk every hit exactly once", async () => {
    const { call } = emulatorApp();
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = -1;
    do {
      const res = await call(
        `/v1/codes/cpv?q=programvare&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      expect(res.status).toBe(200);
      total = Number(res.headers.get("x-total-count"));
      cursor = res.headers.get("x-next-cursor");
      const items = (await res.json()) as { code: string }[];
      expect(items.length).toBeLessThanOrEqual(7);
      seen.push(...items.map((i) => i.code));
    } while (cursor);
    expect(total).toBe(searchCpvPage("programvare").total);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("locations: q ranks codes and names; without q the tree as before", async () => {
    const { call } = emulatorApp();
    const res = await call("/v1/codes/locations?q=Oslo&limit=3");
    expect(res.status).toBe(200);
    const items = (await res.json()) as { code: string }[];
    expect(items.map((i) => i.code)).toEqual(
      searchLocationsPage("Oslo", { limit: 3 }).items.map((i) => i.code),
    );
    expect(Number(res.headers.get("x-total-count"))).toBe(searchLocationsPage("Oslo").total);
    const tree = (await (await call("/v1/codes/locations")).json()) as { children?: unknown[] }[];
    expect(Array.isArray(tree[0]?.children)).toBe(true);
  });

  it.each([
    ["/v1/codes/cpv?q=vei&limit=0", "query.limit"],
    ["/v1/codes/cpv?q=vei&limit=101", "query.limit"],
    ["/v1/codes/cpv?q=vei&cursor=bogus", "query.cursor"],
    ["/v1/codes/locations?q=Oslo&cursor=bogus", "query.cursor"],
  ])("%s → 400 at %s", async (path, where) => {
    const body = await expectEnvelope(await emulatorApp().call(path), 400, "invalid_request");
    expect(body.error.issues?.map((i) => i.path)).toEqual([where]);
  });

  it("a cursor of another query is refused", async () => {
    const { call } = emulatorApp();
    const first = await call("/v1/codes/cpv?q=programvare&limit=2");
    const cursor = first.headers.get("x-next-cursor");
    expect(cursor).toBeTruthy();
    const other = await call(`/v1/codes/cpv?q=vei&limit=2&cursor=${encodeURIComponent(cursor ?? "")}`);
    await expectEnvelope(other, 400, "invalid_request");
  });

  it("get_cpv_codes with query: total, limit and next_cursor from the same search", async () => {
    const { call } = emulatorApp();
    const post = async (args: unknown) =>
      (await (
        await call("/v1/tools/get_cpv_codes", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(args),
        })
      ).json()) as { data: { total: number; count: number; next_cursor?: string; codes: { id: string }[] } };
    const { data } = await post({ query: "programvare", limit: 5 });
    const expected = searchCpvPage("programvare", { limit: 5 });
    expect(data.total).toBe(expected.total);
    expect(data.codes.map((c) => c.id)).toEqual(expected.items.map((i) => i.code));
    expect(data.next_cursor).toBe(expected.nextCursor);
    const next = await post({ query: "programvare", limit: 5, cursor: data.next_cursor });
    expect(next.data.codes.map((c) => c.id)).toEqual(
      searchCpvPage("programvare", { limit: 5, cursor: expected.nextCursor ?? undefined }).items.map(
        (i) => i.code,
      ),
    );
  });
});
