import { createEmulator } from "@doffin/emulator";
import { describe, expect, it } from "vitest";
import {
  buildRecords,
  compileRelease,
  EFORMS_MERGE_RULES,
  extendCompiledRelease,
  mapEformsNotice,
  type OcdsRelease,
  parseEformsNotice,
  recordPackage,
  releasePackage,
} from "../src/index";
import { createOcdsValidator } from "./ocds-validator";

/** Releases and records from the eForms XML the emulator serves for its whole default corpus (fixed clock). */
const emu = createEmulator({ now: "2026-12-01T12:00:00Z", rateLimit: false });
const ids: string[] = [];
for (let i = 0; i < emu.state.corpus.size; i++) ids.push(emu.state.corpus.at(i).n.id);
const META = { uri: "http://127.0.0.1:8787/ocds/emulator.json", publishedDate: "2026-12-01T12:00:00Z" };

const download = async (id: string): Promise<string> => {
  const res = await emu.fetch(
    new Request(`http://emu/public/v2/download/${id}`, {
      headers: { "Ocp-Apim-Subscription-Key": "test-key" },
    }),
  );
  expect(res.status, id).toBe(200);
  return res.text();
};

describe(`OCDS over the emulator's default corpus (${ids.length} notices)`, () => {
  it("every release and record validates against OCDS 1.1.5 and the eForms profile", async () => {
    const releases: OcdsRelease[] = [];
    for (const id of ids)
      releases.push(...mapEformsNotice(parseEformsNotice(await download(id), { doffinId: id })));
    const records = buildRecords(releases);
    const validate = createOcdsValidator();
    const errors = [
      ...validate("releasePackage", releasePackage(releases, META)),
      ...validate("profileReleasePackage", releasePackage(releases, META)),
      ...validate("recordPackage", recordPackage(records, META)),
      ...records.flatMap((r) => validate("profileRelease", r.compiledRelease)),
    ].map((e) => `${e.instancePath} ${e.message}`);
    const multi = records.filter((r) => r.releases.length > 1);
    console.log(
      `ocds emulator corpus: ${ids.length} notices → ${releases.length} releases → ${records.length} records (${multi.length} with several releases), ${errors.length} errors`,
    );
    expect(errors.slice(0, 20)).toEqual([]);
    expect(releases.length).toBeGreaterThan(1900);
    expect(multi.length).toBeGreaterThan(0);
    // Incremental compilation equals the full merge on every multi-release record of the corpus.
    for (const record of multi) {
      let compiled = compileRelease(record.releases.slice(0, 1), EFORMS_MERGE_RULES);
      for (const r of record.releases.slice(1))
        compiled = extendCompiledRelease(compiled, r, EFORMS_MERGE_RULES);
      expect(compiled, record.ocid).toStrictEqual(record.compiledRelease);
    }
  }, 180_000);
});
