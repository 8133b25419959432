import { env, exports } from "cloudflare:workers";
import { type AlertEvent, createNavClient, type NavSource } from "@doffin/core";
import { inject } from "vitest";
import { clockFrom } from "../src/demo";
import { emulatorUrl } from "./helpers";

/** Saved-search test helpers: requests to the tracker Worker as the API sends them, and the alert tables. */

export type Call = {
  method?: string;
  body?: unknown;
  owner?: string | null;
  headers?: Record<string, string>;
};

/** A request to the real tracker Worker (its fetch handler), with `x-dgw-owner` as the API would set it. */
export async function call(path: string, opts: Call = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.owner !== null) headers["x-dgw-owner"] = opts.owner ?? "owner-a";
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  return exports.default.fetch(`http://tracker${path}`, {
    method: opts.method ?? (body === undefined ? "GET" : "POST"),
    headers,
    ...(body === undefined ? {} : { body }),
  });
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export async function clearAlerts(db: D1Database = env.DB) {
  await db.batch(
    ["saved_searches", "alert_matches", "alert_events"].map((t) => db.prepare(`DELETE FROM ${t}`)),
  );
}

export async function alertEvents(searchId?: string): Promise<AlertEvent[]> {
  const { results } = await env.DB.prepare(
    `SELECT payload FROM alert_events ${searchId ? "WHERE search_id = ?" : ""} ORDER BY seq`,
  )
    .bind(...(searchId ? [searchId] : []))
    .all<{ payload: string }>();
  return results.map((r) => JSON.parse(r.payload) as AlertEvent);
}

/** The Doffin emulator's clock, read the way the demo tracker reads it (src/demo.ts `clockFrom`). */
export const emulatorClock = () => clockFrom(`${emulatorUrl()}/_emulator/clock`)();

export async function publishNotice(input: Record<string, unknown>): Promise<{ id: string }> {
  const res = await fetch(`${emulatorUrl()}/_emulator/notices`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  if (!res.ok) throw new Error(`emulator publish: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id?: string; n?: { id: string }; notice?: { id: string } };
  const id = body.id ?? body.n?.id ?? body.notice?.id;
  if (!id) throw new Error(`emulator publish answered no id: ${JSON.stringify(body).slice(0, 200)}`);
  return { id };
}

export const navUrl = () => inject("navUrl");

export const navClient = (): NavSource =>
  createNavClient({
    feedBaseUrl: navUrl(),
    searchBaseUrl: navUrl(),
    retry: { attempts: 1 },
    timeoutMs: 10_000,
  });

export async function navControl<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${navUrl()}/_emulator${path}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`nav emulator ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
