import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createOcdsValidator, type SchemaName } from "../../../packages/core/test/ocds-validator";

/**
 * Core's Ajv OCDS validator behind a 127.0.0.1 endpoint (Node side of the test run): the Worker tests
 * POST what `/ocds/*` served to `/{schema}` and get Ajv's errors back. workerd cannot compile Ajv
 * validators (no eval), so the validation runs here, with the very helper core's tests use.
 */
export async function startOcdsValidator(): Promise<{ url: string; close: () => Promise<void> }> {
  const validate = createOcdsValidator();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        const errors = validate(
          req.url?.slice(1) as SchemaName,
          JSON.parse(Buffer.concat(chunks).toString("utf8")),
        );
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errors }));
      } catch (e) {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: String(e) }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
