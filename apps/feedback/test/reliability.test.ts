import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { FeedbackCreated } from "@doffin/contracts/feedback";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { BASE, expectEnvelope, freshIp, TOKEN } from "./helpers";

/**
 * env.DB whose next `batch()` fails. With `commitFirst` the real batch runs before the throw: the
 * write is committed but its answer is lost, as when a connection drops after D1 committed.
 */
function flakyDb(opts: { commitFirst: boolean }): { db: D1Database; calls: () => number } {
  let failed = false;
  let calls = 0;
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "batch")
        return async (statements: D1PreparedStatement[]) => {
          calls++;
          if (failed) return target.batch(statements);
          failed = true;
          if (opts.commitFirst) await target.batch(statements);
          throw new Error("D1_ERROR: Network connection lost.");
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, calls: () => calls };
}

const submit = (db: D1Database, body: unknown, key?: string) =>
  createApp().fetch(
    new Request(`${BASE}/v1/feedback`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "cf-connecting-ip": freshIp(),
        ...(key ? { "idempotency-key": key } : {}),
      },
      body: JSON.stringify(body),
    }),
    { ...env, DB: db },
    createExecutionContext(),
  );

const rowsWithKey = async (key: string) =>
  (await env.DB.prepare("SELECT id FROM feedback WHERE idempotency_key = ?").bind(key).all<{ id: string }>())
    .results;

describe("a D1 failure during insert", () => {
  it("answers 503 with Retry-After and no 201; the retry with the same key then stores it once", async () => {
    const { db, calls } = flakyDb({ commitFirst: false });
    const key = `outage-${crypto.randomUUID()}`;
    const body = { feedback: "sent during an outage", type: "bug" };

    const failed = await submit(db, body, key);
    const envelope = await expectEnvelope(failed, 503, "upstream_unavailable");
    expect(envelope.error.message).not.toContain("D1_ERROR");
    expect(Number(failed.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await rowsWithKey(key)).toEqual([]);

    const retried = await submit(db, body, key);
    expect(retried.status).toBe(201);
    const created = FeedbackCreated.parse(await retried.json());
    expect(await rowsWithKey(key)).toEqual([{ id: created.id }]);
    expect(calls()).toBe(2);

    const again = await submit(db, body, key);
    expect(again.status).toBe(201);
    expect(FeedbackCreated.parse(await again.json()).id).toBe(created.id);
    expect(await rowsWithKey(key)).toHaveLength(1);
  });

  it("when the write committed but the answer was lost, the retry returns that row instead of a second", async () => {
    const { db } = flakyDb({ commitFirst: true });
    const key = `lost-answer-${crypto.randomUUID()}`;
    const body = { feedback: "committed, answer lost" };
    await expectEnvelope(await submit(db, body, key), 503, "upstream_unavailable");
    const stored = await rowsWithKey(key);
    expect(stored).toHaveLength(1);
    const retried = await submit(db, body, key);
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    expect(FeedbackCreated.parse(await retried.json()).id).toBe(stored[0]?.id);
    expect(await rowsWithKey(key)).toHaveLength(1);
  });

  it("without a key, a failed insert also answers 503 and stores nothing", async () => {
    const { db } = flakyDb({ commitFirst: false });
    const marker = `no-key-${crypto.randomUUID()}`;
    await expectEnvelope(await submit(db, { feedback: marker }), 503, "upstream_unavailable");
    const n = await env.DB.prepare("SELECT COUNT(*) AS n FROM feedback WHERE feedback = ?")
      .bind(marker)
      .first("n");
    expect(n).toBe(0);
  });

  it("operator reads answer 503 when D1 is down", async () => {
    const down = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "prepare")
          return () => {
            throw new Error("D1_ERROR: unavailable");
          };
        return Reflect.get(target, prop, target);
      },
    });
    const res = await createApp().fetch(
      new Request(`${BASE}/v1/feedback`, { headers: { authorization: `Bearer ${TOKEN}` } }),
      { ...env, DB: down },
      createExecutionContext(),
    );
    await expectEnvelope(res, 503, "upstream_unavailable");
    expect(res.headers.get("retry-after")).not.toBeNull();
  });
});
