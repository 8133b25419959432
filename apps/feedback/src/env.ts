import type { RequestIdVariables } from "@doffin/http";

/** The feedback Worker's Hono env: its bindings and the shared request id. */
export type AppEnv = { Bindings: Env; Variables: RequestIdVariables };
