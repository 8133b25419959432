import { joinUrl, send, type Transport } from "../client/http";
import { UpstreamError } from "../errors";
import { parsePublicTokenText } from "./upstream-feed";

/**
 * The feed's bearer token. With a private token (configured) it is used as is. Otherwise the public token
 * is fetched from `GET /api/publicToken`, cached, and refetched when the feed answers 401 (NAV rotates it
 * at irregular intervals). Concurrent refreshes share one request.
 */
export type NavTokenProvider = {
  /** The current token, fetching the public one on first use. */
  get(): Promise<string>;
  /**
   * Called after a 401 with the token that was refused: fetches a fresh public token unless another
   * caller already did. Returns null when no refresh is possible (private token) or it gave the same token.
   */
  refresh(refused: string): Promise<string | null>;
  /** How many times the public token was fetched (for stats and tests). */
  readonly fetches: number;
};

export const createNavTokenProvider = (
  t: Transport,
  feedBaseUrl: string,
  privateToken?: string,
): NavTokenProvider => {
  let current: Promise<string> | null = privateToken ? Promise.resolve(privateToken) : null;
  /** The value `current` resolved to; null while a fetch is in flight. Read synchronously by refresh. */
  let settled: string | null = privateToken ?? null;
  let fetches = 0;
  const fetchPublic = async (): Promise<string> => {
    fetches++;
    const raw = await send(t, joinUrl(feedBaseUrl, "/api/publicToken"), { method: "GET" });
    const token = parsePublicTokenText(raw.text);
    if (token == null)
      throw new UpstreamError({
        kind: "parse",
        message: "NAV's public token response holds no token",
        status: raw.status,
        attempts: raw.attempts,
      });
    return token;
  };
  const load = (): Promise<string> => {
    settled = null;
    const p = fetchPublic().then((token) => {
      if (current === p) settled = token;
      return token;
    });
    current = p;
    // A failed fetch must not stay cached, or every later call would fail without asking again.
    p.catch(() => {
      if (current === p) current = null;
    });
    return p;
  };
  return {
    get: () => current ?? load(),
    async refresh(refused) {
      if (privateToken) return null;
      // Decided synchronously, so that concurrent 401s start one fetch and share it.
      const pending = current == null || settled === refused ? load() : current;
      const fresh = await pending;
      return fresh === refused ? null : fresh;
    },
    get fetches() {
      return fetches;
    },
  };
};
