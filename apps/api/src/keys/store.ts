import { DEFAULT_KEY_RATE_LIMIT, type KeyItem, KeyScope } from "@doffin/contracts/admin";
import { ApiError } from "@doffin/http";

/** A stored key row (the hash included; never sent to a client). */
type Row = {
  id: string;
  prefix: string;
  hash: string;
  owner: string;
  label: string;
  scopes: string;
  rate_limit: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

export type StoredKey = KeyItem & { hash: string };

const toKey = (r: Row): StoredKey => ({
  id: r.id,
  prefix: r.prefix,
  hash: r.hash,
  owner: r.owner,
  label: r.label,
  scopes: r.scopes
    .split(" ")
    .filter((s) => s !== "")
    .map((s) => KeyScope.parse(s)),
  rateLimit: r.rate_limit ?? DEFAULT_KEY_RATE_LIMIT,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** The public view of a key: everything but the hash. */
export const publicKey = ({ hash: _hash, ...item }: StoredKey): KeyItem => item;

/** A D1 failure is a 503 the client may retry, not a 500 (same as the feedback Worker's storage()). */
async function storage<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw new ApiError("upstream_unavailable", "The key store is not available right now.", {
      headers: { "retry-after": "5" },
      log: { what, error: String(err) },
    });
  }
}

export type NewKey = Omit<StoredKey, "lastUsedAt" | "revokedAt" | "rateLimit"> & {
  rateLimit?: number | undefined;
};

/** Typed queries on the KEYS_DB tables (migrations/0001_api_keys.sql). */
export function keyStore(db: D1Database) {
  return {
    insert: (k: NewKey) =>
      storage("insert key", () =>
        db
          .prepare(
            "INSERT INTO api_keys (id, prefix, hash, owner, label, scopes, rate_limit, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          )
          .bind(
            k.id,
            k.prefix,
            k.hash,
            k.owner,
            k.label,
            k.scopes.join(" "),
            k.rateLimit ?? null,
            k.createdAt,
          )
          .run(),
      ),
    byHash: (hash: string) =>
      storage("find key", async () => {
        const row = await db.prepare("SELECT * FROM api_keys WHERE hash = ?").bind(hash).first<Row>();
        return row ? toKey(row) : null;
      }),
    byId: (id: string) =>
      storage("find key", async () => {
        const row = await db.prepare("SELECT * FROM api_keys WHERE id = ?").bind(id).first<Row>();
        return row ? toKey(row) : null;
      }),
    list: () =>
      storage("list keys", async () => {
        const { results } = await db
          .prepare("SELECT * FROM api_keys ORDER BY created_at DESC, id")
          .all<Row>();
        return results.map(toKey);
      }),
    /** Sets revoked_at once; a second revoke keeps the first instant. */
    revoke: (id: string, at: string) =>
      storage("revoke key", () =>
        db
          .prepare("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?")
          .bind(at, id)
          .run(),
      ),
    touch: (id: string, at: string) =>
      db.prepare("UPDATE api_keys SET last_used_at = ? WHERE id = ?").bind(at, id).run(),
    audit: (e: { at: string; action: string; keyId: string | null; actor: string; requestId: string }) =>
      storage("audit", () =>
        db
          .prepare("INSERT INTO key_audit (at, action, key_id, actor, request_id) VALUES (?, ?, ?, ?, ?)")
          .bind(e.at, e.action, e.keyId, e.actor, e.requestId)
          .run(),
      ),
  };
}
