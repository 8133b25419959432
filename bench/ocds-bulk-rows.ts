import type { OcdsRelease } from "@doffin/core";

/**
 * The input of bench/ocds-bulk.ts, shared by its Node run and its Worker (ocds-bulk-worker.ts): N releases
 * re-issued from a few base releases (new ids, three releases an ocid), handed over as the exporter's D1
 * reader hands them — pages of 500 rows of release JSON text, a yield of the event loop per page (the round
 * trip). The text is made from a template per base release (no parse/stringify per row: that garbage
 * would be the bench's own, not the exporter's); encodeReleases parses it for the CSV sheets only.
 */
const ID = '"@@bench-id@@"';
const OCID = '"@@bench-ocid@@"';

export async function* benchReleases(base: readonly string[], n: number): AsyncGenerator<string> {
  const templates = base.map((text) => {
    const r = JSON.parse(text) as OcdsRelease;
    return { id: r.id, text: JSON.stringify({ ...r, id: JSON.parse(ID), ocid: JSON.parse(OCID) }) };
  });
  for (let start = 0; start < n; start += 500) {
    const page = Array.from({ length: Math.min(500, n - start) }, (_, k) => {
      const i = start + k;
      const t = templates[i % templates.length];
      if (!t) return "{}";
      const id = JSON.stringify(`${t.id}-${i}`);
      const ocid = JSON.stringify(`ocds-xxxxxx-bench-${Math.floor(i / 3)}`);
      return t.text.replace(ID, () => id).replace(OCID, () => ocid);
    });
    await new Promise((r) => setTimeout(r, 0));
    yield* page;
  }
}
