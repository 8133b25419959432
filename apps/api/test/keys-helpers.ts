import { env } from "cloudflare:workers";
import type { KeyCreated } from "@doffin/contracts/admin";
import { expect } from "vitest";
import type { emulatorApp } from "./helpers";

type Call = ReturnType<typeof emulatorApp>["call"];
export const OPERATOR = { authorization: `Bearer ${env.OPERATOR_TOKEN}` };

/** Creates a key through the admin route with the operator token. */
export async function createKey(
  call: Call,
  body: Record<string, unknown>,
  bindings: object = env,
): Promise<KeyCreated> {
  const res = await call(
    "/v1/admin/keys",
    {
      method: "POST",
      headers: { ...OPERATOR, "content-type": "application/json" },
      body: JSON.stringify(body),
    },
    bindings,
  );
  expect(res.status).toBe(201);
  return (await res.json()) as KeyCreated;
}

/** Parses `"name";r=3;t=20` (one item) into its parameters. */
export function sfItem(value: string | null): { name: string; params: Record<string, number> } {
  expect(value).not.toBeNull();
  const [name = "", ...params] = (value ?? "").split(";");
  return {
    name: name.replace(/"/g, ""),
    params: Object.fromEntries(params.map((p) => p.split("=")).map(([k, v]) => [k, Number(v)])),
  };
}

/** Waits out the last seconds of a wall-clock minute so a burst stays inside one limiter window. */
export async function awayFromWindowEdge(): Promise<void> {
  const intoMinute = (Date.now() / 1000) % 60;
  if (intoMinute > 50) await new Promise((r) => setTimeout(r, (61 - intoMinute) * 1000));
}
