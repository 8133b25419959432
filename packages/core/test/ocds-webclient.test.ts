import { describe, expect, it } from "vitest";
import {
  type JsonObject,
  mapWebClientNotice,
  normalizePublicApiHit,
  normalizeWebclientDetail,
  normalizeWebclientHit,
  OcdsMappingError,
  PublicApiHit,
  WebclientHit,
  WebclientNoticeDetail,
} from "../src/index";
import { fixtureFiles, readFixture } from "./client-support";
import { createOcdsValidator } from "./ocds-validator";

const detail = normalizeWebclientDetail(
  WebclientNoticeDetail.parse(readFixture("webclient/notice-detail-2026-107918.abridged.json")),
);
const summaries = [
  normalizeWebclientHit(WebclientHit.parse(readFixture("webclient/search-hit-2026-107921.json"))),
  ...fixtureFiles("public-api/hits").map((f) => normalizePublicApiHit(PublicApiHit.parse(readFixture(f)))),
];

describe("web-client-only notices map to a smaller, schema-valid release", () => {
  const validate = createOcdsValidator();

  it("maps the captured detail field by field", () => {
    const r = mapWebClientNotice(detail) as unknown as JsonObject & { tender: JsonObject };
    expect(r.id).toBe(detail.id);
    expect(r.ocid).toBe(`ocds-xxxxxx-${detail.procedureId ?? detail.id}`);
    expect(r.initiationType).toBe("tender");
    expect(r.date).toBe(detail.issuedAt);
    expect(r.tender.title).toBe(detail.heading);
    if (detail.estimatedValue) expect(r.tender.value).toEqual(detail.estimatedValue);
    expect((r.parties as JsonObject[]).map((p) => p.name)).toEqual(
      expect.arrayContaining(detail.buyers.map((b) => b.name)),
    );
    expect(r.links).toEqual([{ rel: "canonical", href: detail.url }]);
  });

  it("every web-client and public-api summary fixture validates against 1.1.5 and the profile", () => {
    const releases = [detail, ...summaries].map((n) => mapWebClientNotice(n, "ocds-abc123"));
    const errors = releases.flatMap((r) => [...validate("release", r), ...validate("profileRelease", r)]);
    console.log(`ocds web-client releases: ${releases.length} checked, ${errors.length} errors`);
    expect(errors).toEqual([]);
    expect(releases.every((r) => r.ocid.startsWith("ocds-abc123-"))).toBe(true);
  });

  it("refuses a notice with no date at all", () => {
    expect(() => mapWebClientNotice({ ...detail, issuedAt: null, publishedOn: null })).toThrow(
      OcdsMappingError,
    );
  });
});
