import type { ErrorIssue } from "@doffin/core";
import type { RequestIdVariables } from "@doffin/http";
import type { FieldsVariables } from "./routes/fields";
import type { Services } from "./services/container";

/** Hono env of every sub-app: Worker bindings plus per-request variables. */
export type AppEnv = {
  Bindings: Env;
  Variables: RequestIdVariables &
    FieldsVariables & {
      services: Services;
      /** What folding the search query found wrong (routes/notices.ts), reported with the validator's issues. */
      searchFoldIssues?: ErrorIssue[];
    };
};

/** `ctx.waitUntil` when there is an execution context (always in workerd; not in bare `app.request`). */
export const waitUntilOf =
  (c: { executionCtx: { waitUntil(p: Promise<unknown>): void } }) =>
  (p: Promise<unknown>): void => {
    try {
      c.executionCtx.waitUntil(p);
    } catch {
      // No execution context (plain app.request in a unit test): let the promise run on its own.
      void p;
    }
  };
