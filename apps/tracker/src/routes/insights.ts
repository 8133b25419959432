import {
  INSIGHTS_DEFAULT_DAYS,
  type Insights,
  insightsRoute,
  windowIssues,
} from "@doffin/contracts/insights";
import { addDays, osloDate } from "@doffin/core";
import { ApiError, createRouter } from "@doffin/http";
import { queryInsights } from "../db/insights";
import type { AppEnv } from "../env";
import { feedResponse } from "../feed-response";

export { insightsRoute };

export const insightsApp = createRouter<AppEnv>().openapi(insightsRoute, async (c) => {
  const q = c.req.valid("query");
  const to = q.to ?? osloDate(Date.now());
  const from = q.from ?? addDays(to, -(INSIGHTS_DEFAULT_DAYS - 1));
  // The contract checked the pair only when both were given; a default can still collide (from in the future).
  const issues = windowIssues(from, to);
  if (issues.length > 0)
    throw new ApiError("invalid_request", "The request is not valid; see issues.", {
      issues: issues.map((i) => ({ path: `query.${i.path.join(".")}`, message: i.message })),
    });
  const figures = await queryInsights(c.env.DB, { from, to, type: q.type ?? null });
  const body: Insights = { ...figures, generatedAt: new Date().toISOString() };
  // The ETag covers the figures and the window, not the clock, so an unchanged store answers 304.
  return feedResponse(c, body, null, figures) as never;
});
