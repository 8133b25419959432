import { env } from "cloudflare:workers";
import { FeedbackCreated } from "@doffin/contracts/feedback";
import { expect, it } from "vitest";
import { post } from "./helpers";

it("1000 concurrent POSTs store exactly 1000 rows with 1000 distinct ids", async () => {
  const run = `load-${crypto.randomUUID()}`;
  const responses = await Promise.all(
    Array.from({ length: 1000 }, (_, i) => post({ feedback: `${run} #${i}`, context: { i } })),
  );
  const ids = await Promise.all(
    responses.map(async (res) => {
      expect(res.status).toBe(201);
      return FeedbackCreated.parse(await res.json()).id;
    }),
  );
  expect(new Set(ids).size).toBe(1000);
  const stored = await env.DB.prepare("SELECT id, feedback FROM feedback WHERE feedback LIKE ?")
    .bind(`${run} #%`)
    .all<{ id: string; feedback: string }>();
  expect(stored.results).toHaveLength(1000);
  expect(new Set(stored.results.map((r) => r.id))).toEqual(new Set(ids));
  expect(new Set(stored.results.map((r) => r.feedback)).size).toBe(1000);
});
