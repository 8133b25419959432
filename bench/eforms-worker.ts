/**
 * Bench-only Worker (bundled by eforms-parse.ts, run in Miniflare/workerd): parses the documents it was
 * sent, `iterations` times, with the full parser or the raw-tree baseline. The caller times the request
 * from outside (and subtracts an empty run), because a Worker's clock does not advance during pure CPU.
 */
import { parseEformsNotice } from "@doffin/core";
import { parseXmlTree } from "../packages/core/src/eforms/xml-tree";

let documents: string[] = [];

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === "POST" && url.pathname === "/load") {
      documents = (await request.json()) as string[];
      return Response.json({ loaded: documents.length });
    }
    const iterations = Number(url.searchParams.get("iterations") ?? "0");
    const parse = url.searchParams.get("mode") === "baseline" ? parseXmlTree : parseEformsNotice;
    let sink = 0;
    for (let i = 0; i < iterations; i++) {
      for (const xml of documents) sink += parse(xml) ? 1 : 0;
    }
    return Response.json({ parsed: sink });
  },
} satisfies ExportedHandler;
