import {
  OCDS_FILTER_PARAMS,
  OCDS_RELEASE_TAGS,
  OcdsFilterFields,
  OcdsRecordPackage,
  OcdsReleasePackage,
} from "@doffin/contracts/ocds";
import { z } from "zod";
import { callSibling } from "../services/siblings";
import { intLike, pageSize, queryString, toInt } from "./args";
import { clipToBudget, fitList } from "./budget";
import { expectOk, ToolError } from "./dispatch";
import { defineTool } from "./tool";

/**
 * OCDS tools over the tracker's `/ocds/*` routes. Their filters are the contract's parameters
 * (`@doffin/contracts/ocds`), passed through as given: the tracker validates them with the contract's
 * schemas, so a tool and a REST caller get the same 400s and suggestions. Listed with the GnistAI
 * family (plain answers, no `data` wrapper).
 */

const text = (what: string) => z.string().min(1).max(300).optional().describe(what);

/**
 * Filter parameters, named and described as in core's OCDS query contract (page_size/cursor are the
 * tool's own); values pass as strings and the tracker validates them.
 */
const FILTERS = OCDS_FILTER_PARAMS;
const describeFilter = (p: (typeof FILTERS)[number]) => {
  const d = OcdsFilterFields.shape[p].description ?? p;
  return p === "tag" ? `${d} One of ${OCDS_RELEASE_TAGS.filter((t) => t !== "compiled").join(", ")}.` : d;
};

const parsed = <T>(schema: z.ZodType<T>, body: unknown): T => {
  const r = schema.safeParse(body);
  if (!r.success) throw new ToolError("internal", "The OCDS service answered in an unexpected shape.");
  return r.data;
};

type Loose = {
  id?: string;
  ocid?: string;
  date?: string;
  tag?: string[];
  title?: string;
  buyer?: { name?: string };
  tender?: { title?: string; value?: unknown; status?: string };
  awards?: { suppliers?: { name?: string }[] }[];
};

/** A release in a few fields (the full release: `/ocds/releases/{id}` or get_ocds_record). */
const briefRelease = (r: Record<string, unknown>) => {
  const x = r as Loose;
  return {
    id: x.id,
    ocid: x.ocid,
    date: x.date,
    tag: x.tag,
    title: x.title ?? x.tender?.title,
    buyer: x.buyer?.name,
    status: x.tender?.status,
    value: x.tender?.value,
    suppliers: [...new Set((x.awards ?? []).flatMap((a) => (a.suppliers ?? []).map((s) => s.name)))],
  };
};

export const searchReleases = defineTool({
  name: "search_releases",
  family: "gnistai",
  title: "Search OCDS releases of Doffin notices",
  description:
    "OCDS 1.1 releases the gateway publishes from Doffin's eForms notices, filtered by buyer, supplier, year, CPV, " +
    "contract type, award criteria, countries, tag, ocid and dates (all combinable). Continue with `next_cursor` as " +
    "cursor and the same filters. Full releases: get_ocds_record with the ocid.",
  input: z.strictObject({
    ...Object.fromEntries(FILTERS.map((p) => [p, text(describeFilter(p))])),
    limit: intLike(1, 100, "limit").optional().describe("1–100; default 10 over MCP, 50 on the REST bridge."),
    cursor: z.string().optional().describe("next_cursor of the previous answer (same filters)."),
  }),
  rename: { page_size: "limit" },
  run: async (a, ctx) => {
    const args = a as Record<string, string | undefined>;
    const limit = pageSize(toInt(a.limit), ctx, 50);
    const qs = queryString({
      ...Object.fromEntries(FILTERS.map((p) => [p, args[p]])),
      page_size: limit,
      cursor: a.cursor,
    });
    const pkg = parsed(
      OcdsReleasePackage,
      expectOk(await callSibling(ctx.call, "TRACKER", `/ocds/releases${qs}`)),
    );
    const next = pkg.links?.next ? new URL(pkg.links.next).searchParams.get("cursor") : null;
    const releases = pkg.releases.map(briefRelease);
    return fitList(
      { count: releases.length, releases, ...(next ? { next_cursor: next } : {}) },
      "releases",
      (kept) => ({
        count: kept,
        continuation: `Only ${kept} of ${releases.length} releases fit in 20,000 characters; call again with limit=${kept}.`,
      }),
    );
  },
});

export const getOcdsRecord = defineTool({
  name: "get_ocds_record",
  family: "gnistai",
  title: "One OCDS record: every release of a contracting process, compiled",
  description:
    "The OCDS record of an ocid (from search_releases): the compiled release (the process as it stands now) and " +
    "the list of its releases (id, date, tag) in date order.",
  input: z.strictObject({ ocid: z.string().min(1).max(300).describe("e.g. ocds-xxxxxx-<procedure id>") }),
  run: async (a, ctx) => {
    const res = await callSibling(ctx.call, "TRACKER", `/ocds/records/${encodeURIComponent(a.ocid)}`);
    if (res.status === 404) return { found: false, ocid: a.ocid };
    const pkg = parsed(OcdsRecordPackage, expectOk(res));
    const record = pkg.records[0] as { compiledRelease?: unknown; releases?: Record<string, unknown>[] };
    return clipToBudget({
      found: true,
      ocid: a.ocid,
      releases: (record.releases ?? []).map((r) => ({ id: r.id, date: r.date, tag: r.tag })),
      compiledRelease: record.compiledRelease,
    });
  },
});

export const OCDS_TOOLS = [searchReleases, getOcdsRecord];
