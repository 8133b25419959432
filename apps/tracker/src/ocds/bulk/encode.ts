import { type OcdsPackageMeta, type OcdsRelease, releasePackage } from "@doffin/core";
import { type CsvSheet, csvHeader, csvLines } from "./csv";

/**
 * The bulk formats as streams of text chunks, one release at a time: nothing here holds more than
 * one release, so a file of any size is written in constant memory. A release comes as an object or
 * as its stored JSON text (`JSON.stringify(release)`, what D1 holds): the JSON formats pass the text
 * through instead of parsing and re-serialising it (most of an export's garbage: bench/ocds-bulk.ts);
 * the CSV sheets parse it.
 */

/** A release, or its compact JSON text as stored. */
export type ReleaseInput = OcdsRelease | string;
const jsonOf = (r: ReleaseInput) => (typeof r === "string" ? r : JSON.stringify(r));
const objectOf = (r: ReleaseInput): OcdsRelease =>
  typeof r === "string" ? (JSON.parse(r) as OcdsRelease) : r;

export type BulkFormat =
  | { kind: "package"; meta: OcdsPackageMeta }
  | { kind: "ndjson" }
  | { kind: "csv"; sheet: CsvSheet };

export async function* encodeReleases(
  releases: AsyncIterable<ReleaseInput>,
  format: BulkFormat,
): AsyncGenerator<string> {
  if (format.kind === "package") {
    // The package head as releasePackage writes it, with the releases array streamed in.
    const head = JSON.stringify(releasePackage([], format.meta));
    yield head.slice(0, head.lastIndexOf("[") + 1);
    let first = true;
    for await (const r of releases) {
      yield `${first ? "" : ","}${jsonOf(r)}`;
      first = false;
    }
    yield "]}";
    return;
  }
  if (format.kind === "csv") {
    yield csvHeader(format.sheet);
    for await (const r of releases) {
      const lines = csvLines(format.sheet, objectOf(r));
      if (lines) yield lines;
    }
    return;
  }
  for await (const r of releases) yield `${jsonOf(r)}\n`;
}

/**
 * Text chunks are gathered up to this many characters before they are encoded and compressed: one
 * release (a few KB) per chunk made CompressionStream the slowest stage of an export (bench/ocds-bulk.ts,
 * stage by stage), and each chunk is garbage of its own. 64 Ki characters keeps what is held small.
 */
export const GZIP_BATCH_CHARS = 64 * 1024;

/** Text chunks → gzip bytes, with backpressure (a pull stream: the next batch is encoded when asked). */
export function gzipStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const it = chunks[Symbol.asyncIterator]();
  const text = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const batch: string[] = [];
      let length = 0;
      while (length < GZIP_BATCH_CHARS) {
        const { value, done } = await it.next();
        if (done) break;
        batch.push(value);
        length += value.length;
      }
      if (batch.length > 0) controller.enqueue(enc.encode(batch.join("")));
      if (length < GZIP_BATCH_CHARS) controller.close();
    },
  });
  return text.pipeThrough(
    new CompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
  );
}
