import type { RequestIdVariables } from "@doffin/http";
import type { TrackerConfig } from "./config";

export type AppEnv = { Bindings: Env; Variables: RequestIdVariables & { config: TrackerConfig } };
