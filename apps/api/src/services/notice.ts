import { isNotFoundError, NotFoundError, Notice, NoticeId } from "@doffin/core";
import { ApiError } from "@doffin/http";
import { type CacheResult, cacheKeys, type Loaded } from "../cache";
import type { ServiceCall } from "./container";

/**
 * One normalized notice through the cache. Unknown ids are remembered briefly (negative cache) so a
 * crawler cannot hammer Doffin with them.
 * @throws ApiError invalid_request for a malformed id (issue path `id`); NotFoundError for an unknown one.
 * @example bodyOf<Notice>((await getNotice(call, "2026-107918")).entry).heading
 */
export async function getNotice(call: ServiceCall, id: string): Promise<CacheResult> {
  const s = call.services;
  const valid = NoticeId.safeParse(id);
  if (!valid.success)
    throw new ApiError("invalid_request", "The notice id is not valid; see issues.", {
      issues: valid.error.issues.map((i) => ({ path: "id", message: i.message })),
    });
  const load = async (): Promise<Loaded> => {
    try {
      return { status: 200, body: JSON.stringify(Notice.parse(await s.source.getNotice(id))) };
    } catch (err) {
      if (isNotFoundError(err))
        return { status: 404, body: "", freshSeconds: s.config.NOT_FOUND_TTL_SECONDS };
      throw err;
    }
  };
  const result = await s.cache.get(cacheKeys.notice(id), s.policies.notice, load, call.waitUntil);
  if (result.entry.status === 404) throw new NotFoundError(`notice ${id}`, `No notice ${id} on Doffin.`);
  return result;
}
