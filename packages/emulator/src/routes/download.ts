import { noticeXml } from "../eforms/document";
import { truthIn } from "../eforms/truth";
import type { EmulatorState } from "../emulator-types";

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
  const xml =
    state.fixtureXml[id] ?? noticeXml(truthIn(state.corpus, entry.n), { doffinId: id, tedId: entry.n.tedId });
  return new Response(xml, { status: 200, headers: { "content-type": "application/octet-stream" } });
};
