import type { AlertChangeInput, FieldChange } from "@doffin/core";
import { chunks, loadNotices, type NoticeWrite, type StoredNotice } from "../db/notices";

/**
 * Awards linked by procedure (issue #14): the winner and the awarded value are on a separate RESULT
 * notice, so a search that matched the competition would only see its status turn AWARDED. When a write
 * is an award — the notice's own `awarded` event (with the Public API's contract data: `winners`,
 * `awardedValue`), or a newly seen RESULT notice naming winners (web client, no XML) — every other
 * non-RESULT notice of the same procedure hears of it as one `awarded` change with `award.winner`,
 * `award.value` and `award.noticeId` (before null), OCDS tag `award`.
 *
 * Without contract data the value is what the RESULT notice's summary says (`estimatedValue`: Doffin's
 * web client shows no awarded value of its own) and the winners are the detail's lot winners (or its
 * awarded names). Notices written before the `procedure_id` column (migration 0007) have no procedure,
 * so they are not linked. A write without winners links nothing (e.g. a cancelled/missing conclusion).
 */

export type Winner = { name: string; orgNumber: string | null };

/** The award one write reports, or null when it is no award (or names no procedure or winners). */
function awardOf(w: NoticeWrite): { winners: Winner[]; value: unknown; key: string } | null {
  if (!w.procedureId) return null;
  const own = w.events.filter((e) => e.noticeId === w.id);
  const awarded = own.find((e) => e.kind === "awarded");
  const fromXml = awarded?.changes.find((c) => c.field === "winners");
  if (awarded && fromXml) {
    // Contract data: winners per lot result, deduplicated over lots.
    const lots = (fromXml.after ?? []) as { winners: Winner[] }[];
    const value = awarded.changes.find((c) => c.field === "awardedValue")?.after ?? null;
    return { winners: uniqueWinners(lots.flatMap((l) => l.winners)), value, key: awarded.id };
  }
  const created = own.find((e) => e.kind === "created");
  const trigger = awarded ?? (w.snapshot.allTypes.includes("RESULT") ? created : undefined);
  if (!trigger) return null;
  const lots = w.summary?.lots ?? [];
  const winners = uniqueWinners(
    lots.length > 0
      ? lots.flatMap((l) => l.winners.map((o) => ({ name: o.name, orgNumber: o.orgNumber })))
      : (w.snapshot.detail?.awardedNames ?? []).map((name) => ({ name, orgNumber: null })),
  );
  if (winners.length === 0) return null;
  return { winners, value: w.snapshot.estimatedValue, key: trigger.id };
}

const uniqueWinners = (ws: readonly Winner[]): Winner[] => {
  const seen = new Map<string, Winner>();
  for (const w of ws) seen.set(`${w.orgNumber ?? ""}\u0000${w.name}`, w);
  return [...seen.values()];
};

/**
 * For one batch of writes: the notices of the same procedure as an award in it (other than RESULT
 * notices), each with the award changes it should hear of. Same-batch writes count (their procedure is
 * not stored yet), as do stored notices. The change id holds the award's event id, so a re-run writes
 * the same alert event id (INSERT OR IGNORE).
 *
 * @example await awardLinks(db, writes, now) // Map { "2026-100001" => [{ kind: "awarded", changes: [...] }] }
 */
export async function awardLinks(
  db: D1Database,
  writes: readonly NoticeWrite[],
  now: string,
): Promise<{ changes: Map<string, AlertChangeInput[]>; stored: Map<string, StoredNotice> }> {
  const changes = new Map<string, AlertChangeInput[]>();
  const awards = writes.flatMap((w) => {
    const a = awardOf(w);
    return a ? [{ ...a, noticeId: w.id, procedureId: w.procedureId as string }] : [];
  });
  if (awards.length === 0) return { changes, stored: new Map() };
  const procedures = [...new Set(awards.map((a) => a.procedureId))];
  const members = new Map<string, Set<string>>(procedures.map((p) => [p, new Set()]));
  for (const w of writes) if (w.procedureId) members.get(w.procedureId)?.add(w.id);
  for (const part of chunks(procedures)) {
    const { results } = await db
      .prepare(
        `SELECT id, procedure_id FROM notices WHERE procedure_id IN (${part.map(() => "?").join(",")})`,
      )
      .bind(...part)
      .all<{ id: string; procedure_id: string }>();
    for (const r of results) members.get(r.procedure_id)?.add(r.id);
  }
  const inBatch = new Map(writes.map((w) => [w.id, w]));
  const stored = await loadNotices(
    db,
    [...members.values()].flatMap((ids) => [...ids].filter((id) => !inBatch.has(id))),
  );
  for (const a of awards) {
    for (const id of members.get(a.procedureId) ?? []) {
      const type = (inBatch.get(id)?.snapshot ?? stored.get(id)?.snapshot)?.allTypes ?? ["RESULT"];
      if (id === a.noticeId || type.includes("RESULT")) continue;
      const fields: FieldChange[] = [
        { field: "award.winner", before: null, after: a.winners },
        { field: "award.value", before: null, after: a.value },
        { field: "award.noticeId", before: null, after: a.noticeId },
      ];
      const change = { id: `award:${a.key}`, kind: "awarded", detectedAt: now, changes: fields };
      changes.set(id, [...(changes.get(id) ?? []), { ...change, ocds: { tags: ["award"] } }]);
    }
  }
  return { changes, stored };
}
