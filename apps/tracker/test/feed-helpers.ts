import { env, exports } from "cloudflare:workers";
import {
  type CanonicalSnapshot,
  type ChangeKind,
  canonicalSnapshot,
  ErrorEnvelope,
  type NoticeSummary,
  snapshotHash,
} from "@doffin/core";
import { expect } from "vitest";
import { eventStatement, noticeWriteStatements } from "../src/db/notices";

/** Feed test helpers: notices and events written as a sweep would, and requests to the Worker. */

export const hit = (id: string, over: Partial<NoticeSummary> = {}): NoticeSummary => ({
  id,
  url: `https://www.doffin.no/notices/${id}`,
  heading: `Notice ${id}`,
  description: "",
  type: "ANNOUNCEMENT_OF_COMPETITION",
  allTypes: ["ANNOUNCEMENT_OF_COMPETITION", "COMPETITION"],
  status: "ACTIVE",
  buyers: [],
  locations: [],
  placeOfPerformance: [],
  issuedAt: null,
  publishedOn: "2026-11-01",
  deadline: "2026-12-01T12:00:00Z",
  estimatedValue: null,
  cpvCodes: null,
  sentToTed: null,
  lots: [],
  strategicLabels: [],
  receivedTenders: null,
  ...over,
});

let counter = 0;
/** Inserts `n` events (as a sweep would) detected at `at`; returns their ids in insertion order. */
export async function insertEvents(
  n: number,
  at = "2026-11-20T12:00:00.000Z",
  kind: ChangeKind = "deadline_changed",
  noticeId = "2026-100001",
): Promise<string[]> {
  const ids: string[] = [];
  const stmts = [];
  for (let i = 0; i < n; i++) {
    counter++;
    ids.push(`ev_test_${String(counter).padStart(6, "0")}`);
    stmts.push(
      eventStatement(
        env.DB,
        {
          id: `ev_test_${String(counter).padStart(6, "0")}`,
          noticeId,
          dedupeKey: `k${counter}`,
          kind,
          changes: [
            {
              field: "deadline",
              before: "2026-12-01T12:00:00Z",
              after: `2026-12-${String((counter % 27) + 2).padStart(2, "0")}T12:00:00Z`,
            },
          ],
          shiftSeconds: 86_400,
        },
        at,
      ),
    );
  }
  await env.DB.batch(stmts);
  return ids;
}

/** Stores a notice (row + snapshot) with one event of `kind`, as a sweep's batch would. */
export async function trackNotice(
  summary: NoticeSummary,
  at: string,
  kind: ChangeKind = "created",
): Promise<CanonicalSnapshot> {
  const snapshot = canonicalSnapshot(summary);
  const hash = await snapshotHash(snapshot);
  await env.DB.batch(
    noticeWriteStatements(
      env.DB,
      {
        id: summary.id,
        snapshot,
        hash,
        summaryHash: hash,
        state: "active",
        changed: true,
        events: [
          {
            id: `ev_${kind}_${summary.id}_${hash.slice(0, 8)}`,
            noticeId: summary.id,
            dedupeKey: `${kind}:${hash}`,
            kind,
            changes: [],
          },
        ],
      },
      at,
    ),
  );
  return snapshot;
}

export const get = (path: string, headers: Record<string, string> = {}) =>
  exports.default.fetch(`http://tracker${path}`, { headers });

export async function expectBadRequest(path: string, issuePath: string) {
  const res = await get(path);
  expect(res.status).toBe(400);
  const body = ErrorEnvelope.parse(await res.json());
  expect(body.error.code).toBe("invalid_request");
  expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  expect(body.error.issues?.map((i) => i.path)).toContain(issuePath);
}
