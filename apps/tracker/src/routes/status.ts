import { statusRoute, trackerHealthRoute } from "@doffin/contracts/tracker";
import type { TrackerStatus } from "@doffin/core";
import { createRouter } from "@doffin/http";
import { backfillProgress } from "../backfill";
import { storesContracts } from "../config";
import { contractProgress } from "../contract/backfill";
import { emptyBackfill, lastSweep } from "../db/bookkeeping";
import { totals } from "../db/feed";
import type { AppEnv } from "../env";
import { budgetStatus } from "../pace";

export { statusRoute, trackerHealthRoute as healthRoute };

export const statusApp = createRouter<AppEnv>()
  .openapi(statusRoute, async (c) => {
    const [sweep, backfill, t, contractData, budget] = await Promise.all([
      lastSweep(c.env.DB),
      backfillProgress(c.env.DB),
      totals(c.env.DB),
      contractProgress(c.env.DB, storesContracts(c.get("config"))),
      budgetStatus(c.env),
    ]);
    const body: TrackerStatus = {
      lastSweep: sweep,
      backfill: backfill ?? emptyBackfill(),
      totals: t,
      contractData,
      ...(budget === undefined ? {} : { budget }),
    };
    return c.json(body, 200, { "cache-control": "no-store" });
  })
  .openapi(trackerHealthRoute, async (c) => {
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
