import {
  createNavClient,
  JobChangeEvent,
  JobChangesFeed,
  JobDetail,
  JobFacetsAnswer,
  type JobSearchQuery,
  JobSearchResult,
  resolveJobSearchQuery,
} from "@doffin/core";
import { z } from "zod";
import { CliError, EXIT, usageError } from "../errors";
import { issuesMessage } from "../filters";
import { createGatewayGetter, type GatewayOptions } from "./gateway";

/**
 * NAV job listings for the `jobs` commands: through the gateway (`/v1/jobs*`), or directly from NAV
 * (or its emulator) with core's NAV client (`--direct`; the change feed needs the gateway's tracker).
 */

/**
 * A job event as core's `JobChangeEvent`, except that `kind` and the ad's `state` accept values this CLI
 * version does not know yet (a newer gateway must not break an older CLI), as the notice feed's
 * `ChangeItem` does.
 */
export const JobChangeItem = JobChangeEvent.extend({
  kind: z.string(),
  job: JobChangeEvent.shape.job.unwrap().extend({ state: z.string() }).optional(),
});
export type JobChangeItem = z.infer<typeof JobChangeItem>;
/** The job change feed's page (`GET /v1/jobs/changes`), as core's `JobChangesFeed`. */
export const JobChangesPage = JobChangesFeed.extend({ items: z.array(JobChangeItem) });
export type JobChangesPage = z.infer<typeof JobChangesPage>;

export type JobChangesParams = Record<string, string | string[] | undefined>;

export interface JobsTransport {
  search(query: JobSearchQuery): Promise<JobSearchResult>;
  job(uuid: string): Promise<JobDetail>;
  facets(query: JobSearchQuery): Promise<JobFacetsAnswer>;
  changes(params: JobChangesParams): Promise<JobChangesPage>;
}

/** A validated query → the API's query string (the contract's public names; lists repeat). */
export function jobSearchParams(q: JobSearchQuery): URLSearchParams {
  const p = new URLSearchParams();
  for (const [name, value] of Object.entries(q)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) p.append(name, String(v));
  }
  return p;
}

export function createGatewayJobsTransport(opts: GatewayOptions): JobsTransport {
  const { get } = createGatewayGetter(opts);
  return {
    search: (q) => get(`/v1/jobs?${jobSearchParams(q)}`, JobSearchResult, "job search"),
    job: (uuid) => get(`/v1/jobs/${encodeURIComponent(uuid)}`, JobDetail, "job"),
    facets: (q) => get(`/v1/jobs/facets?${jobSearchParams(q)}`, JobFacetsAnswer, "job facets"),
    changes(params) {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(params))
        for (const item of v === undefined ? [] : Array.isArray(v) ? v : [v]) p.append(k, item);
      return get(`/v1/jobs/changes?${p}`, JobChangesPage, "job change feed");
    },
  };
}

export function createDirectJobsTransport(opts: {
  navUrl: string;
  navFeedUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
}): JobsTransport {
  const nav = createNavClient({
    feedBaseUrl: opts.navFeedUrl,
    searchBaseUrl: opts.navUrl,
    fetch: opts.fetch,
    timeoutMs: opts.timeoutMs,
  });
  const resolved = (q: JobSearchQuery) => {
    const r = resolveJobSearchQuery(q);
    if (!r.ok) throw usageError(issuesMessage(r.issues));
    return r.search;
  };
  return {
    search: (q) => nav.search(resolved(q)),
    job: async (uuid) => ({ ...(await nav.getJob(uuid)), similarJobs: [] }),
    async facets(q) {
      const r = await nav.search(
        resolved({ ...q, page: undefined, offset: undefined, limit: 1, facets: true }),
      );
      return { total: r.total, facets: r.facets ?? (await Promise.reject(new Error("NAV sent no facets"))) };
    },
    changes: () =>
      Promise.reject(
        new CliError(EXIT.usage, "the job change feed comes from the gateway's tracker; drop --direct"),
      ),
  };
}
