import { exports } from "cloudflare:workers";
import { expect, inject, it } from "vitest";

it("answers", async () => {
  const res = await exports.default.fetch("http://x/");
  expect(res.status).toBe(200);
});
it("reaches node", async () => {
  const res = await fetch(inject("upstreamUrl"));
  expect(await res.text()).toBe("hello from node");
});
