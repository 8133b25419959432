import { ApiError, logLine, tokensMatch } from "@doffin/http";
import type { MiddlewareHandler } from "hono";

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
