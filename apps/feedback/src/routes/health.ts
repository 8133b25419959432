import { feedbackHealthRoute } from "@doffin/contracts/feedback";
import { createRouter } from "@doffin/http";
import type { AppEnv } from "../env";

export const healthRoutes = createRouter<AppEnv>().openapi(feedbackHealthRoute, (c) =>
  c.json({ status: "ok", service: "feedback" } as const, 200),
);
