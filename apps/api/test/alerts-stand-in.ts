import { checkWebhookUrl, isSavedSearchFilterError, parseSavedSearchFilter } from "@doffin/core";

/**
 * A stand-in for the tracker's saved-search routes, for the alert tools' tests: it validates the filter
 * with core's `parseSavedSearchFilter` and the webhook with `checkWebhookUrl` as the tracker does
 * (answering the tracker's 400 paths `body.query.*`, `body.webhook.url`), answers in the contracts'
 * shapes, and records every request with the owner header it came with.
 */
export type SeenRequest = { method: string; path: string; owner: string | null; body: unknown };

export const KNOWN_SEARCH = "ss_abcdefghijklmnopqrst";

const envelope = (
  status: number,
  code: string,
  message: string,
  issues?: { path: string; message: string }[],
) =>
  Response.json(
    { error: { code, message, requestId: "stand-in", ...(issues ? { issues } : {}) } },
    { status },
  );

export function alertsStandIn() {
  const seen: SeenRequest[] = [];
  const fetch = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const body = req.method === "POST" ? ((await req.json()) as Record<string, unknown>) : null;
    seen.push({
      method: req.method,
      path: url.pathname + url.search,
      owner: req.headers.get("x-dgw-owner"),
      body,
    });
    if (req.method === "POST" && url.pathname === "/v1/searches" && body) {
      const source = body.source as "notices" | "jobs";
      try {
        parseSavedSearchFilter(source, (body.query ?? {}) as Record<string, unknown>);
      } catch (err) {
        if (!isSavedSearchFilterError(err)) throw err;
        return envelope(
          400,
          "invalid_request",
          err.message,
          err.issues.map((i) => ({ path: `body.query.${i.path}`, message: i.message })),
        );
      }
      const webhook = body.webhook as { url: string; secret?: string } | undefined;
      if (webhook) {
        const checked = checkWebhookUrl(webhook.url, { allowLoopback: false });
        if (!checked.ok)
          return envelope(400, "invalid_request", `The webhook URL is not allowed: ${checked.reason}.`, [
            { path: "body.webhook.url", message: checked.reason },
          ]);
      }
      const feeds = `https://gw.example/v1/searches/${KNOWN_SEARCH}`;
      return Response.json(
        {
          id: KNOWN_SEARCH,
          name: body.name,
          source,
          query: body.query ?? {},
          webhook: webhook
            ? { url: webhook.url, secret: webhook.secret ?? "generated-secret-0123456789" }
            : null,
          paused: body.paused === true,
          createdAt: "2026-12-01T10:00:00.000Z",
          updatedAt: "2026-12-01T10:00:00.000Z",
          feeds: { atom: `${feeds}/feed.atom?token=t`, json: `${feeds}/feed.json?token=t` },
        },
        { status: 201 },
      );
    }
    const matches = url.pathname.match(/^\/v1\/searches\/([^/]+)\/matches$/);
    if (req.method === "GET" && matches) {
      if (matches[1] !== KNOWN_SEARCH)
        return envelope(404, "not_found", "No saved search with this id for this key.");
      const state = url.searchParams.get("state");
      if (state && !["new", "seen", "starred", "excluded"].includes(state))
        return envelope(400, "invalid_request", "Invalid query", [
          { path: "query.state", message: "unknown state" },
        ]);
      return Response.json({
        items: [
          {
            searchId: KNOWN_SEARCH,
            itemId: "2026-107918",
            source: "notices",
            state: state ?? "new",
            deadline: "2026-12-20T12:00:00Z",
            firstMatchedAt: "2026-12-01T10:00:00Z",
            lastEventAt: "2026-12-01T10:00:00Z",
            item: {
              source: "notices",
              id: "2026-107918",
              title: "Skoleskyss",
              url: "https://www.doffin.no/notices/2026-107918",
              deadline: "2026-12-20T12:00:00Z",
              status: "ACTIVE",
            },
          },
        ],
        nextCursor: "next-1",
      });
    }
    return envelope(404, "not_found", "no such route in the stand-in");
  };
  return { seen, binding: { fetch } };
}
