import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

type Doc = {
  paths: Record<
    string,
    { get?: { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> } }
  >;
};

describe("/ocds/* on the API origin", () => {
  it("forwards every /ocds path to the tracker, query intact", async () => {
    for (const path of [
      "/ocds/releases?buyer=974760673&year=2026&page_size=1000",
      "/ocds/records?embed=false",
      "/ocds/releases/abc",
      "/ocds/records/ocds-xxxxxx-1",
      "/ocds/metadata",
    ]) {
      const res = await exports.default.fetch(`http://gateway${path}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ worker: "tracker", method: "GET", path });
    }
    // `pretty` is presentation: taken off before forwarding (see @doffin/http pretty.ts), the rest intact
    const res = await exports.default.fetch("http://gateway/ocds/records?embed=false&pretty=true");
    expect(await res.json()).toMatchObject({ path: "/ocds/records?embed=false" });
  });

  it("documents the OCDS routes with every filter and the 304", async () => {
    const doc = (await (await exports.default.fetch("http://gateway/openapi.json")).json()) as Doc;
    const releases = doc.paths["/ocds/releases"]?.get;
    expect(releases?.parameters?.filter((p) => p.in === "query").map((p) => p.name)).toEqual(
      expect.arrayContaining([
        "buyer",
        "supplier",
        "year",
        "cpv",
        "contract_type",
        "award_criteria",
        "buyer_country",
        "supplier_country",
        "tag",
        "ocid",
        "date_from",
        "date_to",
        "updated_since",
        "page_size",
        "cursor",
        "pretty",
      ]),
    );
    expect(Object.keys(releases?.responses ?? {})).toEqual(expect.arrayContaining(["200", "304", "400"]));
    expect(doc.paths["/ocds/records"]?.get?.parameters?.map((p) => p.name)).toContain("embed");
    for (const p of ["/ocds/releases/{id}", "/ocds/records/{ocid}", "/ocds/metadata"])
      expect(doc.paths[p]?.get, p).toBeDefined();
  });
});
