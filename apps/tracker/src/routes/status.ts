import { TrackerStatus } from "@doffin/core";
import { validationHook } from "@doffin/http";
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { backfillProgress } from "../backfill";
import { emptyBackfill, lastSweep, totals } from "../db";
import type { AppEnv } from "../env";

export const statusRoute = createRoute({
  method: "get",
  path: "/v1/tracker/status",
  summary: "Last sweep, backfill progress and totals",
  responses: {
    200: { content: { "application/json": { schema: TrackerStatus } }, description: "Tracker status." },
  },
});

export const healthRoute = createRoute({
  method: "get",
  path: "/health",
  summary: "Liveness and the time of the last finished sweep",
  responses: {
    200: {
      content: {
        "application/json": {
          schema: z.object({
            status: z.literal("ok"),
            service: z.literal("doffin-tracker"),
            lastSweepAt: z.string().nullable(),
          }),
        },
      },
      description: "The Worker runs.",
    },
  },
});

export const statusApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(statusRoute, async (c) => {
    const [sweep, backfill, t] = await Promise.all([
      lastSweep(c.env.DB),
      backfillProgress(c.env.DB),
      totals(c.env.DB),
    ]);
    const body: TrackerStatus = { lastSweep: sweep, backfill: backfill ?? emptyBackfill(), totals: t };
    return c.json(body, 200, { "cache-control": "no-store" });
  })
  .openapi(healthRoute, async (c) => {
    const sweep = await lastSweep(c.env.DB);
    return c.json(
      {
        status: "ok" as const,
        service: "doffin-tracker" as const,
        lastSweepAt: sweep?.finishedAt ?? sweep?.startedAt ?? null,
      },
      200,
    );
  });
