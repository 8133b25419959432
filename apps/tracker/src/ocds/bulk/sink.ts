/**
 * Writes a byte stream of unknown length to R2 in bounded memory: parts of exactly PART_SIZE bytes go
 * out as a multipart upload (R2 wants equal parts but the last, each ≥ 5 MiB), a file smaller than one
 * part is one plain put. The SHA-256 is computed on the way (workerd's DigestStream). One part buffer
 * serves the whole file: `uploadPart` has sent it when its promise settles, so it is refilled, not
 * reallocated (a new 5 MiB buffer per part was garbage the isolate had to collect: bench/ocds-bulk.ts).
 */
export const PART_SIZE = 5 * 1024 * 1024;

export type Stored = { key: string; size: number; sha256: string };

const hex = (buf: ArrayBuffer) =>
  [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");

export async function putStream(
  bucket: R2Bucket,
  key: string,
  body: ReadableStream<Uint8Array>,
  meta: { contentType: string; custom: Record<string, string> },
): Promise<Stored> {
  const digest = new crypto.DigestStream("SHA-256");
  const hashWriter = digest.getWriter();
  const part = new Uint8Array(PART_SIZE);
  let filled = 0;
  let size = 0;
  let upload: R2MultipartUpload | null = null;
  const parts: R2UploadedPart[] = [];
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      await hashWriter.write(value);
      size += value.byteLength;
      let offset = 0;
      while (offset < value.byteLength) {
        const n = Math.min(PART_SIZE - filled, value.byteLength - offset);
        part.set(value.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === PART_SIZE) {
          upload ??= await bucket.createMultipartUpload(key, {
            httpMetadata: { contentType: meta.contentType },
          });
          parts.push(await upload.uploadPart(parts.length + 1, part));
          filled = 0;
        }
      }
    }
    await hashWriter.close();
    const sha256 = hex(await digest.digest);
    const custom = { ...meta.custom, sha256, size: String(size) };
    if (!upload) {
      await bucket.put(key, part.subarray(0, filled), {
        httpMetadata: { contentType: meta.contentType },
        customMetadata: custom,
      });
    } else {
      if (filled > 0) parts.push(await upload.uploadPart(parts.length + 1, part.subarray(0, filled)));
      await upload.complete(parts);
      // Multipart uploads take their metadata at creation; the hash is known only now, so a small
      // sidecar object carries it (read by the listing).
      await bucket.put(`${key}.meta.json`, JSON.stringify(custom), {
        httpMetadata: { contentType: "application/json" },
      });
    }
    return { key, size, sha256 };
  } catch (e) {
    await upload?.abort().catch(() => {});
    throw e;
  }
}
