import { CONTRACT_XML_FIELDS, type NoticeContract, noticeContractRoute } from "@doffin/contracts/tracker";
import { CanonicalSnapshot, contractParties, contractValues, EformsNotice } from "@doffin/core";
import { ApiError, createRouter } from "@doffin/http";
import { storesContracts } from "../config";
import type { AppEnv } from "../env";

export { noticeContractRoute };

type Row = { xml_hash: string | null; model: string | null; error: string | null; fetched_at: string };

/**
 * A notice's contract data from the store (no upstream call). Without a readable XML the answer holds
 * what the tracked snapshot knows (buyers, the estimate) and names every field it could not fill.
 */
export const contractApp = createRouter<AppEnv>().openapi(noticeContractRoute, async (c) => {
  const { id } = c.req.valid("param");
  const config = c.get("config");
  const [notice, row] = await Promise.all([
    c.env.DB.prepare("SELECT snapshot, last_seen_at FROM notices WHERE id = ?")
      .bind(id)
      .first<{ snapshot: string; last_seen_at: string }>(),
    c.env.DB.prepare("SELECT xml_hash, model, error, fetched_at FROM contract_notices WHERE notice_id = ?")
      .bind(id)
      .first<Row>(),
  ]);
  if (!notice) throw new ApiError("not_found", `Notice ${id} is not tracked (yet).`);
  const snap = CanonicalSnapshot.parse(JSON.parse(notice.snapshot));
  const snapshotSource = {
    source: config.upstreamKind === "public-api" ? ("public-api" as const) : ("webclient" as const),
    fetchedAt: notice.last_seen_at,
    contentHash: null,
  };
  const model = row?.model ? EformsNotice.parse(JSON.parse(row.model)) : null;
  if (model && row) {
    const body: NoticeContract = {
      noticeId: id,
      lots: model.lots,
      results: model.results,
      parties: contractParties(model),
      values: contractValues(model),
      change: model.changes,
      dataSources: [
        snapshotSource,
        { source: "eforms-xml", fetchedAt: row.fetched_at, contentHash: row.xml_hash },
      ],
      unavailable: [],
      unavailableReason: null,
      parseError: null,
    };
    return c.json(body, 200);
  }
  const error = row?.error ? (JSON.parse(row.error) as { reason: string; message: string }) : null;
  const xmlMode = storesContracts(config);
  const body: NoticeContract = {
    noticeId: id,
    lots: [],
    results: null,
    parties: snap.buyers.map((b) => ({
      role: "buyer" as const,
      name: b.name,
      orgNumber: b.orgNumber,
      lotIds: [],
    })),
    values: { estimated: snap.estimatedValue, frameworkMaximum: null, awarded: null },
    change: null,
    dataSources: [
      snapshotSource,
      ...(row?.xml_hash
        ? [{ source: "eforms-xml" as const, fetchedAt: row.fetched_at, contentHash: row.xml_hash }]
        : []),
    ],
    unavailable: [...CONTRACT_XML_FIELDS],
    unavailableReason: !xmlMode
      ? "no_public_api_key"
      : error && error.reason !== "not_found"
        ? "parse_error"
        : "not_downloaded",
    parseError: error && error.reason !== "not_found" ? { ...error, at: row?.fetched_at ?? "" } : null,
  };
  return c.json(body, 200);
});
