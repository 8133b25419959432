/**
 * Bench-only Worker (bundled by ocds-bulk.ts, run in Miniflare): the tracker's real bulk pipeline —
 * `encodeReleases` → `gzipStream` → `putStream` into an R2 bucket (multipart, 5 MiB parts) — over N
 * generated releases, so the memory measured is that of the runtime the cron runs in.
 *   POST /base            the base releases (JSON texts) to re-issue
 *   POST /export?n=&format=&stage=   one file (format: a BulkFormat as JSON); answers { size }
 * `stage` isolates where memory goes: `encode` (text → bytes, read and dropped), `gzip` (+ gzip, dropped),
 * `r2` (default: + the real sink, multipart into R2).
 */
import { type BulkFormat, encodeReleases, gzipStream } from "../apps/tracker/src/ocds/bulk/encode";
import { putStream } from "../apps/tracker/src/ocds/bulk/sink";
import { benchReleases } from "./ocds-bulk-rows";

type BenchEnv = { OCDS: R2Bucket };

/** The text chunks as bytes, without gzip (what `gzipStream` feeds its CompressionStream). */
const textStream = (chunks: AsyncIterable<string>) => {
  const it = chunks[Symbol.asyncIterator]();
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(c) {
      const { value, done } = await it.next();
      if (done) c.close();
      else c.enqueue(enc.encode(value));
    },
  });
};

/** Reads a stream to the end, keeping nothing. */
async function drop(stream: ReadableStream<Uint8Array>): Promise<number> {
  let size = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) size += chunk.byteLength;
  return size;
}
let base: string[] = [];

export default {
  async fetch(req: Request, env: BenchEnv): Promise<Response> {
    const url = new URL(req.url);
    if (url.pathname === "/base") {
      base = (await req.json()) as string[];
      return Response.json({ base: base.length });
    }
    if (url.pathname === "/export") {
      const n = Number(url.searchParams.get("n") ?? "1000");
      const format = JSON.parse(url.searchParams.get("format") ?? "{}") as BulkFormat;
      const chunks = encodeReleases(benchReleases(base, n), format);
      const stage = url.searchParams.get("stage") ?? "r2";
      if (stage === "encode") return Response.json({ size: await drop(textStream(chunks)) });
      if (stage === "gzip") return Response.json({ size: await drop(gzipStream(chunks)) });
      const stored = await putStream(env.OCDS, `bench/${crypto.randomUUID()}.gz`, gzipStream(chunks), {
        contentType: "application/gzip",
        custom: {},
      });
      return Response.json(stored);
    }
    return new Response("not found", { status: 404 });
  },
};
