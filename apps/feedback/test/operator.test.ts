import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { FeedbackCreated, FeedbackItem, FeedbackPage } from "@doffin/contracts/feedback";
import { ErrorEnvelope } from "@doffin/core";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { encodeCursor } from "../src/cursor";
import { BASE, expectEnvelope, operator, post } from "./helpers";

const create = async (body: Record<string, unknown>) => {
  const res = await post(body);
  expect(res.status).toBe(201);
  return FeedbackCreated.parse(await res.json());
};

const patch = (id: string, body: unknown, token?: string | null) =>
  operator(`/v1/feedback/${id}`, { method: "PATCH", body: JSON.stringify(body), token });

/** Walks every page of a listing and returns all items. */
async function listAll(query: string, limit: number): Promise<FeedbackItem[]> {
  const items: FeedbackItem[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const q = `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
    const res = await operator(`/v1/feedback?${q}`);
    expect(res.status).toBe(200);
    const page = FeedbackPage.parse(await res.json());
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.nextCursor === null) return items;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("operator auth", () => {
  const routes: [string, () => Promise<Response>, (token: string | null) => Promise<Response>][] = [
    ["GET /v1/feedback", async () => operator("/v1/feedback"), (t) => operator("/v1/feedback", { token: t })],
    [
      "PATCH /v1/feedback/{id}",
      async () => patch("fb_00000000000000000000000000", { status: "triaged" }),
      (t) => patch("fb_00000000000000000000000000", { status: "triaged" }, t),
    ],
  ];

  it.each(routes)("%s: no token → 401 with WWW-Authenticate", async (_n, _ok, call) => {
    const res = await call(null);
    await expectEnvelope(res, 401, "unauthorized");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it.each(routes)("%s: wrong token → 403", async (_n, _ok, call) => {
    await expectEnvelope(await call("not-the-token"), 403, "forbidden");
  });

  it.each(routes)("%s: token that is a prefix of the right one → 403", async (_n, _ok, call) => {
    await expectEnvelope(await call("test-operator"), 403, "forbidden");
  });

  it.each(routes)("%s: right token is accepted", async (_n, ok) => {
    expect([200, 404]).toContain((await ok()).status);
  });

  it("refuses other schemes with 401", async () => {
    const res = await operator("/v1/feedback", {
      token: null,
      headers: { authorization: "Basic dGVzdDp0ZXN0" },
    });
    await expectEnvelope(res, 401, "unauthorized");
  });

  it.each([
    ["empty", ""],
    ["missing", undefined],
  ])("is never open when OPERATOR_TOKEN is %s: 401 without a token, 403 with any", async (_n, secret) => {
    const app = createApp();
    const bare = { ...env, OPERATOR_TOKEN: secret } as Env;
    const noToken = await app.fetch(new Request(`${BASE}/v1/feedback`), bare, createExecutionContext());
    await expectEnvelope(noToken, 401, "unauthorized");
    for (const token of ["x", "undefined", "null"]) {
      const req = new Request(`${BASE}/v1/feedback`, { headers: { authorization: `Bearer ${token}` } });
      await expectEnvelope(await app.fetch(req, bare, createExecutionContext()), 403, "forbidden");
    }
  });

  it("checks the token before validating the query", async () => {
    await expectEnvelope(await operator("/v1/feedback?limit=0", { token: null }), 401, "unauthorized");
  });
});

describe("GET /v1/feedback", () => {
  const mine: string[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 7; i++) {
      mine.push((await create({ feedback: `listing ${i}`, type: i % 2 ? "bug" : "feature_request" })).id);
    }
  });

  it("pages newest first through every report exactly once", async () => {
    const all = await listAll("", 3);
    const ids = all.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of mine) expect(ids).toContain(id);
    const keys = all.map((i) => `${i.createdAt}|${i.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it("filters by type and status", async () => {
    const bugs = await listAll("type=bug", 50);
    expect(bugs.every((i) => i.type === "bug")).toBe(true);
    expect(bugs.map((i) => i.id)).toEqual(expect.arrayContaining(mine.filter((_, i) => i % 2)));
    const target = mine[0] ?? "";
    expect((await patch(target, { status: "closed" })).status).toBe(200);
    const closed = await listAll("status=closed&type=feature_request", 50);
    expect(closed.map((i) => i.id)).toContain(target);
    expect(closed.every((i) => i.status === "closed" && i.type === "feature_request")).toBe(true);
  });

  it("returns the full stored report", async () => {
    const { id } = await create({ feedback: "full", contact: "a@b.no", context: { k: [1, "two"] } });
    const item = (await listAll("", 100)).find((i) => i.id === id);
    expect(item).toMatchObject({
      feedback: "full",
      contact: "a@b.no",
      context: { k: [1, "two"] },
      note: null,
    });
  });

  it.each([
    ["limit=0", "query.limit"],
    ["limit=101", "query.limit"],
    ["limit=abc", "query.limit"],
    ["status=done", "query.status"],
    ["type=praise", "query.type"],
    ["cursor=%21%21%21", "query.cursor"],
    ["cursor=bm90LWEtY3Vyc29y", "query.cursor"],
    [
      `cursor=${encodeCursor({ createdAt: "2026-13-45T99:00:00.000Z", id: "fb_00000000000000000000000000" })}`,
      "query.cursor",
    ],
    [`cursor=${encodeCursor({ createdAt: "2026-01-01T00:00:00.000Z", id: "fb_x' OR 1=1" })}`, "query.cursor"],
    ["stauts=open", "query"],
  ])("refuses %s with 400 naming %s", async (q, path) => {
    const body = await expectEnvelope(await operator(`/v1/feedback?${q}`), 400, "invalid_request");
    expect(body.error.issues?.map((i) => i.path)).toContain(path);
  });

  it("accepts a well-formed cursor for a position that has no rows after it", async () => {
    const cursor = encodeCursor({
      createdAt: "2000-01-01T00:00:00.000Z",
      id: "fb_00000000000000000000000000",
    });
    const page = FeedbackPage.parse(await (await operator(`/v1/feedback?cursor=${cursor}`)).json());
    expect(page).toEqual({ items: [], nextCursor: null });
  });
});

describe("PATCH /v1/feedback/{id}", () => {
  it("walks the allowed transitions and keeps the note", async () => {
    const { id, createdAt } = await create({ feedback: "triage me" });
    const triaged = FeedbackItem.parse(
      await (await patch(id, { status: "triaged", note: "  looking  " })).json(),
    );
    expect(triaged).toMatchObject({ id, status: "triaged", note: "looking", createdAt });
    expect(triaged.updatedAt >= createdAt).toBe(true);
    const closed = await patch(id, { status: "closed" });
    expect(closed.status).toBe(200);
    expect(FeedbackItem.parse(await closed.json())).toMatchObject({ status: "closed", note: "looking" });
    await expectEnvelope(await patch(id, { status: "triaged" }), 409, "conflict");
    const reopened = FeedbackItem.parse(await (await patch(id, { status: "open", note: "reopened" })).json());
    expect(reopened).toMatchObject({ status: "open", note: "reopened" });
    const row = await env.DB.prepare("SELECT status, note FROM feedback WHERE id = ?").bind(id).first();
    expect(row).toEqual({ status: "open", note: "reopened" });
  });

  it("answers 404 for an unknown id", async () => {
    await expectEnvelope(
      await patch("fb_00000000000000000000000000", { status: "closed" }),
      404,
      "not_found",
    );
  });

  it.each([
    ["malformed id", "not-an-id", { status: "closed" }, "param.id"],
    ["unknown status", "fb_00000000000000000000000000", { status: "done" }, "body.status"],
    ["missing status", "fb_00000000000000000000000000", { note: "x" }, "body.status"],
    ["unknown key", "fb_00000000000000000000000000", { status: "open", priority: 1 }, "body"],
    [
      "note with a control char",
      "fb_00000000000000000000000000",
      { status: "open", note: "a\u0007" },
      "body.note",
    ],
    [
      "note too long",
      "fb_00000000000000000000000000",
      { status: "open", note: "n".repeat(2001) },
      "body.note",
    ],
  ])("refuses a %s with 400", async (_n, id, body, path) => {
    const res = await expectEnvelope(await patch(id, body), 400, "invalid_request");
    expect(res.error.issues?.map((i) => i.path)).toContain(path);
  });

  it("refuses a non-JSON body with 415", async () => {
    const res = await operator("/v1/feedback/fb_00000000000000000000000000", {
      method: "PATCH",
      headers: { "content-type": "text/plain" },
      body: "status=closed",
    });
    ErrorEnvelope.parse(await expectEnvelope(res, 415, "unsupported_media_type"));
  });
});
