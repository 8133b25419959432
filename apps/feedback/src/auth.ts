import { ApiError, logLine } from "@doffin/http";
import type { MiddlewareHandler } from "hono";

const encoder = new TextEncoder();
const sha256 = (s: string) => crypto.subtle.digest("SHA-256", encoder.encode(s));

/**
 * Compares two secrets in constant time. Hashing first gives both sides the same length, so neither
 * the content nor the length of the expected token leaks through timing.
 */
export async function tokensMatch(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

const unauthorized = (message: string) =>
  new ApiError("unauthorized", message, { headers: { "www-authenticate": 'Bearer realm="feedback"' } });

/**
 * Operator routes: `Authorization: Bearer <OPERATOR_TOKEN>`. No token → 401, a wrong one → 403.
 * With OPERATOR_TOKEN unset every token is wrong: the routes are never open by default.
 */
export const operatorAuth = (): MiddlewareHandler<{ Bindings: Env }> => async (c, next) => {
  const header = c.req.header("authorization");
  if (header === undefined || header.trim() === "")
    throw unauthorized("Operator routes need Authorization: Bearer <token>.");
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw unauthorized("Use the Bearer scheme: Authorization: Bearer <token>.");
  const expected: string | undefined = c.env.OPERATOR_TOKEN;
  if (!expected) {
    logLine("warn", { msg: "OPERATOR_TOKEN is not set; operator routes refuse every token" });
    throw new ApiError("forbidden", "This token is not allowed here.");
  }
  if (!(await tokensMatch(match[1], expected)))
    throw new ApiError("forbidden", "This token is not allowed here.");
  await next();
};
