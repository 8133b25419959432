import { env, exports } from "cloudflare:workers";
import { createDoffinClient, type DoffinSource } from "@doffin/core";
import { emulatorUrl } from "./helpers";

/** Contract-store test helpers: a Public API source, a counting R2 bucket, requests in Public API mode. */

export const API_KEY = "test-key";

/**
 * The emulator's Public API. `xml` answers the download of the listed ids with the given body instead
 * (a real captured award notice, or a broken body); every other request goes to the emulator.
 */
export function publicSource(xml: Record<string, string> = {}, log?: number[]): DoffinSource {
  const inner: typeof fetch = async (input, init) => {
    log?.push(Date.now());
    const url = new URL(input instanceof Request ? input.url : String(input));
    const id = url.pathname.match(/^\/public\/v2\/download\/(.+)$/)?.[1];
    const body = id ? xml[id] : undefined;
    if (body !== undefined)
      return new Response(body, { status: 200, headers: { "content-type": "application/octet-stream" } });
    return fetch(input, init);
  };
  return createDoffinClient({
    baseUrl: emulatorUrl(),
    kind: "public-api",
    apiKey: API_KEY,
    retry: { attempts: 1 },
    timeoutMs: 10_000,
    fetch: inner,
  });
}

/** env.EFORMS with its `put`s counted. */
export function countingBucket(bucket: R2Bucket = env.EFORMS) {
  const puts: string[] = [];
  const proxy = new Proxy(bucket, {
    get(target, prop) {
      if (prop === "put")
        return (key: string, ...rest: unknown[]) => {
          puts.push(key);
          return (target.put as (...a: unknown[]) => unknown).call(target, key, ...rest);
        };
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return { bucket: proxy as R2Bucket, puts };
}

export async function clearBucket(bucket: R2Bucket = env.EFORMS) {
  for (;;) {
    const list = await bucket.list({ limit: 500 });
    if (list.objects.length === 0) return;
    await bucket.delete(list.objects.map((o) => o.key));
  }
}

export async function rows<T>(sql: string, ...args: unknown[]): Promise<T[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...args)
      .all<T>()
  ).results;
}

/** A GET to the Worker; `publicApi` runs it with a key configured (as a Public API deployment). */
export const request = (path: string, publicApi = true) =>
  publicApi
    ? // The app reads its config from the env of the request, so a key can be set per test.
      import("../src/app").then(({ createApp }) =>
        createApp().request(path, {}, { ...env, UPSTREAM_KIND: "public-api", DOFFIN_API_KEY: API_KEY }),
      )
    : exports.default.fetch(`http://tracker${path}`);
