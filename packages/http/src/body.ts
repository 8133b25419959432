import { ApiError } from "./errors";

/**
 * Reads a request body as bytes, at most `cap` of them. A longer body (declared in Content-Length or
 * actually sent: the header can lie or be absent) is a 413 without reading the rest; a body that cannot
 * be read at all (the client aborted, a malformed chunked stream) is the client's 400, not our 500.
 * @example const bytes = await readBodyCapped(c.req.raw, 16 * 1024);
 */
export async function readBodyCapped(req: Request, cap: number): Promise<Uint8Array> {
  const tooLarge = () => new ApiError("payload_too_large", `The request body must be at most ${cap} bytes.`);
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > cap) throw tooLarge();
  if (req.body === null) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch {
      throw new ApiError("invalid_request", "The request body could not be read (aborted or malformed).");
    }
    if (chunk.done) break;
    total += chunk.value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
