import type { EmulatorState } from "../emulator-types";
import { noticeXml } from "../xml";

/** `GET /public/v2/download/{id}`: eForms XML as application/octet-stream; unknown or withdrawn id → 404. */
export const downloadRoute = (state: EmulatorState, id: string): Response => {
  const entry = state.corpus.visible(id);
  if (!entry) {
    // Body never captured; S1's OpenAPI describes the 404 as "Notice was not found" (application/json).
    return new Response(JSON.stringify({ statusCode: 404, message: "Notice was not found" }), {
      status: 404,
      headers: { "content-type": "application/json" },
    });
  }
  const prev = entry.n.correctsId ? state.corpus.record(entry.n.correctsId) : undefined;
  const xml = state.fixtureXml[id] ?? noticeXml(entry.n, prev ? `${prev.n.eFormId}-01` : null);
  return new Response(xml, { status: 200, headers: { "content-type": "application/octet-stream" } });
};
