import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { emulatorApp } from "./helpers";

type Doc = {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string }[]; responses: Record<string, unknown> }>
  >;
  components: { schemas: Record<string, unknown> };
};

describe("GET /v1/insights through the API", () => {
  it.each(["/v1/insights", "/v1/insights?from=2026-06-01&to=2026-11-30&type=RESULT"])(
    "forwards %s to the tracker unchanged",
    async (path) => {
      const body = (await (await emulatorApp().call(path)).json()) as { worker: string; path: string };
      expect(body).toMatchObject({ worker: "tracker", path });
    },
  );

  it("documents it from the tracker's contract: parameters, 200, 304 and 400", async () => {
    const doc = (await (await createApp().request("https://gw.example/openapi.json", {}, env)).json()) as Doc;
    const op = doc.paths["/v1/insights"]?.get;
    expect(op).toBeDefined();
    expect(op?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(["from", "to", "type", "If-None-Match"]),
    );
    expect(Object.keys(op?.responses ?? {})).toEqual(expect.arrayContaining(["200", "304", "400", "503"]));
    expect(JSON.stringify(op?.responses["200"])).toContain("#/components/schemas/Insights");
    const ok = JSON.stringify(doc.components.schemas.Insights);
    for (const field of ["weekly", "counties", "cpvDivisions", "buyers", "awardValues", "generatedAt"])
      expect(ok).toContain(field);
  });
});
