import {
  type CanonicalSnapshot,
  contractValues,
  correctionEvent,
  type DoffinSource,
  isEformsParseError,
  isNotFoundError,
  parseEformsNotice,
  sha256Hex,
} from "@doffin/core";
import type { EventToWrite, NoticeWrite } from "../db/notices";
import { loadNotices } from "../db/notices";
import { changedNoticeRef, contractAwards } from "./summary";
import { type ContractRow, contractStatements } from "./tables";

/**
 * Fetching a notice's eForms XML into the store: the raw XML to R2 (`eforms/{id}/{sha256}.xml`,
 * content-addressed, so a re-run after a crash puts the same object again), the parsed model to D1.
 * The download is a call on the (budgeted) source like any other. An XML whose hash is the stored one
 * yields no statement and no R2 put.
 */

export const xmlKey = (noticeId: string, hash: string) => `eforms/${noticeId}/${hash}.xml`;

type Stored = { xmlHash: string | null; model: string | null };

async function storedContract(db: D1Database, id: string): Promise<Stored | null> {
  const r = await db
    .prepare("SELECT xml_hash, model FROM contract_notices WHERE notice_id = ?")
    .bind(id)
    .first<{ xml_hash: string | null; model: string | null }>();
  return r ? { xmlHash: r.xml_hash, model: r.model } : null;
}

export type ContractFetch = {
  /** D1 statements for the batch of the notice (empty: the XML did not change). */
  statements: D1PreparedStatement[];
  row: ContractRow | null;
  /** The previous parsed model, for events. */
  previous: ContractRow["model"];
  parseError: boolean;
  /** The download answered 404: the Public API does not (or no longer) serve the notice. */
  gone: boolean;
};

/** Downloads and stores one notice's XML. Throws what the source throws (budget, upstream), except 404. */
export async function fetchContract(
  source: DoffinSource,
  db: D1Database,
  bucket: R2Bucket,
  noticeId: string,
  now: string,
): Promise<ContractFetch> {
  const stored = await storedContract(db, noticeId);
  const previous = stored?.model ? JSON.parse(stored.model) : null;
  let xml: string | null;
  try {
    xml = await source.downloadXml(noticeId);
  } catch (e) {
    if (!isNotFoundError(e)) throw e;
    xml = null;
  }
  if (xml === null) {
    if (stored && stored.xmlHash === null)
      return { statements: [], row: null, previous, parseError: false, gone: true };
    const row: ContractRow = {
      noticeId,
      xmlHash: null,
      r2Key: null,
      model: null,
      error: { reason: "not_found", message: "the Public API has no XML for this notice" },
      fetchedAt: now,
    };
    return { statements: contractStatements(db, row), row, previous, parseError: false, gone: true };
  }
  const hash = await sha256Hex(xml);
  if (stored?.xmlHash === hash)
    return { statements: [], row: null, previous, parseError: false, gone: false };
  const key = xmlKey(noticeId, hash);
  await bucket.put(key, xml, {
    httpMetadata: { contentType: "application/xml" },
    customMetadata: { noticeId, fetchedAt: now },
  });
  let row: ContractRow;
  try {
    row = {
      noticeId,
      xmlHash: hash,
      r2Key: key,
      model: parseEformsNotice(xml, { doffinId: noticeId }),
      error: null,
      fetchedAt: now,
    };
  } catch (e) {
    // A notice we cannot read is recorded (and reported in the status), never a crashed sweep.
    if (!isEformsParseError(e)) throw e;
    row = {
      noticeId,
      xmlHash: hash,
      r2Key: key,
      model: null,
      error: { reason: e.reason, message: e.message },
      fetchedAt: now,
    };
  }
  return {
    statements: contractStatements(db, row),
    row,
    previous,
    parseError: row.error !== null,
    gone: false,
  };
}

const eventId = async (noticeId: string, dedupeKey: string) =>
  `ev_${(await sha256Hex(`${noticeId}|${dedupeKey}`)).slice(0, 24)}`;

/**
 * Events the XML adds to a notice write (sweep only; the backfill is not news):
 * - a new notice whose BT-758 names a tracked notice → `corrected` on that notice (same key as the web
 *   client's `changeNotices` link, so the two paths never report one correction twice);
 * - winners that are new against the previous XML → `awarded` with `winners` and `awardedValue`,
 *   merged into the snapshot's own `awarded` event when the same change produced one.
 */
export async function contractEvents(
  db: D1Database,
  w: NoticeWrite,
  isNew: boolean,
  fetched: ContractFetch,
  next: CanonicalSnapshot,
): Promise<EventToWrite[]> {
  const model = fetched.row?.model;
  if (!model) return w.events;
  const events = [...w.events];
  const ref = isNew ? changedNoticeRef(model) : null;
  if (ref) {
    let oldId: string | null = "doffinId" in ref ? ref.doffinId : null;
    if ("eformsId" in ref) {
      const r = await db
        .prepare(
          "SELECT notice_id FROM contract_notices WHERE eforms_notice_id = ? AND notice_id != ? LIMIT 1",
        )
        .bind(ref.eformsId, w.id)
        .first<{ notice_id: string }>();
      oldId = r?.notice_id ?? null;
    }
    const old = oldId ? (await loadNotices(db, [oldId])).get(oldId) : undefined;
    const key = `corrected:${w.id}`;
    if (old && old.id !== w.id && !events.some((e) => e.noticeId === old.id && e.dedupeKey === key))
      events.push({
        ...correctionEvent(old.snapshot, w.id, next),
        id: await eventId(old.id, key),
        noticeId: old.id,
        dedupeKey: key,
      });
  }
  const before = fetched.previous ? contractAwards(fetched.previous) : [];
  const after = contractAwards(model);
  if (after.length > 0 && JSON.stringify(before) !== JSON.stringify(after)) {
    const changes = [
      { field: "winners", before: before.length > 0 ? before : null, after },
      {
        field: "awardedValue",
        before: fetched.previous ? contractValues(fetched.previous).awarded : null,
        after: contractValues(model).awarded,
      },
    ];
    const own = events.findIndex((e) => e.noticeId === w.id && e.kind === "awarded");
    if (own >= 0) {
      const e = events[own] as EventToWrite; // index found above
      events[own] = { ...e, changes: [...e.changes, ...changes] };
    } else {
      const key = `awarded:xml:${fetched.row?.xmlHash}`;
      events.push({ kind: "awarded", changes, id: await eventId(w.id, key), noticeId: w.id, dedupeKey: key });
    }
  }
  return events;
}
