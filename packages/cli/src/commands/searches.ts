import { Argument, Command, Option } from "commander";
import { z } from "zod";
import { usageError } from "../errors";
import { addSearchOptions, EXPORT_FIELDS, parseSearchOptions, rawParams } from "../filters";
import { matchesView, searchesView, searchView } from "../output/alert-views";
import { gatewayJson } from "../transport/gateway-json";
import {
  AlertMatch,
  AlertMatchPage,
  MATCH_STATES,
  SavedSearch,
  SavedSearchPage,
  SEARCH_ID,
} from "../transport/saved-searches";
import { addJobOptions, JOB_FILTER_FIELDS, parseJobOptions } from "./jobs-options";
import { contextOf, examples, type Io, limitOf, printJson, viewOptions } from "./shared";

/**
 * `doffin searches create|list|show|delete|matches|mark`: the gateway's saved searches
 * (`/v1/searches*`). The filters are the search contracts' own (`doffin search` and `doffin jobs
 * search` flags), checked here before any request and sent as the API's parameters, so the gateway
 * stores what GET /v1/notices or GET /v1/jobs would take. The API key comes from DOFFIN_GATEWAY_KEY
 * (never a flag: it stays out of shell history); an open gateway needs none.
 */

const NOTICE_FIELDS = EXPORT_FIELDS.filter((f) => f !== "q");
const JOB_FIELDS = JOB_FILTER_FIELDS.filter((f) => f !== "q");

export const gatewayKey = (): string | undefined => process.env.DOFFIN_GATEWAY_KEY?.trim() || undefined;

/** One request of a searches command, with the global options' target and timeout and the key. */
export function searchesCall(cmd: Command) {
  const ctx = contextOf(cmd);
  const timeoutMs = Number((cmd.optsWithGlobals() as { timeout?: string }).timeout ?? 30_000);
  return {
    ctx,
    call: <S extends Parameters<typeof gatewayJson>[2]>(
      method: "GET" | "POST" | "PATCH" | "DELETE",
      path: string,
      schema: S,
      body?: unknown,
    ) => gatewayJson(ctx.target, { method, path, body, token: gatewayKey(), timeoutMs }, schema),
  };
}

export const searchIdOf = (id: string): string => {
  const v = id.trim();
  if (!SEARCH_ID.test(v)) throw usageError(`"${id}" is not a saved search id (ss_ + 20 letters/digits)`);
  return v;
};

const qs = (params: Record<string, string | number | undefined>): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : "";
};

type CreateOptions = Record<string, unknown> & {
  source: "notices" | "jobs";
  webhookUrl?: string;
  webhookSecret?: string;
  paused?: boolean;
};

/** The filter flags of the chosen source → the API's parameters; the other source's flags are refused. */
function filterOf(o: CreateOptions): Record<string, string | string[]> {
  const words = typeof o.q === "string" ? [o.q] : [];
  const other: readonly string[] = o.source === "jobs" ? NOTICE_FIELDS : JOB_FIELDS;
  const stray = Object.keys(rawParams(other, [], o));
  if (stray.length)
    throw usageError(
      `--${stray[0]?.replace(/_/g, "-")} is a ${o.source === "jobs" ? "notices" : "jobs"} filter; this search has --source ${o.source}`,
    );
  // Validated with the search contract (exit 2 with its message), sent as given.
  if (o.source === "jobs") {
    parseJobOptions(JOB_FILTER_FIELDS, words, o);
    return rawParams(JOB_FIELDS, words, o);
  }
  parseSearchOptions(EXPORT_FIELDS, [], o);
  return rawParams(NOTICE_FIELDS, words, o);
}

function createCommand(io: Io): Command {
  const cmd = new Command("create")
    .description("save a search: its matches come as alerts (feeds, webhook, `doffin watch`)")
    .argument("<name>", "a name for it (1-200 characters)")
    .addOption(
      new Option("--source <source>", "what it runs over").choices(["notices", "jobs"]).default("notices"),
    )
    .option("--q <text>", "free text (notices: headings and descriptions; jobs: the ad text)")
    .option("--webhook-url <url>", "POST each alert here, signed (https; see the tracker README)")
    .option("--webhook-secret <secret>", "the signing secret (16+ characters); generated when left out")
    .option("--paused", "save it paused (no matching until resumed)");
  addSearchOptions(cmd, NOTICE_FIELDS);
  addJobOptions(cmd, JOB_FIELDS);
  return cmd
    .addHelpText(
      "after",
      `
Notice filters are those of \`doffin search\`, job filters those of \`doffin jobs search\` (with --source jobs).
${examples([
  "doffin searches create 'IT in Oslo' --cpv '72*' --location Oslo --type COMPETITION",
  "doffin searches create 'Nurses' --source jobs --occupation Helse --county Oslo",
  "doffin searches create 'Roads' --cpv 45233000 --webhook-url https://example.com/hooks/doffin",
])}`,
    )
    .action(async function (this: Command, name: string, o: CreateOptions) {
      const body = {
        name,
        source: o.source,
        query: filterOf(o),
        ...(o.webhookUrl
          ? { webhook: { url: o.webhookUrl, ...(o.webhookSecret ? { secret: o.webhookSecret } : {}) } }
          : {}),
        ...(o.paused ? { paused: true } : {}),
      };
      if (o.webhookSecret && !o.webhookUrl) throw usageError("--webhook-secret goes with --webhook-url");
      const { ctx, call } = searchesCall(this);
      const s = await call("POST", "/v1/searches", SavedSearch, body);
      if (ctx.json) return printJson(io, s);
      io.stdout(`${s.id}\n`);
      io.stderr(`saved "${s.name}" (${s.source}). Feed: ${s.feeds.atom}\n`);
      if (s.webhook?.secret)
        io.stderr(`webhook secret (store it now, it is not shown again): ${s.webhook.secret}\n`);
    });
}

export function searchesCommand(io: Io): Command {
  const searches = new Command("searches")
    .description("saved searches and their matches (alerts; needs a gateway, key in DOFFIN_GATEWAY_KEY)")
    .addHelpText(
      "after",
      examples([
        "doffin searches create 'IT in Oslo' --cpv '72*' --location Oslo",
        "doffin searches list",
        "doffin searches matches ss_4fz2q7m3k5x6a2b7c3d4 --state new",
        "doffin searches mark ss_4fz2q7m3k5x6a2b7c3d4 2026-107918 starred",
        "doffin watch ss_4fz2q7m3k5x6a2b7c3d4",
      ]),
    );
  searches.addCommand(createCommand(io));
  searches
    .command("list")
    .description("this key's saved searches, newest first")
    .option("--limit <n>", "searches per page, 1-100 (default 50)")
    .option("--cursor <cursor>", "continue from the previous page")
    .action(async function (this: Command, o: { limit?: string; cursor?: string }) {
      const { ctx, call } = searchesCall(this);
      const page = await call(
        "GET",
        `/v1/searches${qs({ limit: limitOf(o.limit), cursor: o.cursor })}`,
        SavedSearchPage,
      );
      if (ctx.json) return printJson(io, page);
      io.stdout(`${searchesView(page.items, viewOptions(this, io))}\n`);
      if (page.nextCursor) io.stderr(`doffin: more searches: add --cursor ${page.nextCursor}\n`);
    });
  searches
    .command("show")
    .description("one saved search: filters, webhook, feed URLs")
    .argument("<id>", "the search's id (ss_…)")
    .action(async function (this: Command, id: string) {
      const { ctx, call } = searchesCall(this);
      const s = await call("GET", `/v1/searches/${searchIdOf(id)}`, SavedSearch);
      if (ctx.json) return printJson(io, s);
      io.stdout(`${searchView(s)}\n`);
    });
  searches
    .command("delete")
    .description("delete a saved search with its matches and alerts")
    .argument("<id>", "the search's id (ss_…)")
    .action(async function (this: Command, id: string) {
      const { call } = searchesCall(this);
      const sid = searchIdOf(id);
      await call("DELETE", `/v1/searches/${sid}`, z.null());
      io.stderr(`deleted ${sid}\n`);
    });
  searches
    .command("matches")
    .description("the items a saved search matched, newest first, with their state")
    .argument("<id>", "the search's id (ss_…)")
    .addOption(new Option("--state <state>", "only these states (comma-separated)"))
    .option("--limit <n>", "matches per page, 1-100 (default 50)")
    .option("--cursor <cursor>", "continue from the previous page")
    .action(async function (
      this: Command,
      id: string,
      o: { state?: string; limit?: string; cursor?: string },
    ) {
      const states = o.state
        ?.split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = states?.find((s) => !(MATCH_STATES as readonly string[]).includes(s));
      if (bad) throw usageError(`--state: unknown state "${bad}"; use ${MATCH_STATES.join(", ")}`);
      const { ctx, call } = searchesCall(this);
      const path = `/v1/searches/${searchIdOf(id)}/matches${qs({ state: states?.join(","), limit: limitOf(o.limit), cursor: o.cursor })}`;
      const page = await call("GET", path, AlertMatchPage);
      if (ctx.json) return printJson(io, page);
      io.stdout(`${matchesView(page.items, viewOptions(this, io))}\n`);
      if (page.nextCursor) io.stderr(`doffin: more matches: add --cursor ${page.nextCursor}\n`);
    });
  searches
    .command("mark")
    .description("mark a match seen, starred, excluded (no more alerts for it) or new")
    .argument("<id>", "the search's id (ss_…)")
    .argument("<item-id>", "the notice id or job uuid")
    .addArgument(new Argument("<state>", "the new state").choices([...MATCH_STATES]))
    .action(async function (this: Command, id: string, itemId: string, state: string) {
      const { ctx, call } = searchesCall(this);
      const path = `/v1/searches/${searchIdOf(id)}/matches/${encodeURIComponent(itemId.trim())}`;
      const m = await call("PATCH", path, AlertMatch, { state });
      if (ctx.json) return printJson(io, m);
      io.stdout(`${m.itemId}: ${m.state}\n`);
    });
  return searches;
}
