/**
 * Contention: CONTENTION_USERS (default 200) concurrent distinct cache misses while the tracker's backfill
 * runs (a `/_demo/tick` in flight; the stack is started with BACKFILL_FROM). Passes when the emulator never
 * rate-limited anyone (its own `rateLimited` counter: the shared budget kept everyone under its limit), no
 * user got an upstream 429 passed through, and the backfill's progress moved.
 */
import { pool, table, type Urls } from "./lib";

type Status = { backfill?: { cursor?: string; requests?: number; done?: boolean } | null } & Record<
  string,
  unknown
>;

export async function contention(urls: Urls): Promise<string> {
  const users = Number(process.env.CONTENTION_USERS ?? 200);
  const status = async () => (await (await fetch(`${urls.api}/v1/tracker/status`)).json()) as Status;
  const before = JSON.stringify((await status()).backfill ?? null);
  await fetch(`${urls.emulator}/_emulator/stats/reset`, { method: "POST" });
  const tick = fetch(`${urls.tracker}/_demo/tick`, {
    method: "POST",
    signal: AbortSignal.timeout(180_000),
  }).then((r) => r.text());
  const codes = new Map<string, number>();
  const lat: number[] = [];
  let passed429 = 0;
  const t0 = Date.now();
  await pool(users, users, async (i) => {
    const s = Date.now();
    const res = await fetch(`${urls.api}/v1/notices?q=${encodeURIComponent(`contention${i}`)}&limit=5`, {
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    lat.push(Date.now() - s);
    const code = res.ok
      ? String(res.status)
      : `${res.status} ${(JSON.parse(text) as { error: { code: string } }).error.code}`;
    codes.set(code, (codes.get(code) ?? 0) + 1);
    // An upstream 429 passed through would carry the emulator's APIM body or its Retry-After as-is.
    if (text.includes("Rate limit is exceeded")) passed429 += 1;
  });
  const usersDone = Date.now() - t0;
  const tickBody = await tick;
  const stats = (await (await fetch(`${urls.emulator}/_emulator/stats`)).json()) as {
    total: number;
    rateLimited: number;
  };
  const after = JSON.stringify((await status()).backfill ?? null);
  const progressed = after !== before;
  return table(
    [
      "users",
      "answers",
      "users done (ms)",
      "upstream calls",
      "emulator 429s",
      "upstream 429 passed to a user",
      "backfill moved",
      "verdict",
    ],
    [
      [
        users,
        [...codes.entries()].map(([c, n]) => `${c}×${n}`).join(", "),
        usersDone,
        stats.total,
        stats.rateLimited,
        passed429,
        `${progressed ? "yes" : "no"} (${after.slice(0, 80)})`,
        stats.rateLimited === 0 && passed429 === 0 && progressed
          ? "ok"
          : `FAIL (tick: ${tickBody.slice(0, 80)})`,
      ],
    ],
  );
}
