import type { KeyScope } from "@doffin/contracts/admin";
import type { StoredKey } from "./store";

/** Who is calling: a verified key, or an anonymous client (by IP bucket). */
export type Principal = { kind: "key"; key: StoredKey } | { kind: "anon"; bucket: string };

declare module "hono" {
  interface ContextVariableMap {
    /** Set by the access middleware (src/middleware/access.ts) on every request. */
    principal: Principal;
    /** Who an admin action is audit-logged as: `operator` or the admin key's id. */
    actor: string;
  }
}

/**
 * The scope a keyed request needs: `admin` for key management, `feedback:read` to read the feedback
 * list (forwarded with the operator token), `read` for everything else — saved searches included,
 * writes too: a key only ever reaches its own searches (the owner is the key id, routes/forward.ts), so
 * a separate scope would guard nothing a `read` key could harm for others.
 */
export function requiredScope(method: string, path: string): KeyScope {
  if (path.startsWith("/v1/admin/")) return "admin";
  if (
    (method === "GET" || method === "HEAD") &&
    (path === "/v1/feedback" || path.startsWith("/v1/feedback/"))
  )
    return "feedback:read";
  return "read";
}
