import { ErrorEnvelope } from "@doffin/core";
import { describe, expect, it } from "vitest";
import { createWorkerApp, currentDeadline, type RequestIdVariables, requestDeadlineMs } from "./index";

type E = { Variables: RequestIdVariables };

function app() {
  const a = createWorkerApp<E>();
  a.get("/hang", () => new Promise<Response>(() => undefined));
  a.get("/quick", (c) => c.json({ left: (currentDeadline() ?? 0) - Date.now() }));
  return a;
}

describe("deadline middleware", () => {
  it("answers 504 upstream_timeout within REQUEST_DEADLINE_MS when the handler hangs", async () => {
    const a = app();
    await a.request("/quick", {}, {}); // warm: the bound is about the deadline, not first-call start-up
    const started = Date.now();
    const res = await a.request("/hang", {}, { REQUEST_DEADLINE_MS: "300" });
    const elapsed = Date.now() - started;
    expect(res.status).toBe(504);
    const body = ErrorEnvelope.parse(await res.json());
    expect(body.error.code).toBe("upstream_timeout");
    expect(res.headers.get("x-request-id")).toBe(body.error.requestId);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    // A correctness bound with room for a loaded machine, not a benchmark.
    expect(elapsed).toBeLessThan(300 + 400);
  });

  it("gives the upstream the deadline minus the headroom for answering", async () => {
    const res = await app().request("/quick", {}, { REQUEST_DEADLINE_MS: "2000" });
    const { left } = (await res.json()) as { left: number };
    expect(left).toBeGreaterThan(1_700);
    expect(left).toBeLessThanOrEqual(1_800);
    expect(currentDeadline()).toBeUndefined();
  });

  it("defaults to 10 s and refuses a malformed value loudly", () => {
    expect(requestDeadlineMs({})).toBe(10_000);
    expect(requestDeadlineMs({ REQUEST_DEADLINE_MS: "" })).toBe(10_000);
    expect(requestDeadlineMs({ REQUEST_DEADLINE_MS: "2500" })).toBe(2_500);
    for (const bad of ["abc", "1.5", "10", "-1", "9999999"])
      expect(() => requestDeadlineMs({ REQUEST_DEADLINE_MS: bad })).toThrow(/REQUEST_DEADLINE_MS/);
  });
});
