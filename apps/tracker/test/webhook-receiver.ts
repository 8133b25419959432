import { createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook } from "@doffin/core";
import { RECEIVER_SECRET, type ReceivedWebhook } from "./webhook-constants";

type Verify = (secret: string, header: string, body: string) => boolean;

/** The verification snippet of the README (`<!-- webhook-verify -->`), run as written, so it stays true. */
function readmeVerifier(): Verify {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const block = readme.match(/<!-- webhook-verify -->\n```js\n([\s\S]*?)```/)?.[1];
  if (!block) throw new Error("README.md has no <!-- webhook-verify --> js block");
  const code = block.replace(/^import .*$/m, "");
  return new Function("createHmac", "timingSafeEqual", "Buffer", `${code}\nreturn verifyDoffinWebhook;`)(
    createHmac,
    timingSafeEqual,
    Buffer,
  ) as Verify;
}

/**
 * A local webhook receiver on 127.0.0.1 for the delivery tests (Node side, started by the global setup).
 * It verifies each POST the way a real receiver should, with core's `verifyWebhook` (a stale timestamp
 * or a changed body is a 401) — and with the README's Node snippet, whose verdict it logs too — and
 * keeps a log the tests read over HTTP:
 *   POST /ok/<name>        verify; 200 when valid, 401 when not
 *   POST /fail/<name>      500 (a receiver that is down)
 *   POST /redirect/<name>  302 to the metadata address (must not be followed)
 *   GET  /_log?prefix=/ok/a  the requests so far whose path starts with prefix
 */
export async function startWebhookReceiver() {
  const log: ReceivedWebhook[] = [];
  const snippet = readmeVerifier();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (req.method === "GET" && url.pathname === "/_log") {
        const prefix = url.searchParams.get("prefix") ?? "/";
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify(log.filter((r) => r.path.startsWith(prefix))));
        return;
      }
      const body = Buffer.concat(chunks).toString("utf8");
      const header = (name: string) => {
        const v = req.headers[name.toLowerCase()];
        return Array.isArray(v) ? v.join(",") : (v ?? null);
      };
      const signature = header("Doffin-Signature");
      const valid = signature
        ? await verifyWebhook(RECEIVER_SECRET, signature, body, Math.floor(Date.now() / 1000))
        : false;
      const status = url.pathname.startsWith("/fail/")
        ? 500
        : url.pathname.startsWith("/redirect/")
          ? 302
          : valid
            ? 200
            : 401;
      log.push({
        path: url.pathname,
        at: Date.now(),
        eventId: header("Doffin-Event-Id"),
        eventType: header("Doffin-Event-Type"),
        contentType: header("content-type"),
        signature,
        body,
        valid,
        snippetValid: signature ? snippet(RECEIVER_SECRET, signature, body) : false,
        status,
      });
      if (status === 302) res.setHeader("location", "http://169.254.169.254/latest/meta-data/");
      res.statusCode = status;
      res.end(status === 200 ? "ok" : "no");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
