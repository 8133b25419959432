import { ErrorEnvelope } from "@doffin/core";
import type { z } from "zod";
import { CliError, EXIT, type Target, usageError } from "../errors";

export type GatewayRequest = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path and query on the gateway. */
  path: string;
  body?: unknown;
  /** Sent as `Authorization: Bearer …` (an API key, or the operator token). */
  token?: string | undefined;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/**
 * One JSON request to a gateway route that is not a plain read (saved searches, admin keys): the error
 * envelope becomes a one-line CliError (404 → exit 3, other 4xx → 2, 429/5xx/unreachable → 4), the
 * answer is checked with `schema` (null for a 204).
 * @example await gatewayJson(target, { method: "GET", path: "/v1/searches" }, SavedSearchPage)
 */
export async function gatewayJson<S extends z.ZodType>(
  target: Target,
  req: GatewayRequest,
  schema: S,
): Promise<z.output<S>> {
  if (target.mode !== "gateway") throw usageError("this needs a gateway; drop --direct");
  let res: Response;
  try {
    res = await (req.fetch ?? fetch)(`${target.url}${req.path}`, {
      method: req.method,
      headers: {
        accept: "application/json",
        ...(req.token ? { authorization: `Bearer ${req.token}` } : {}),
        ...(req.body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
      signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
    });
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(EXIT.unavailable, `cannot reach the gateway at ${target.url}`);
  }
  const json: unknown = res.status === 204 ? null : await res.json().catch(() => undefined);
  if (!res.ok) throw errorOf(res.status, json, target);
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new CliError(EXIT.unavailable, `the gateway sent an unexpected ${req.path.split("?")[0]} response`);
  return parsed.data as z.output<S>;
}

/** A gateway error answer → the CLI's one-line error with the envelope's message and issues. */
export function errorOf(status: number, json: unknown, target: Target): CliError {
  const env = ErrorEnvelope.safeParse(json);
  const issues = env.success ? (env.data.error.issues ?? []).map((i) => `${i.path}: ${i.message}`) : [];
  const message = env.success
    ? [env.data.error.message, ...issues].join(" — ")
    : `HTTP ${status} from the gateway at ${target.url}`;
  if (status === 404) return new CliError(EXIT.notFound, message);
  return new CliError(status < 500 && status !== 429 ? EXIT.usage : EXIT.unavailable, message);
}
