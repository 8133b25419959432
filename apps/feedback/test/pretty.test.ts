import { exports } from "cloudflare:workers";
import { ErrorEnvelope } from "@doffin/core";
import { describe, expect, it } from "vitest";
import { BASE, freshIp, operator } from "./helpers";

/** `pretty=true` on the feedback Worker (the middleware is @doffin/http's, in createWorkerApp). */

const submit = (query: string, body: unknown) =>
  exports.default.fetch(`${BASE}/v1/feedback${query}`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": freshIp() },
    body: JSON.stringify(body),
  });

describe("pretty=true on the feedback Worker", () => {
  it("POST /v1/feedback?pretty=true answers the acknowledgement indented", async () => {
    const res = await submit("?pretty=true", {
      feedback: "The pretty flag works on feedback too",
      type: "general",
    });
    const text = await res.text();
    expect(res.status, text).toBe(201);
    expect(text).toContain("\n  ");
    const ack = JSON.parse(text) as { id: string };
    expect(ack.id).toMatch(/^fb_/);
    // the operator's list, compact and pretty: the same value, the new report in it
    const compact = await operator("/v1/feedback?limit=50");
    const pretty = await operator("/v1/feedback?limit=50&pretty=1");
    expect(compact.status).toBe(200);
    const [c, p] = [await compact.text(), await pretty.text()];
    expect(c).not.toContain("\n");
    expect(p).toContain("\n  ");
    expect(JSON.parse(p)).toEqual(JSON.parse(c));
    expect(p).toContain(ack.id);
  });

  it("the health route and a list are indented on request", async () => {
    const health = await exports.default.fetch(`${BASE}/health?pretty=true`);
    expect(await health.text()).toBe('{\n  "status": "ok",\n  "service": "feedback"\n}');
    const list = await operator("/v1/feedback?limit=1&pretty=true");
    expect(list.status).toBe(200);
    expect(await list.text()).toContain("\n  ");
  });

  it("a bad pretty value is a 400 before anything is stored", async () => {
    const res = await submit("?pretty=maybe", { feedback: "must not be stored", type: "general" });
    expect(res.status).toBe(400);
    const body = ErrorEnvelope.parse(await res.json());
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.issues).toEqual([{ path: "query.pretty", message: "use true or false (1 = true)" }]);
  });
});
