import { NoQuery } from "@doffin/core";
import { createRoute, z } from "@hono/zod-openapi";
import { errorResponses } from "./errors";

/**
 * The API Worker's key-management routes (`/v1/admin/keys`). The Worker registers these very objects
 * with its handlers (apps/api/src/keys/routes.ts); the CLI's `doffin keys` sends what they accept.
 */

/** What a key may do: `read` the data routes, `feedback:read` the feedback list, `admin` manage keys. */
export const KEY_SCOPES = ["read", "feedback:read", "admin"] as const;
export const KeyScope = z.enum(KEY_SCOPES);
export type KeyScope = z.infer<typeof KeyScope>;

/**
 * Per-key limits (requests per minute). The Workers Rate Limiting binding fixes a limit per binding, so
 * a key picks one of these tiers, one binding each (apps/api/wrangler.jsonc); 600 is the default.
 */
export const KEY_RATE_LIMITS = [60, 600, 6000] as const;
export const DEFAULT_KEY_RATE_LIMIT = 600;

/** The visible prefix every key starts with, so a leaked key is recognisable (secret scanners). */
export const KEY_PREFIX = "dgw_";

/** Security schemes the document names: the key in any of three headers, and the operator token. */
export const API_KEY_SCHEMES = {
  apiKeyBearer: {
    type: "http",
    scheme: "bearer",
    description:
      "An API key (`dgw_…`) as `Authorization: Bearer dgw_…`. Optional: without one, anonymous limits apply.",
  },
  apiKeyHeader: {
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
    description: "The same key, Parse.bot style.",
  },
  gnistApiKeyHeader: {
    type: "apiKey",
    in: "header",
    name: "Gnist-API-Key",
    description: "The same key, GnistAI style.",
  },
  adminToken: {
    type: "http",
    scheme: "bearer",
    description: "The API Worker's secret OPERATOR_TOKEN, or a key with the `admin` scope.",
  },
} as const;

const security = [{ adminToken: [] }];

export const KeyCreate = z
  .strictObject({
    owner: z.string().trim().min(1).max(200).openapi({ example: "ops@example.no" }),
    label: z.string().trim().max(200).default("").openapi({ example: "nightly export" }),
    scopes: z.array(KeyScope).min(1).max(KEY_SCOPES.length).default(["read"]),
    rateLimit: z
      .union(KEY_RATE_LIMITS.map((n) => z.literal(n)))
      .optional()
      .openapi({ description: `Requests per minute, one of ${KEY_RATE_LIMITS.join(", ")}; default 600.` }),
  })
  .openapi("KeyCreate");
export type KeyCreate = z.infer<typeof KeyCreate>;

export const KeyItem = z
  .object({
    id: z.string(),
    prefix: z.string().openapi({ description: "The key's first characters, to tell keys apart." }),
    owner: z.string(),
    label: z.string(),
    scopes: z.array(KeyScope),
    rateLimit: z.number().int(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi("KeyItem");
export type KeyItem = z.infer<typeof KeyItem>;

export const KeyCreated = KeyItem.extend({
  key: z.string().openapi({ description: "The key itself. Shown once: only its hash is stored." }),
}).openapi("KeyCreated");
export type KeyCreated = z.infer<typeof KeyCreated>;

export const KeyList = z.object({ keys: z.array(KeyItem) }).openapi("KeyList");
export const KeyIdParam = z.object({
  id: z
    .string()
    .regex(/^key_[0-9a-f]{16}$/, "a key id looks like key_ and 16 hex digits")
    .openapi({ param: { name: "id", in: "path" }, example: "key_0123456789abcdef" }),
});

const authErrors = ["unauthorized", "forbidden", "rate_limited"] as const;

export const createKeyRoute = createRoute({
  method: "post",
  path: "/v1/admin/keys",
  tags: ["Admin"],
  summary: "Create an API key",
  description: "Answers the key once; only a peppered SHA-256 of it is stored. Audit-logged.",
  security,
  request: {
    query: NoQuery,
    body: { required: true, content: { "application/json": { schema: KeyCreate } } },
  },
  responses: {
    201: { description: "Created.", content: { "application/json": { schema: KeyCreated } } },
    ...errorResponses(["invalid_request", ...authErrors, "payload_too_large", "unsupported_media_type"]),
  },
});

export const listKeysRoute = createRoute({
  method: "get",
  path: "/v1/admin/keys",
  tags: ["Admin"],
  summary: "List API keys (never the keys themselves)",
  security,
  request: { query: NoQuery },
  responses: {
    200: { description: "Every key, newest first.", content: { "application/json": { schema: KeyList } } },
    ...errorResponses(["invalid_request", ...authErrors]),
  },
});

export const revokeKeyRoute = createRoute({
  method: "delete",
  path: "/v1/admin/keys/{id}",
  tags: ["Admin"],
  summary: "Revoke an API key",
  description: "From then on the key is a 401. Revoking twice answers the same row. Audit-logged.",
  security,
  request: { query: NoQuery, params: KeyIdParam },
  responses: {
    200: { description: "Revoked.", content: { "application/json": { schema: KeyItem } } },
    ...errorResponses(["invalid_request", "not_found", ...authErrors]),
  },
});

export const adminRoutes = [createKeyRoute, listKeysRoute, revokeKeyRoute];
