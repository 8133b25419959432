import { type OcdsPackageMeta, type OcdsRelease, releasePackage } from "@doffin/core";
import { type CsvSheet, csvHeader, csvLines } from "./csv";

/**
 * The bulk formats as streams of text chunks, one release at a time: nothing here holds more than
 * one release, so a file of any size is written in constant memory.
 */

export type BulkFormat =
  | { kind: "package"; meta: OcdsPackageMeta }
  | { kind: "ndjson" }
  | { kind: "csv"; sheet: CsvSheet };

export async function* encodeReleases(
  releases: AsyncIterable<OcdsRelease>,
  format: BulkFormat,
): AsyncGenerator<string> {
  if (format.kind === "package") {
    // The package head as releasePackage writes it, with the releases array streamed in.
    const head = JSON.stringify(releasePackage([], format.meta));
    yield head.slice(0, head.lastIndexOf("[") + 1);
    let first = true;
    for await (const r of releases) {
      yield `${first ? "" : ","}${JSON.stringify(r)}`;
      first = false;
    }
    yield "]}";
    return;
  }
  if (format.kind === "csv") {
    yield csvHeader(format.sheet);
    for await (const r of releases) {
      const lines = csvLines(format.sheet, r);
      if (lines) yield lines;
    }
    return;
  }
  for await (const r of releases) yield `${JSON.stringify(r)}\n`;
}

/** Text chunks → gzip bytes, with backpressure (a pull stream: the next chunk is encoded when asked). */
export function gzipStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const it = chunks[Symbol.asyncIterator]();
  const text = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await it.next();
      if (done) controller.close();
      else controller.enqueue(enc.encode(value));
    },
  });
  return text.pipeThrough(
    new CompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
  );
}
