import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The gateway's saved-search routes as a small node:http stand-in, shaped by their contracts
 * (`@doffin/contracts/alerts`, `…/alert-deliveries`): create/list/show/delete, matches and their
 * state, and the JSON feed with ETag/304. It records each request (method, path, body, key) so tests
 * can check what the CLI sent, and `publish()` adds a feed entry as the tracker would.
 */
export type Recorded = { method: string; path: string; body: unknown; authorization: string | null };

const ID = "ss_abcdefghijklmnopqrst";
const TOKEN = "feedtoken123";

export async function startFakeSearches() {
  const requests: Recorded[] = [];
  const searches = new Map<string, Record<string, unknown>>();
  const matches = [
    { itemId: "2026-107918", state: "new", title: "Skoleskyss Vestland" },
    { itemId: "2026-107919", state: "starred", title: "Brannbil" },
  ];
  const entries: Record<string, unknown>[] = [];
  let feedPolls = 0;
  let notModified = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      const text = Buffer.concat(chunks).toString("utf8");
      const body: unknown = text ? JSON.parse(text) : undefined;
      requests.push({
        method: req.method ?? "",
        path: `${url.pathname}${url.search}`,
        body,
        authorization: req.headers.authorization ?? null,
      });
      const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(value === undefined ? "" : JSON.stringify(value));
      };
      const error = (status: number, code: string, message: string, issues?: unknown[]) =>
        send(status, { error: { code, message, requestId: "req-1", ...(issues ? { issues } : {}) } });
      const view = (id: string, s: Record<string, unknown>) => ({
        id,
        createdAt: "2026-12-01T10:00:00.000Z",
        updatedAt: "2026-12-01T10:00:00.000Z",
        paused: false,
        webhook: null,
        ...s,
        feeds: {
          atom: `https://gateway.example/v1/searches/${id}/feed.atom?token=${TOKEN}`,
          json: `https://gateway.example/v1/searches/${id}/feed.json?token=${TOKEN}`,
        },
      });
      const parts = url.pathname.split("/").filter(Boolean);
      if (url.pathname === "/v1/searches" && req.method === "POST") {
        const b = body as { name: string; source: string; query: unknown; webhook?: { url: string } };
        if (b.webhook?.url.includes("169.254.169.254"))
          return error(400, "invalid_request", "The webhook URL is not allowed: a link-local address.", [
            { path: "body.webhook.url", message: "a link-local address" },
          ]);
        const s = { name: b.name, source: b.source, query: b.query, webhook: b.webhook ?? null };
        searches.set(ID, s);
        const webhook = b.webhook ? { url: b.webhook.url, secret: "generated-secret-0123456789" } : null;
        return send(201, view(ID, { ...s, webhook }));
      }
      if (url.pathname === "/v1/searches" && req.method === "GET")
        return send(200, { items: [...searches].map(([id, s]) => view(id, s)), nextCursor: null });
      if (parts[0] !== "v1" || parts[1] !== "searches" || !parts[2])
        return error(404, "not_found", "no route");
      const id = parts[2];
      if (parts[3] === "feed.json") {
        if (url.searchParams.get("token") !== TOKEN)
          return error(404, "not_found", "No saved search with this id and token.");
        feedPolls++;
        const etag = `"e${entries.length}"`;
        if (req.headers["if-none-match"] === etag) {
          notModified++;
          res.writeHead(304, { etag });
          return res.end();
        }
        return send(
          200,
          { version: "https://jsonfeed.org/version/1.1", title: "x", items: [...entries].reverse() },
          { etag },
        );
      }
      const s = searches.get(id);
      if (!s) return error(404, "not_found", "No saved search with this id for this key.");
      if (parts.length === 3 && req.method === "GET") return send(200, view(id, s));
      if (parts.length === 3 && req.method === "DELETE") {
        searches.delete(id);
        res.writeHead(204);
        return res.end();
      }
      if (parts[3] === "matches" && parts.length === 4) {
        const states = url.searchParams.get("state")?.split(",");
        const items = matches
          .filter((m) => !states || states.includes(m.state))
          .map((m) => ({
            searchId: id,
            itemId: m.itemId,
            source: "notices",
            state: m.state,
            deadline: "2026-12-20T12:00:00Z",
            firstMatchedAt: "2026-12-01T10:00:00Z",
            lastEventAt: null,
            item: {
              source: "notices",
              id: m.itemId,
              title: m.title,
              url: null,
              deadline: null,
              status: "ACTIVE",
            },
          }));
        return send(200, { items, nextCursor: null });
      }
      if (parts[3] === "matches" && parts[4] && req.method === "PATCH") {
        const m = matches.find((x) => x.itemId === parts[4]);
        if (!m)
          return error(404, "not_found", "no such saved search for this key, or it never matched this item.");
        m.state = (body as { state: string }).state;
        return send(200, {
          searchId: id,
          itemId: m.itemId,
          source: "notices",
          state: m.state,
          deadline: null,
          firstMatchedAt: "2026-12-01T10:00:00Z",
          lastEventAt: null,
          item: null,
        });
      }
      return error(404, "not_found", "no route");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    id: ID,
    requests,
    feedPolls: () => feedPolls,
    notModified: () => notModified,
    /** A new alert in the feed (what a sweep would add). */
    publish: (n: number) =>
      entries.push({
        id: `evt${n}`,
        title: `match.new: 2026-10000${n} Notice ${n}`,
        url: `https://www.doffin.no/notices/2026-10000${n}`,
        date_published: `2026-12-01T10:0${n}:00Z`,
      }),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
