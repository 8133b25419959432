import { exports } from "cloudflare:workers";
import { ErrorEnvelope } from "@doffin/core";
import { expect } from "vitest";

export const BASE = "http://feedback.test";
export const TOKEN = "test-operator-token";

let ipCounter = 0;
/** A fresh client IP per call, so tests do not share a rate-limit bucket unless they mean to. */
export const freshIp = (): string => {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

export type PostOptions = { ip?: string; key?: string; headers?: Record<string, string> };

/** POST /v1/feedback with a JSON (or raw string) body through the Worker's default export. */
export function post(body: unknown, opts: PostOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "cf-connecting-ip": opts.ip ?? freshIp(),
    ...(opts.key === undefined ? {} : { "idempotency-key": opts.key }),
    ...opts.headers,
  };
  return exports.default.fetch(`${BASE}/v1/feedback`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export function operator(
  path: string,
  init: RequestInit & { token?: string | null } = {},
): Promise<Response> {
  const { token = TOKEN, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token !== null) headers.set("authorization", `Bearer ${token}`);
  if (rest.body !== undefined && !headers.has("content-type"))
    headers.set("content-type", "application/json");
  return exports.default.fetch(`${BASE}${path}`, { ...rest, headers });
}

/** Asserts status, the full envelope shape and that the request id matches the header. */
export async function expectEnvelope(res: Response, status: number, code: string): Promise<ErrorEnvelope> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = ErrorEnvelope.parse(JSON.parse(text));
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  return body;
}
