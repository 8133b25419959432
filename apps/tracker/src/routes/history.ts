import { historyRoute } from "@doffin/contracts/tracker";
import type { NoticeHistory } from "@doffin/core";
import { ApiError, createRouter } from "@doffin/http";
import { noticeEvents, noticeRecord, noticeSnapshots } from "../db/feed";
import type { AppEnv } from "../env";

export { historyRoute };

export const historyApp = createRouter<AppEnv>().openapi(historyRoute, async (c) => {
  const { id } = c.req.valid("param");
  const rec = await noticeRecord(c.env.DB, id);
  if (!rec) throw new ApiError("not_found", `Notice ${id} is not tracked (yet).`);
  const [snapshots, events] = await Promise.all([noticeSnapshots(c.env.DB, id), noticeEvents(c.env.DB, id)]);
  const body: NoticeHistory = {
    noticeId: id,
    state: rec.state,
    firstSeenAt: rec.firstSeenAt,
    lastSeenAt: rec.lastSeenAt,
    lastChangedAt: rec.lastChangedAt,
    snapshots,
    events,
  };
  return c.json(body, 200);
});
