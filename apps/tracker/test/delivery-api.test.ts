import { env, exports } from "cloudflare:workers";
import { AlertDelivery, AlertDeliveryPage } from "@doffin/contracts/alert-deliveries";
import { ErrorEnvelope } from "@doffin/core";
import { beforeAll, describe, expect, it } from "vitest";
import { flushAlertOutbox } from "../src/alerts/delivery/outbox";
import {
  deliveriesOf,
  insertEvent,
  insertSearch,
  received,
  type TestSearch,
  waitFor,
} from "./delivery-helpers";

const call = (path: string, owner: string | null, method = "GET") =>
  exports.default.fetch(`http://tracker${path}`, {
    method,
    headers: owner ? { "x-dgw-owner": owner } : {},
  });

async function expectError(res: Response, status: number, code: string, issuePath?: string) {
  expect(res.status).toBe(status);
  const body = ErrorEnvelope.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toBeTruthy();
  if (issuePath) expect(body.error.issues?.map((i) => i.path)).toContain(issuePath);
}

let search: TestSearch;
let eventIds: string[];

beforeAll(async () => {
  search = await insertSearch("carol", "/ok/api");
  eventIds = [];
  for (const item of ["2026-100031", "2026-100032", "2026-100033"])
    eventIds.push((await insertEvent(search, item)).id);
  await flushAlertOutbox(env);
  await waitFor(
    "three deliveries",
    () => deliveriesOf(search.id),
    (r) => r.length === 3 && r.every((d) => d.status === "delivered"),
  );
});

describe("GET /v1/searches/{id}/deliveries", () => {
  it("pages the search's deliveries newest first and filters by status", async () => {
    const first = await call(`/v1/searches/${search.id}/deliveries?limit=2`, "carol");
    expect(first.status).toBe(200);
    const p1 = AlertDeliveryPage.parse(await first.json());
    expect(p1.items).toHaveLength(2);
    expect(p1.nextCursor).toBeTruthy();
    const second = await call(
      `/v1/searches/${search.id}/deliveries?limit=2&cursor=${encodeURIComponent(p1.nextCursor ?? "")}`,
      "carol",
    );
    const p2 = AlertDeliveryPage.parse(await second.json());
    expect(p2.items).toHaveLength(1);
    expect(p2.nextCursor).toBeNull();
    const all = [...p1.items, ...p2.items];
    // Newest first: the reverse of the insertion order (rows of one flush share created_at).
    const rows = await deliveriesOf(search.id);
    expect(all.map((d) => d.id)).toEqual(rows.map((r) => r.id).reverse());
    expect(all.map((d) => d.eventId).sort()).toEqual([...eventIds].sort());
    for (const d of all) {
      expect(d).toMatchObject({ searchId: search.id, status: "delivered", attempts: 1, lastStatus: 200 });
      expect(d.url).toBe(search.url);
    }
    const delivered = AlertDeliveryPage.parse(
      await (await call(`/v1/searches/${search.id}/deliveries?status=delivered,dead`, "carol")).json(),
    );
    expect(delivered.items).toHaveLength(3);
    const dead = AlertDeliveryPage.parse(
      await (await call(`/v1/searches/${search.id}/deliveries?status=dead`, "carol")).json(),
    );
    expect(dead.items).toEqual([]);
  });

  it("bad input is a 400 envelope naming the parameter", async () => {
    const base = `/v1/searches/${search.id}/deliveries`;
    await expectError(await call(`${base}?status=sent`, "carol"), 400, "invalid_request", "query.status");
    await expectError(await call(`${base}?limit=0`, "carol"), 400, "invalid_request", "query.limit");
    await expectError(await call(`${base}?limit=101`, "carol"), 400, "invalid_request", "query.limit");
    await expectError(await call(`${base}?page=2`, "carol"), 400, "invalid_request");
    await expectError(
      await call(`${base}?cursor=forged.cursor`, "carol"),
      400,
      "invalid_request",
      "query.cursor",
    );
    // A cursor of another filter is refused rather than giving a wrong page.
    const p1 = AlertDeliveryPage.parse(await (await call(`${base}?limit=1`, "carol")).json());
    const other = `${base}?limit=1&status=dead&cursor=${encodeURIComponent(p1.nextCursor ?? "")}`;
    await expectError(await call(other, "carol"), 400, "invalid_request", "query.cursor");
    await expectError(
      await call("/v1/searches/not-an-id/deliveries", "carol"),
      400,
      "invalid_request",
      "param.id",
    );
  });

  it("is the owner's only: no owner 401, another owner 404 (as for a missing search)", async () => {
    const base = `/v1/searches/${search.id}/deliveries`;
    await expectError(await call(base, null), 401, "unauthorized");
    await expectError(await call(base, "mallory"), 404, "not_found");
    await expectError(
      await call("/v1/searches/ss_aaaaaaaaaaaaaaaaaaaa/deliveries", "carol"),
      404,
      "not_found",
    );
    await expectError(await call(base, "carol", "DELETE"), 405, "method_not_allowed");
  });
});

describe("POST /v1/searches/{id}/deliveries/{deliveryId}/replay", () => {
  it("sends the delivery again with the same Doffin-Event-Id", async () => {
    const [row] = await deliveriesOf(search.id);
    if (!row) throw new Error("no delivery row");
    const res = await call(`/v1/searches/${search.id}/deliveries/${row.id}/replay`, "carol", "POST");
    expect(res.status).toBe(202);
    const queued = AlertDelivery.parse(await res.json());
    expect(queued).toMatchObject({ id: row.id, eventId: row.event_id, status: "pending", attempts: 1 });
    const after = await waitFor(
      "the replay to land",
      () => deliveriesOf(search.id),
      (r) => r.find((d) => d.id === row.id)?.attempts === 2,
    );
    expect(after.find((d) => d.id === row.id)).toMatchObject({ status: "delivered", last_status: 200 });
    const got = (await received("/ok/api")).filter((g) => g.eventId === row.event_id);
    expect(got).toHaveLength(2);
    expect(got.every((g) => g.valid)).toBe(true);
    expect(got[1]?.body).toBe(got[0]?.body);
    // The other deliveries were not sent again.
    expect(await received("/ok/api")).toHaveLength(4);
  });

  it("refuses what it cannot replay", async () => {
    const [row] = await deliveriesOf(search.id);
    if (!row) throw new Error("no delivery row");
    const path = `/v1/searches/${search.id}/deliveries/${row.id}/replay`;
    await expectError(await call(path, null, "POST"), 401, "unauthorized");
    await expectError(await call(path, "mallory", "POST"), 404, "not_found");
    const unknown = `/v1/searches/${search.id}/deliveries/dl_00000000000000000000/replay`;
    await expectError(await call(unknown, "carol", "POST"), 404, "not_found");
    const malformed = `/v1/searches/${search.id}/deliveries/dl_xyz/replay`;
    await expectError(await call(malformed, "carol", "POST"), 400, "invalid_request", "param.deliveryId");
    await expectError(await call(`${path}?now=1`, "carol", "POST"), 400, "invalid_request");
    // Another search's delivery is not reachable through this search.
    const mine = await insertSearch("carol", "/ok/api-other");
    await expectError(
      await call(`/v1/searches/${mine.id}/deliveries/${row.id}/replay`, "carol", "POST"),
      404,
      "not_found",
    );
  });
});
