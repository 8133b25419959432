import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { emulatorApp, expectEnvelope } from "./helpers";
import { createKey } from "./keys-helpers";

/**
 * `/v1/searches*` goes to the tracker with the owner the API sets itself (`x-dgw-owner`): the key's id,
 * `anonymous` only on a gateway without keys, never what the client sent; feeds go without a key or owner.
 */

const { call } = emulatorApp();

/** A TRACKER binding that answers with what it received. */
const echo = {
  fetch: async (r: Request) =>
    Response.json({
      path: new URL(r.url).pathname + new URL(r.url).search,
      method: r.method,
      owner: r.headers.get("x-dgw-owner"),
    }),
};
const withEcho = { ...env, TRACKER: echo };
const keyless = { ...env, TRACKER: echo, KEY_PEPPER: undefined };
type Echo = { path: string; method: string; owner: string | null };

describe("forwarding saved searches to the tracker", () => {
  it("sets the owner to the key's id, replacing any x-dgw-owner the client sent", async () => {
    const { key, id } = await createKey(call, { owner: "alerts@example.no" }, withEcho);
    for (const [path, method] of [
      ["/v1/searches", "POST"],
      ["/v1/searches?limit=5", "GET"],
      ["/v1/searches/ss_aaaaaaaaaaaaaaaaaaaa", "PATCH"],
      ["/v1/searches/ss_aaaaaaaaaaaaaaaaaaaa/matches/2026-100001", "PATCH"],
    ] as const) {
      const res = await call(
        path,
        {
          method,
          headers: {
            authorization: `Bearer ${key}`,
            "x-dgw-owner": "someone-else",
            "content-type": "application/json",
          },
          ...(method === "GET" ? {} : { body: "{}" }),
        },
        withEcho,
      );
      expect(res.status, path).toBe(200);
      expect(await res.json()).toEqual({ path, method, owner: id });
    }
  });

  it("refuses saved searches without a key on a gateway that has keys (401), but serves feeds", async () => {
    await expectEnvelope(
      await call("/v1/searches", { headers: { "x-dgw-owner": "anonymous" } }, withEcho),
      401,
      "unauthorized",
    );
    const feed = await call(
      "/v1/searches/ss_aaaaaaaaaaaaaaaaaaaa/feed.atom?token=t",
      { headers: { "x-dgw-owner": "forged" } },
      withEcho,
    );
    expect(feed.status).toBe(200);
    expect(await feed.json()).toEqual({
      path: "/v1/searches/ss_aaaaaaaaaaaaaaaaaaaa/feed.atom?token=t",
      method: "GET",
      owner: null,
    });
    const json = await call("/v1/searches/ss_aaaaaaaaaaaaaaaaaaaa/feed.json?token=t", {}, withEcho);
    expect(((await json.json()) as Echo).owner).toBeNull();
  });

  it("uses the owner `anonymous` when the gateway runs without keys", async () => {
    const res = await call("/v1/searches", { headers: { "x-dgw-owner": "forged" } }, keyless);
    expect(((await res.json()) as Echo).owner).toBe("anonymous");
  });

  it("strips a client's x-dgw-owner on every other forwarded path", async () => {
    const res = await call("/v1/changes?limit=1", { headers: { "x-dgw-owner": "forged" } }, withEcho);
    expect(((await res.json()) as Echo).owner).toBeNull();
  });

  it("documents the saved-search routes in the API's OpenAPI document", async () => {
    const doc = (await (await call("/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths["/v1/searches"] ?? {}).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/v1/searches/{id}"] ?? {}).sort()).toEqual(["delete", "get", "patch"]);
    for (const p of [
      "/v1/searches/{id}/matches",
      "/v1/searches/{id}/feed.atom",
      "/v1/searches/{id}/feed.json",
    ])
      expect(Object.keys(doc.paths[p] ?? {}), p).toEqual(["get"]);
    expect(Object.keys(doc.paths["/v1/searches/{id}/matches/{itemId}"] ?? {})).toEqual(["patch"]);
  });
});
