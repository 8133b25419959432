import { Command } from "commander";
import { CliError, EXIT, usageError } from "../errors";
import { feedItemLine } from "../output/alert-views";
import { errorOf } from "../transport/gateway-json";
import { type FeedItem, JsonFeed, SavedSearch } from "../transport/saved-searches";
import { searchesCall, searchIdOf } from "./searches";
import { examples, type Io, sleepUnlessStopped } from "./shared";

/**
 * `doffin watch <search-id>`: the search's alerts as they arrive. It reads the search once (with the
 * key) for its JSON feed URL, then polls that feed with If-None-Match, so an idle poll costs a 304;
 * entries are printed oldest first, each once (by entry id: the alert event id). Ctrl-C stops it
 * between polls (exit 130); `--once` prints what is there and exits 0.
 */
export function watchCommand(io: Io, stopSignal: { stopped: boolean }): Command {
  return new Command("watch")
    .description("print a saved search's alerts as they arrive (polls its feed; needs a gateway)")
    .argument("<search-id>", "the saved search's id (ss_…)")
    .option("--interval <seconds>", "seconds between polls, 1-86400", "30")
    .option("--once", "print the current entries and exit")
    .option("--new", "skip the entries already there; print only what arrives from now on")
    .addHelpText(
      "after",
      examples([
        "doffin watch ss_4fz2q7m3k5x6a2b7c3d4",
        "doffin watch ss_4fz2q7m3k5x6a2b7c3d4 --once --json | jq -r .title",
        "doffin watch ss_4fz2q7m3k5x6a2b7c3d4 --new --interval 10",
      ]),
    )
    .action(async function (
      this: Command,
      id: string,
      o: { interval: string; once?: boolean; new?: boolean },
    ) {
      const interval = Number(o.interval);
      if (!/^\d+$/.test(o.interval.trim()) || interval < 1 || interval > 86_400)
        throw usageError(`--interval must be a whole number from 1 to 86400, got "${o.interval}"`);
      if (o.once && o.new) throw usageError("--once prints what is there; --new skips it: pick one");
      const { ctx, call } = searchesCall(this);
      const search = await call("GET", `/v1/searches/${searchIdOf(id)}`, SavedSearch);
      // The feed URL names the gateway's public origin; poll it on the origin this CLI talks to.
      const feed = new URL(search.feeds.json);
      const url = `${ctx.target.url}${feed.pathname}${feed.search}`;
      const seen = new Set<string>();
      let etag: string | null = null;
      for (let round = 0; ; round++) {
        if (stopSignal.stopped) throw new CliError(EXIT.interrupted, `stopped watching ${search.id}`);
        const got = await poll(url, etag, ctx.target);
        if (got) {
          etag = got.etag;
          // Feeds list newest first; print in arrival order.
          const fresh = got.items.filter((it) => !seen.has(it.id)).reverse();
          for (const it of got.items) seen.add(it.id);
          if (!(round === 0 && o.new))
            for (const it of fresh) io.stdout(ctx.json ? `${JSON.stringify(it)}\n` : `${feedItemLine(it)}\n`);
        }
        if (o.once) return;
        await sleepUnlessStopped(interval * 1000, stopSignal);
      }
    });
}

async function poll(url: string, etag: string | null, target: { url: string; mode: "gateway" | "direct" }) {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: {
        accept: "application/feed+json, application/json",
        ...(etag ? { "if-none-match": etag } : {}),
      },
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new CliError(EXIT.unavailable, `cannot reach the gateway at ${target.url}`);
  }
  if (res.status === 304) return null;
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw errorOf(res.status, json, target);
  const parsed = JsonFeed.safeParse(json);
  if (!parsed.success) throw new CliError(EXIT.unavailable, "the gateway sent an unexpected feed.json");
  return { etag: res.headers.get("etag"), items: parsed.data.items as FeedItem[] };
}
